package i18n

import (
	"encoding/json"
	"unicode/utf8"
)

// flat reads a catalog file (objects of objects and strings) straight into its flattened form. Every
// command parses its language's catalog at start, and json.Unmarshal into map[string]any then flatten takes
// about 1 ms of it. ok is false for anything else (another kind of value, a key twice, invalid UTF-8, a
// syntax error): the caller then takes json.Unmarshal's reading, so the result never differs from it.
func flat(raw []byte) (out map[string]string, ok bool) {
	s := scanner{b: raw, objects: map[string]bool{}}
	out = make(map[string]string, 1536)
	s.space()
	if !s.object("", out) {
		return nil, false
	}
	s.space()
	return out, s.i == len(s.b)
}

type scanner struct {
	b       []byte
	i       int
	objects map[string]bool // flattened keys of the objects read, to refuse a key twice
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) next(c byte) bool {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// object reads {...} at s.i into out, its keys under prefix (flatten's rule).
func (s *scanner) object(prefix string, out map[string]string) bool {
	if !s.next('{') {
		return false
	}
	if s.next('}') {
		return true
	}
	for {
		s.space()
		k, ok := s.str()
		if !ok || !s.next(':') {
			return false
		}
		if prefix != "" {
			k = prefix + "." + k
		}
		if _, dup := out[k]; dup || s.objects[k] {
			return false
		}
		s.space()
		switch {
		case s.i < len(s.b) && s.b[s.i] == '"':
			v, ok := s.str()
			if !ok {
				return false
			}
			out[k] = v
		case s.i < len(s.b) && s.b[s.i] == '{':
			s.objects[k] = true
			if !s.object(k, out) {
				return false
			}
		default:
			return false
		}
		if s.next(',') {
			continue
		}
		return s.next('}')
	}
}

// str reads the JSON string at s.i; one with an escape is decoded by encoding/json.
func (s *scanner) str() (string, bool) {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return "", false
	}
	start, escaped := s.i, false
	for s.i++; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; {
		case c == '\\':
			escaped = true
			s.i++
		case c == '"':
			s.i++
			lit := s.b[start:s.i]
			if !utf8.Valid(lit) {
				return "", false
			}
			if !escaped {
				return string(lit[1 : len(lit)-1]), true
			}
			var v string
			if json.Unmarshal(lit, &v) != nil {
				return "", false
			}
			return v, true
		case c < 0x20:
			return "", false
		}
	}
	return "", false
}
