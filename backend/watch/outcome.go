package watch

import "encoding/json"

// OutcomeOf reads what every check result shares (backend/check: ok, code, message, durationMs) from
// result, which the caller has already scrubbed. The latency is the check's own figure when it has one
// (latencyMs: the warm database round trip, the live test's delivery; requestMs: the signed trigger),
// else the run's duration. A result that does not encode gives a failed outcome with code INTERNAL.
func OutcomeOf(result any) Outcome {
	var r struct {
		OK         bool     `json:"ok"`
		Code       string   `json:"code"`
		Message    string   `json:"message"`
		LatencyMs  *float64 `json:"latencyMs"`
		RequestMs  *float64 `json:"requestMs"`
		DurationMs float64  `json:"durationMs"`
	}
	b, err := json.Marshal(result)
	if err != nil || json.Unmarshal(b, &r) != nil {
		return Outcome{Code: "INTERNAL"}
	}
	o := Outcome{OK: r.OK, Code: r.Code, LatencyMs: r.DurationMs, Detail: cut(r.Message, MaxDetail)}
	switch {
	case r.LatencyMs != nil && *r.LatencyMs > 0:
		o.LatencyMs = *r.LatencyMs
	case r.RequestMs != nil && *r.RequestMs > 0:
		o.LatencyMs = *r.RequestMs
	}
	return o
}
