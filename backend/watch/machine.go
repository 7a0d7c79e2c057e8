package watch

import "time"

// State is what a watched check is, as the card and the notifications say it.
type State string

const (
	StateUnknown  State = "unknown"  // no sample yet
	StateUp       State = "up"       // answering, fast enough
	StateDegraded State = "degraded" // answering, slower than the threshold FailuresToDown times in a row
	StateDown     State = "down"     // failed FailuresToDown times in a row
)

// Outcome is what one run of a check says, already scrubbed by the front end's redactor.
type Outcome struct {
	OK        bool    // the check passed
	Code      string  // its stable code
	LatencyMs float64 // the check's own latency (warm round trip, request time) or its duration
	Detail    string  // a short scrubbed English detail (at most MaxDetail runes), may be ""
	Warn      bool    // the check answered with a warning: counts as slow (degraded), never as down
	// Skipped: nothing was asked of the site (the profile is gone, the store or the keychain could not be
	// read). No sample is recorded and the state does not move.
	Skipped bool
}

// MaxDetail bounds Outcome.Detail as stored.
const MaxDetail = 160

// Sample is one recorded run of a check of a profile.
type Sample struct {
	ProfileID string    `json:"profileId"`
	Check     string    `json:"check"`
	At        time.Time `json:"at" ts_type:"string"`
	OK        bool      `json:"ok"`
	Code      string    `json:"code"`
	LatencyMs float64   `json:"latencyMs"`
	State     State     `json:"state"`  // the state after this sample
	Detail    string    `json:"detail"` // scrubbed, short
	Manual    bool      `json:"manual"` // an admin pressed the button
}

// EventKind names a state change.
type EventKind string

const (
	EventDown      EventKind = "down"      // → down: an incident opened
	EventRecovered EventKind = "recovered" // down → up or degraded: the incident closed (DownFor)
	EventDegraded  EventKind = "degraded"  // up/unknown → degraded
	EventRestored  EventKind = "restored"  // degraded → up (no notification: the admin was told of the slowness only)
)

// Event is one state change of a (profile, check): emitted once per change.
type Event struct {
	Kind      EventKind     `json:"kind"`
	ProfileID string        `json:"profileId"`
	Check     string        `json:"check"`
	From      State         `json:"from"`
	To        State         `json:"to"`
	At        time.Time     `json:"at" ts_type:"string"`
	Code      string        `json:"code"`                   // the sample's code (the failure's code for EventDown)
	LatencyMs float64       `json:"latencyMs"`              // the sample's latency
	Since     time.Time     `json:"since" ts_type:"string"` // EventDown: first failure of the streak; EventRecovered: when it went down
	DownFor   time.Duration `json:"downForNs"`              // EventRecovered: how long it was down (from the first failure)
}

// machine is the state of one (profile, check). Down after n consecutive failures; recovered on the first
// success (the admin wants to know at once); degraded after n consecutive slow successes and back up after
// n consecutive fast ones, so a latency hovering at the threshold cannot flap.
type machine struct {
	state     State
	fails     int
	slow      int
	fast      int
	firstFail time.Time // first failure of the current streak
	downSince time.Time // first failure of the streak that made it down
}

// restore starts a machine that an earlier session left down (an open incident since since).
func (m *machine) restore(since time.Time) {
	m.state, m.downSince, m.fails = StateDown, since, 0
}

// step applies one sample and returns the new state and the event, if the state changed into one the
// admin cares about (unknown → up is not an event).
func (m *machine) step(o Outcome, at time.Time, n int, degradedMs float64) (State, *Event) {
	if m.state == "" {
		m.state = StateUnknown
	}
	from := m.state
	ev := func(k EventKind, to State) *Event {
		m.state = to
		return &Event{Kind: k, From: from, To: to, At: at, Code: o.Code, LatencyMs: o.LatencyMs}
	}
	if !o.OK {
		if m.fails == 0 {
			m.firstFail = at
		}
		m.fails++
		m.slow, m.fast = 0, 0
		if m.state != StateDown && m.fails >= n {
			e := ev(EventDown, StateDown)
			m.downSince, e.Since = m.firstFail, m.firstFail
			return m.state, e
		}
		return m.state, nil
	}
	m.fails = 0
	slow := o.LatencyMs > degradedMs || o.Warn
	if slow {
		m.slow, m.fast = m.slow+1, 0
	} else {
		m.fast, m.slow = m.fast+1, 0
	}
	switch m.state {
	case StateDown:
		to := StateUp
		if slow && n <= 1 {
			to = StateDegraded
		}
		e := ev(EventRecovered, to)
		e.Since, e.DownFor = m.downSince, at.Sub(m.downSince)
		return m.state, e
	case StateUp, StateUnknown:
		if slow && m.slow >= n {
			return m.state, ev(EventDegraded, StateDegraded)
		}
		m.state = StateUp // answering; slow, but not yet n times in a row
		return m.state, nil
	case StateDegraded:
		if !slow && m.fast >= n {
			return m.state, ev(EventRestored, StateUp)
		}
	}
	return m.state, nil
}
