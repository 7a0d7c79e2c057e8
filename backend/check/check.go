// Package check holds what every health check shares: stable codes that mean the same on every card, and
// the conversion of durations into the milliseconds the UI shows.
//
// Each check package defines its own result struct with at least these JSON fields, so the frontend can
// treat them alike: ok, code, message (Arabic, safe to show: no secret, no credentials), checkedAt,
// durationMs. Codes are stable strings; the UI maps them to labels, tests assert on them.
package check

import (
	"context"
	"errors"
	"time"

	"siyana/backend/i18n"
)

// Codes shared by several checks. Packages add their own finer codes next to their result types.
const (
	CodeOK            = "OK"
	CodeNotConfigured = "NOT_CONFIGURED"
	CodeTimeout       = "TIMEOUT"
	CodeUnreachable   = "UNREACHABLE"
	CodeCanceled      = "CANCELED"
	CodeInternal      = "INTERNAL"
)

// Said is what a result with code and params p says in area's catalog entries: whether it is OK, and its
// English message and hint (the card renders code + params in the admin's language). Filling the three from
// one call keeps them from disagreeing.
func Said(area, code string, p i18n.Params) (ok bool, message, hint string) {
	return code == CodeOK, i18n.Detail(area, code, p), i18n.DetailHint(area, code, p)
}

// DefaultTimeout bounds a single check when the caller's context has no earlier deadline.
const DefaultTimeout = 10 * time.Second

// Ms converts a duration to fractional milliseconds, rounded to microseconds, for display and JSON.
func Ms(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
}

// Codes every bound method gives for the same two situations, whichever service answers: one code each, so
// the UI has one label and one fix for them.
const (
	// CodeProfileNotFound: the profile id names no saved profile (deleted meanwhile, or never saved).
	CodeProfileNotFound = "PROFILE_NOT_FOUND"
	// CodeStoreUnavailable: the config dir could not be opened at start, so no profile can be read or saved.
	CodeStoreUnavailable = "STORE_UNAVAILABLE"
)

// Transport classifies a failure that got no answer, the same way for every check: the caller's cancel
// (CANCELED), a deadline or a network timeout (TIMEOUT), anything else (UNREACHABLE). A package with finer
// codes (a TLS failure, a refused handshake) maps the UNREACHABLE case further; the first two never change.
func Transport(ctx context.Context, err error) string {
	var te interface{ Timeout() bool }
	switch {
	case errors.Is(ctx.Err(), context.Canceled):
		return CodeCanceled
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &te) && te.Timeout():
		return CodeTimeout
	case errors.Is(err, context.Canceled):
		return CodeCanceled
	default:
		return CodeUnreachable
	}
}

// Clock is how every service is given the time: a func field defaulting to time.Now (tests set a fixed one).
type Clock func() time.Time

// Now returns c(), or time.Now() for a nil Clock, so a zero-valued service still has a clock.
func (c Clock) Now() time.Time {
	if c == nil {
		return time.Now()
	}
	return c()
}

// Bound limits ctx to d, or to DefaultTimeout when d is zero; a deadline the caller set earlier still wins.
// It is the one place a check's default bound is applied.
func Bound(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		d = DefaultTimeout
	}
	return context.WithTimeout(ctx, d)
}
