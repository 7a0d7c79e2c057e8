// Package watch runs a profile's checks on a schedule and turns their outcomes into states, samples and
// events. It knows nothing of Wails, of the checks themselves or of storage: the front end gives it a
// RunFunc (the desktop app and siyanactl both build one over backend/runner) and sinks (the history
// database, notifications, a metrics exporter), so both front ends use it unchanged.
//
// Per (profile, check): never two runs at once (a manual run waits for a scheduled one, a scheduled tick
// finding a manual run going is skipped); the first run comes after a random part of the interval and every
// later one is jittered, so checks do not align; a run that outlives its interval makes the ticks it
// overran be skipped, not queued; every run is bounded by the scheduler's context and by its interval.
package watch

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// RunFunc runs check for profileID once, within ctx, and says what it found (scrubbed).
type RunFunc func(ctx context.Context, profileID, check string) Outcome

// Sink receives every recorded sample, and the event when the sample changed the state (else nil). Sinks
// are called in order, from the goroutine that ran the check, one sample of a (profile, check) at a time;
// they must not block for long.
type Sink interface {
	Observe(s Sample, e *Event)
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(Sample, *Event)

func (f SinkFunc) Observe(s Sample, e *Event) { f(s, e) }

// Config tunes the scheduler; the zero value is the production behaviour.
type Config struct {
	// MinInterval is the shortest interval the scheduler runs (default MinIntervalSec). Tests lower it;
	// Settings still refuse less than MinIntervalSec, so only IntervalOverride goes below.
	MinInterval time.Duration
	// IntervalOverride, when set, replaces every watched check's interval (tests, benchmarks).
	IntervalOverride time.Duration
	// Jitter is the fraction of the interval each wait is moved by at random (default 0.1, i.e. ±10%).
	Jitter float64
	// RunTimeout caps one run (default: the interval, at most 30 s).
	RunTimeout time.Duration
	// Now and Sleep are the clock (defaults time.Now and a timer); a benchmark gives a fake fast clock.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand returns a number in [0, 1) (default math/rand/v2).
	Rand func() float64
	// Restore, when set, says whether an earlier session left (profile, check) down, and since when
	// (the history database's open incident), so the first success after a restart is a recovery.
	Restore func(profileID, check string) (since time.Time, down bool)
}

// Scheduler watches every profile's checks per its Settings.
type Scheduler struct {
	cfg   Config
	run   RunFunc
	sinks []Sink

	mu       sync.Mutex
	settings map[string]Settings // profileID → settings
	machines map[key]*machine
	locks    map[key]chan struct{} // one run of a (profile, check) at a time
	loops    map[key]*loop
	ctx      context.Context // nil until Start, and after Stop
	stop     context.CancelFunc
	wg       sync.WaitGroup
}

type key struct{ profile, check string }

type loop struct {
	cancel   context.CancelFunc
	interval time.Duration
}

// New builds a scheduler over run; it watches nothing until Set and Start.
func New(cfg Config, run RunFunc, sinks ...Sink) *Scheduler {
	if cfg.MinInterval <= 0 {
		cfg.MinInterval = MinIntervalSec * time.Second
	}
	if cfg.Jitter <= 0 || cfg.Jitter >= 1 {
		cfg.Jitter = 0.1
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Float64
	}
	return &Scheduler{cfg: cfg, run: run, sinks: sinks, settings: map[string]Settings{},
		machines: map[key]*machine{}, locks: map[key]chan struct{}{}, loops: map[key]*loop{}}
}

// Set replaces how profileID is watched (s is normalized first; refused settings change nothing and
// return the field errors). Loops of checks turned off stop; new ones start when the scheduler runs.
func (s *Scheduler) Set(profileID string, st Settings) []FieldError {
	st, bad := Normalize(st)
	if bad != nil {
		return bad
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settings[profileID] = st
	s.reconcileLocked()
	return nil
}

// Forget stops watching profileID and drops its states (the profile was deleted).
func (s *Scheduler) Forget(profileID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.settings, profileID)
	for k := range s.machines {
		if k.profile == profileID {
			delete(s.machines, k)
		}
	}
	s.reconcileLocked()
}

// Settings returns how profileID is watched (Defaults when never set).
func (s *Scheduler) Settings(profileID string) Settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.settings[profileID]; ok {
		return st
	}
	return Defaults()
}

// Start runs the watched checks until ctx ends or Stop. Calling it again while running does nothing.
func (s *Scheduler) Start(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ctx != nil {
		return
	}
	s.ctx, s.stop = context.WithCancel(ctx)
	s.reconcileLocked()
}

// Stop ends every loop and waits for runs in progress to return (their contexts are canceled).
func (s *Scheduler) Stop() {
	s.mu.Lock()
	if s.stop != nil {
		s.stop()
	}
	s.ctx, s.stop = nil, nil
	for k, l := range s.loops {
		l.cancel()
		delete(s.loops, k)
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// Active says whether any check of any profile is watched (whether or not the scheduler is started): the
// desktop app keeps running with its window hidden while it is.
func (s *Scheduler) Active() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.settings {
		if st.Watching() {
			return true
		}
	}
	return false
}

// State returns the current state of (profileID, check).
func (s *Scheduler) State(profileID, check string) State {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.machines[key{profileID, check}]; m != nil && m.state != "" {
		return m.state
	}
	return StateUnknown
}

// Record records the outcome of a run the admin started (the button): it joins the samples and may change
// the state like a scheduled run. at is when it finished.
func (s *Scheduler) Record(profileID, check string, o Outcome, at time.Time) {
	s.observe(profileID, check, o, at, true)
}

// Exclusive runs fn while no other run of (profileID, check) is going: a manual run waits for a scheduled
// one to finish (bounded by ctx; false when ctx ended first and fn did not run).
func (s *Scheduler) Exclusive(ctx context.Context, profileID, check string, fn func()) bool {
	l := s.lock(key{profileID, check})
	select {
	case l <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	defer func() { <-l }()
	fn()
	return true
}

func (s *Scheduler) lock(k key) chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.locks[k]
	if l == nil {
		l = make(chan struct{}, 1)
		s.locks[k] = l
	}
	return l
}

// reconcileLocked starts the loops that should run and stops the others (s.mu held).
func (s *Scheduler) reconcileLocked() {
	want := map[key]time.Duration{}
	if s.ctx != nil {
		for id, st := range s.settings {
			for _, c := range st.Checks {
				if c.Enabled {
					want[key{id, c.Check}] = s.interval(c)
				}
			}
		}
	}
	for k, l := range s.loops {
		if iv, ok := want[k]; !ok || iv != l.interval {
			l.cancel()
			delete(s.loops, k)
		}
	}
	for k, iv := range want {
		if _, ok := s.loops[k]; ok {
			continue
		}
		ctx, cancel := context.WithCancel(s.ctx)
		s.loops[k] = &loop{cancel: cancel, interval: iv}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.loop(ctx, k, iv)
		}()
	}
}

func (s *Scheduler) interval(c CheckSettings) time.Duration {
	if s.cfg.IntervalOverride > 0 {
		return s.cfg.IntervalOverride
	}
	return max(time.Duration(c.IntervalSec)*time.Second, s.cfg.MinInterval)
}

// loop runs (k) every iv until ctx ends. The first run comes after a random part of iv, so checks set at
// the same moment spread out.
func (s *Scheduler) loop(ctx context.Context, k key, iv time.Duration) {
	due := s.cfg.Now().Add(time.Duration(s.cfg.Rand() * float64(iv)))
	for {
		if err := s.cfg.Sleep(ctx, due.Sub(s.cfg.Now())); err != nil {
			return
		}
		s.tick(ctx, k, iv)
		due = Next(due, s.cfg.Now(), iv, s.cfg.Jitter, s.cfg.Rand)
	}
}

// Next is the due time after a run that was due at due and finished at now: one interval later, moved by
// up to ±jitter of it; the ticks a long run overran are skipped (never queued), so the next one is always
// after now. r returns a number in [0, 1).
func Next(due, now time.Time, iv time.Duration, jitter float64, r func() float64) time.Time {
	due = due.Add(iv)
	if !due.After(now) {
		due = due.Add(((now.Sub(due) / iv) + 1) * iv) // the first slot after now
	}
	j := time.Duration((r()*2 - 1) * jitter * float64(iv))
	if next := due.Add(j); next.After(now) {
		return next
	}
	return due
}

// tick runs k once, unless a run of k (a manual one) is going: then this tick is skipped.
func (s *Scheduler) tick(ctx context.Context, k key, iv time.Duration) {
	l := s.lock(k)
	select {
	case l <- struct{}{}:
	default:
		return
	}
	defer func() { <-l }()
	timeout := s.cfg.RunTimeout
	if timeout <= 0 {
		timeout = min(iv, 30*time.Second)
	}
	rctx, cancel := context.WithTimeout(ctx, timeout)
	o := s.run(rctx, k.profile, k.check)
	cancel()
	if ctx.Err() != nil {
		return // stopped mid-run: a canceled run says nothing about the site
	}
	s.observe(k.profile, k.check, o, s.cfg.Now(), false)
}

// observe steps the state machine of (profileID, check) with o and hands the sample (and event) to the sinks.
func (s *Scheduler) observe(profileID, check string, o Outcome, at time.Time, manual bool) {
	if o.Skipped {
		return
	}
	k := key{profileID, check}
	s.mu.Lock()
	st, ok := s.settings[profileID]
	if !ok {
		st = Defaults()
	}
	m := s.machines[k]
	if m == nil {
		m = &machine{}
		if s.cfg.Restore != nil {
			if since, down := s.cfg.Restore(profileID, check); down {
				m.restore(since)
			}
		}
		s.machines[k] = m
	}
	state, ev := m.step(o, at, st.FailuresToDown, st.For(check).DegradedMs)
	s.mu.Unlock()
	if ev != nil {
		ev.ProfileID, ev.Check = profileID, check
	}
	smp := Sample{ProfileID: profileID, Check: check, At: at.UTC(), OK: o.OK, Code: o.Code, LatencyMs: o.LatencyMs,
		State: state, Detail: cut(o.Detail, MaxDetail), Manual: manual}
	for _, sk := range s.sinks {
		sk.Observe(smp, ev)
	}
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
