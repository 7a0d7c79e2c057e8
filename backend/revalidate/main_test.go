package revalidate

import (
	"testing"

	"go.uber.org/goleak"
)

// No run may leave a worker, a progress timer or a poll behind. Idle keep-alive connections of the shared
// transport are not leaks.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m,
		goleak.IgnoreTopFunction("net/http.(*persistConn).readLoop"),
		goleak.IgnoreTopFunction("net/http.(*persistConn).writeLoop"),
		goleak.IgnoreTopFunction("internal/poll.runtime_pollWait"),
	)
}
