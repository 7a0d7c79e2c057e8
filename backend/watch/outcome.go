package watch

import "encoding/json"

// OutcomeOf reads what every check result shares (backend/check: ok, code, message, durationMs) from
// result, which the caller has already scrubbed. The latency is the check's own figure when it has one
// (latencyMs: the warm database round trip, the live test's delivery; requestMs: the signed trigger),
// else the run's duration. A result at level "warn" (a storefront page whose certificate expires soon)
// is an answer, not a failure: it counts as up and makes the check degraded, like a slow answer. A result that does not encode gives a failed outcome with code INTERNAL.
func OutcomeOf(result any) Outcome {
	var r struct {
		OK         bool     `json:"ok"`
		Code       string   `json:"code"`
		Message    string   `json:"message"`
		LatencyMs  *float64 `json:"latencyMs"`
		RequestMs  *float64 `json:"requestMs"`
		DurationMs float64  `json:"durationMs"`
		Level      string   `json:"level"` // the pages check: "warn" is an answer that needs attention soon
	}
	b, err := json.Marshal(result)
	if err != nil || json.Unmarshal(b, &r) != nil {
		return Outcome{Code: "INTERNAL"}
	}
	o := Outcome{OK: r.OK, Code: r.Code, LatencyMs: r.DurationMs, Detail: cut(r.Message, MaxDetail)}
	if !r.OK && r.Level == "warn" {
		o.OK, o.Warn = true, true // the site answers (up), but not as it should (a certificate near its end): degraded
	}
	switch {
	case r.LatencyMs != nil && *r.LatencyMs > 0:
		o.LatencyMs = *r.LatencyMs
	case r.RequestMs != nil && *r.RequestMs > 0:
		o.LatencyMs = *r.RequestMs
	}
	return o
}
