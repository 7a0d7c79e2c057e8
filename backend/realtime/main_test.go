package realtime

import (
	"testing"

	"go.uber.org/goleak"
)

// Every test closes its Service (idle keep-alive connections) and peers in Cleanup, so no goroutine may
// remain when the package's tests end.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
