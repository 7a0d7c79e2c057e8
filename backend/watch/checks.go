package watch

import (
	"fmt"
	"time"

	"siyana/backend/history"
)

// Spec is one watchable check: its history kind, the interval the settings suggest, and the latency above
// which a successful run counts as degraded (the admin can change both per profile). Adding a check is one
// row in Checks.
type Spec struct {
	Check      string        // a history.Kind* constant
	Suggested  time.Duration // the interval offered when the admin turns watching on
	DegradedMs float64       // default latency threshold of the degraded state
	Label      string        // catalog key of the check's name (notifications, settings)
}

// Checks is the table of watchable checks, in the order the settings list them. The thresholds are a few
// times what a healthy peer answers in (a warm MongoDB ping is a few ms, an Atlas lookup several HTTPS
// requests, the live test a WebSocket connect + trigger + delivery), so "degraded" means "clearly slow".
var Checks = []Spec{
	{Check: history.KindDatabase, Suggested: 60 * time.Second, DegradedMs: 500, Label: "watch.check.database"},
	{Check: history.KindAtlas, Suggested: 5 * time.Minute, DegradedMs: 3000, Label: "watch.check.atlas"},
	{Check: history.KindPusherCreds, Suggested: 60 * time.Second, DegradedMs: 1500, Label: "watch.check.pusherCredentials"},
	{Check: history.KindPusherLive, Suggested: 5 * time.Minute, DegradedMs: 3000, Label: "watch.check.pusherLive"},
	{Check: history.KindSite, Suggested: 60 * time.Second, DegradedMs: 2000, Label: "watch.check.site"},
	{Check: history.KindPages, Suggested: 5 * time.Minute, DegradedMs: 3000, Label: "watch.check.pages"},
}

// SpecOf returns the row of check; ok is false for a check that cannot be watched.
func SpecOf(check string) (Spec, bool) {
	for _, s := range Checks {
		if s.Check == check {
			return s, true
		}
	}
	return Spec{}, false
}

// Limits of the settings. MinIntervalSec keeps a desktop app from hammering production; tests lower the
// scheduler's floor through Config.MinInterval instead.
const (
	MinIntervalSec       = 10
	MaxIntervalSec       = 24 * 60 * 60
	MinDegradedMs        = 1
	MaxDegradedMs        = 600_000
	DefaultFailuresDown  = 2
	MaxFailuresDown      = 10
	DefaultNotifications = true
)

// Codes the front ends answer with for watching (besides OK, INVALID_INPUT and the profile's codes).
const (
	CodeUnknownCheck = "WATCH_UNKNOWN_CHECK" // the check named cannot be watched (not a Checks row)
	CodeNotSaved     = "WATCH_NOT_SAVED"     // watch.json could not be written: the settings hold for this session only
)

// Field codes of refused settings (field.<code> in the catalogs).
const (
	FieldUnknownCheck = "watchUnknownCheck"
	FieldInterval     = "watchInterval"
	FieldDegraded     = "watchDegraded"
	FieldFailures     = "watchFailures"
)

// CheckSettings is how one check of a profile is watched.
type CheckSettings struct {
	Check       string  `json:"check"`       // a Checks row
	Enabled     bool    `json:"enabled"`     // off by default
	IntervalSec int     `json:"intervalSec"` // MinIntervalSec..MaxIntervalSec
	DegradedMs  float64 `json:"degradedMs"`  // a successful run slower than this is degraded
}

// Settings is how a profile is watched: every check of Checks, in its order.
type Settings struct {
	Notify         bool            `json:"notify"`         // native notifications on state changes
	FailuresToDown int             `json:"failuresToDown"` // consecutive failures that make a check down (and slow runs degraded)
	Checks         []CheckSettings `json:"checks"`
}

// Defaults is a profile's settings before the admin changes any: nothing watched, notifications on, down
// after DefaultFailuresDown failures, each check's suggested interval and threshold.
func Defaults() Settings {
	s := Settings{Notify: DefaultNotifications, FailuresToDown: DefaultFailuresDown, Checks: make([]CheckSettings, 0, len(Checks))}
	for _, c := range Checks {
		s.Checks = append(s.Checks, CheckSettings{Check: c.Check, IntervalSec: int(c.Suggested / time.Second), DegradedMs: c.DegradedMs})
	}
	return s
}

// FieldError is one refused field: where ("checks.database.intervalSec", "failuresToDown") and its code.
type FieldError struct {
	Field string `json:"field"`
	Code  string `json:"code"`
}

// Normalize validates s and returns it complete: every check of Checks once, in table order (a check s
// does not mention keeps its default). Any refused field refuses the whole settings (nothing changes).
func Normalize(s Settings) (Settings, []FieldError) {
	out := Defaults()
	var bad []FieldError
	out.Notify = s.Notify
	if s.FailuresToDown != 0 { // 0: not given, the default stays
		out.FailuresToDown = s.FailuresToDown
	}
	if out.FailuresToDown < 1 || out.FailuresToDown > MaxFailuresDown {
		bad = append(bad, FieldError{Field: "failuresToDown", Code: FieldFailures})
	}
	seen := map[string]bool{}
	for _, c := range s.Checks {
		i := index(c.Check)
		if i < 0 || seen[c.Check] {
			bad = append(bad, FieldError{Field: "checks", Code: FieldUnknownCheck})
			continue
		}
		seen[c.Check] = true
		if c.IntervalSec < MinIntervalSec || c.IntervalSec > MaxIntervalSec {
			bad = append(bad, FieldError{Field: fmt.Sprintf("checks.%s.intervalSec", c.Check), Code: FieldInterval})
		}
		// NaN fails both comparisons, so it is refused by the negated form.
		if !(c.DegradedMs >= MinDegradedMs && c.DegradedMs <= MaxDegradedMs) {
			bad = append(bad, FieldError{Field: fmt.Sprintf("checks.%s.degradedMs", c.Check), Code: FieldDegraded})
		}
		out.Checks[i] = c
	}
	if len(bad) > 0 {
		return Defaults(), bad
	}
	return out, nil
}

// Watching says whether any check of s is watched.
func (s Settings) Watching() bool {
	for _, c := range s.Checks {
		if c.Enabled {
			return true
		}
	}
	return false
}

// For returns the settings of check (the default row when s lacks it).
func (s Settings) For(check string) CheckSettings {
	for _, c := range s.Checks {
		if c.Check == check {
			return c
		}
	}
	if i := index(check); i >= 0 {
		return Defaults().Checks[i]
	}
	return CheckSettings{Check: check}
}

func index(check string) int {
	for i, c := range Checks {
		if c.Check == check {
			return i
		}
	}
	return -1
}
