package dbhealth

import (
	"testing"

	"go.uber.org/goleak"
)

// Every client the service makes must be disconnected: a leaked driver goroutine means a leaked client.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
