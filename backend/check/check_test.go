package check

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"
)

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

// Every check classifies a failure without an answer through Transport; these are the cases each used to
// decide on its own (and decided differently).
func TestTransport(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	live := context.Background()
	scenarios := []struct {
		name string
		ctx  context.Context
		err  error
		want string
	}{
		{"caller canceled", canceled, errors.New("whatever"), CodeCanceled},
		{"caller canceled wins over a timeout", canceled, timeoutErr{}, CodeCanceled},
		{"deadline of the context", expired, errors.New("read: connection reset"), CodeTimeout},
		{"deadline in the error", live, context.DeadlineExceeded, CodeTimeout},
		{"network timeout", live, &net.OpError{Op: "dial", Err: timeoutErr{}}, CodeTimeout},
		{"canceled in the error only", live, context.Canceled, CodeCanceled},
		{"refused", live, &net.OpError{Op: "dial", Err: errors.New("connection refused")}, CodeUnreachable},
		{"nil error", live, nil, CodeUnreachable},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Transport(s.ctx, s.err); got != s.want {
				t.Fatalf("Transport = %s, want %s", got, s.want)
			}
		})
	}
}

func TestBoundDefaultsAndKeepsEarlierDeadline(t *testing.T) {
	ctx, cancel := Bound(context.Background(), 0)
	defer cancel()
	dl, ok := ctx.Deadline()
	if !ok || time.Until(dl) > DefaultTimeout || time.Until(dl) < DefaultTimeout-time.Second {
		t.Fatalf("zero bound: deadline in %v, want ~%v", time.Until(dl), DefaultTimeout)
	}
	parent, cancelP := context.WithTimeout(context.Background(), time.Second)
	defer cancelP()
	ctx2, cancel2 := Bound(parent, time.Hour)
	defer cancel2()
	if dl2, _ := ctx2.Deadline(); time.Until(dl2) > time.Second {
		t.Fatalf("the caller's earlier deadline must win, got %v", time.Until(dl2))
	}
}

func TestClock(t *testing.T) {
	fixed := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if got := Clock(func() time.Time { return fixed }).Now(); !got.Equal(fixed) {
		t.Fatalf("Clock.Now = %v", got)
	}
	if got := Clock(nil).Now(); time.Since(got) > time.Minute {
		t.Fatalf("nil Clock must be time.Now, got %v", got)
	}
}
