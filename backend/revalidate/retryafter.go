package revalidate

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// MaxRetryAfter caps the wait a site may impose through Retry-After: a proxy that answers "wait a year" must
// not lock the card for longer than an hour.
const MaxRetryAfter = time.Hour

// retryAfterSeconds reads a 429's Retry-After (delta-seconds or an HTTP date, RFC 9110 §10.2.3) as whole
// seconds, rounded up, in [1, MaxRetryAfter]; 0 when the header is absent or unreadable (the local
// cooldown then applies).
func retryAfterSeconds(header string, now time.Time) int {
	header = strings.TrimSpace(header)
	if header == "" {
		return 0
	}
	var d time.Duration
	if n, err := strconv.ParseInt(header, 10, 64); err == nil {
		if n < 0 {
			return 0
		}
		d = time.Duration(min(n, int64(MaxRetryAfter/time.Second))) * time.Second
	} else if t, err := http.ParseTime(header); err == nil {
		d = t.Sub(now)
	} else {
		return 0
	}
	d = min(max(d, time.Second), MaxRetryAfter)
	return ceilSeconds(d)
}
