// Package check holds what every health check shares: stable codes that mean the same on every card, and
// the conversion of durations into the milliseconds the UI shows.
//
// Each check package defines its own result struct with at least these JSON fields, so the frontend can
// treat them alike: ok, code, message (Arabic, safe to show: no secret, no credentials), checkedAt,
// durationMs. Codes are stable strings; the UI maps them to labels, tests assert on them.
package check

import "time"

// Codes shared by several checks. Packages add their own finer codes next to their result types.
const (
	CodeOK            = "OK"
	CodeNotConfigured = "NOT_CONFIGURED"
	CodeTimeout       = "TIMEOUT"
	CodeUnreachable   = "UNREACHABLE"
	CodeCanceled      = "CANCELED"
	CodeInternal      = "INTERNAL"
)

// DefaultTimeout bounds a single check when the caller's context has no earlier deadline.
const DefaultTimeout = 10 * time.Second

// Ms converts a duration to fractional milliseconds, rounded to microseconds, for display and JSON.
func Ms(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
}
