package redact

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Located is a Finding at a JSON path (or the label the caller gave).
type Located struct {
	Where string
	Finding
}

// JSON scrubs every string (and object key) of a JSON document. A document that does not parse is
// scrubbed as text and returned as a JSON string, so nothing slips through unscrubbed.
func (s *Scrubber) JSON(raw []byte) json.RawMessage {
	out, _ := s.JSONFindings("", raw)
	return out
}

// JSONFindings is JSON that also says what was removed where (paths start at where).
func (s *Scrubber) JSONFindings(where string, raw []byte) (json.RawMessage, []Located) {
	// Fast path: what is found in a string is found in the whole document, so a clean document is kept
	// byte for byte.
	if _, found := s.Findings(string(raw)); len(found) == 0 && json.Valid(raw) {
		return raw, nil
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil || dec.More() {
		text, found := s.Findings(string(raw))
		out, _ := json.Marshal(text)
		return out, locate(where, found)
	}
	var all []Located
	v = walk(v, where, func(path, str string) string {
		out, found := s.Findings(str)
		all = append(all, locate(path, found)...)
		return out
	})
	out, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage(`null`), all
	}
	return out, all
}

// LocatedAt places findings at where.
func LocatedAt(where string, found []Finding) []Located { return locate(where, found) }

func locate(where string, found []Finding) []Located {
	out := make([]Located, len(found))
	for i, f := range found {
		out[i] = Located{Where: where, Finding: f}
	}
	return out
}

func walk(v any, path string, fn func(path, s string) string) any {
	switch t := v.(type) {
	case string:
		return fn(path, t)
	case []any:
		for i := range t {
			t[i] = walk(t[i], fmt.Sprintf("%s[%d]", path, i), fn)
		}
		return t
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, val := range t {
			// Keys are field names from our own structs, but scrub them too: a map keyed by URL would
			// otherwise carry user-info untouched.
			out[fn(path, k)] = walk(val, join(path, k), fn)
		}
		return out
	}
	return v
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// Clean returns v with every string scrubbed, through its JSON form (what the UI receives over Wails): a
// result goes back to the card as clean as its copy in history. v itself is returned when nothing was found.
func Clean[T any](s *Scrubber, v T) T {
	raw, err := json.Marshal(v)
	if err != nil {
		return v // nothing JSON can carry to the UI either
	}
	clean := s.JSON(raw)
	if bytes.Equal(clean, raw) {
		return v
	}
	var out T
	if err := json.Unmarshal(clean, &out); err != nil {
		var zero T // fail closed: an empty result rather than an unscrubbed one
		return zero
	}
	return out
}
