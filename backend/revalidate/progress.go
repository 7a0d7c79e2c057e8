package revalidate

import (
	"sync"
	"time"

	"siyana/backend/platform"
)

// progressSink coalesces progress into at most one event per progressInterval. The first event goes out at
// once (the bar appears), later ones at most every interval with the latest state (a trailing timer makes
// sure the last update before a pause is shown), and the final one always, after which nothing is emitted.
// It uses the wall clock, not the service clock: this is about how often the UI repaints.
type progressSink struct {
	rt       platform.Runtime
	interval time.Duration

	mu      sync.Mutex
	cur     Progress
	last    time.Time
	pending bool
	timer   *time.Timer
	closed  bool
	emitted int
}

func newProgressSink(rt platform.Runtime, start Progress) *progressSink {
	p := &progressSink{rt: rt, interval: progressInterval, cur: start}
	p.mu.Lock()
	p.emitLocked()
	p.mu.Unlock()
	return p
}

// update changes the state and emits it now or later.
func (p *progressSink) update(change func(*Progress)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	change(&p.cur)
	wait := p.interval - time.Since(p.last)
	if wait <= 0 {
		p.emitLocked()
		return
	}
	p.pending = true
	if p.timer == nil {
		p.timer = time.AfterFunc(wait, p.flush)
	}
}

func (p *progressSink) flush() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.timer = nil
	if p.closed || !p.pending {
		return
	}
	p.emitLocked()
}

// finish emits the final event with the given phase; later updates are ignored.
func (p *progressSink) finish(phase string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	p.closed = true
	if p.timer != nil {
		p.timer.Stop()
		p.timer = nil
	}
	p.cur.Phase = phase
	p.emitLocked()
}

func (p *progressSink) snapshot() Progress {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cur
}

// emitLocked sends a copy under the lock, so events leave in the order of the state changes.
func (p *progressSink) emitLocked() {
	p.pending = false
	p.last = time.Now()
	p.emitted++
	if p.rt != nil {
		p.rt.Emit(ProgressEvent, p.cur)
	}
}

func (p *progressSink) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.emitted
}
