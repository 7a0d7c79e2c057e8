package redact

import (
	"strconv"
	"strings"
	"unicode"
)

// view is the text, or the text with one layer of escaping undone, with a map from each byte of the view to
// the bytes of the original text it came from (from/to nil: the view is the text itself).
type view struct {
	name     string
	text     string
	from, to []int
}

// orig maps the view's byte range [a, b) to the original text.
func (v view) orig(a, b int) (int, int) {
	if v.from == nil {
		return a, b
	}
	return v.from[a], v.to[b-1]
}

// views are the text and its decoded forms: JSON string escapes (one and two levels, \uXXXX in any case,
// \/), percent-encoding in any case (with '+' as a space, as QueryEscape writes it, and without), and
// percent-encoding inside a JSON string.
func views(text string) []view {
	out := []view{{name: "", text: text}}
	var j1 view
	if strings.IndexByte(text, '\\') >= 0 {
		j1 = derive(out[0], "json", decodeJSON)
		out = append(out, j1)
		if strings.IndexByte(j1.text, '\\') >= 0 {
			out = append(out, derive(j1, "json", decodeJSON))
		}
		if strings.IndexByte(j1.text, '%') >= 0 {
			out = append(out, derive(j1, "json+url", decodePercent(false)))
		}
	}
	if strings.IndexByte(text, '%') >= 0 {
		out = append(out, derive(out[0], "url", decodePercent(false)))
	}
	if strings.IndexByte(text, '+') >= 0 {
		out = append(out, derive(out[0], "url", decodePercent(true)))
	}
	if strings.IndexByte(text, '&') >= 0 { // an HTML error page that echoes what it was sent
		out = append(out, derive(out[0], "html", decodeHTML))
	}
	return out
}

var namedEntities = map[string]string{"amp": "&", "lt": "<", "gt": ">", "quot": `"`, "apos": "'", "sol": "/", "plus": "+"}

// decodeHTML undoes HTML character references: the named ones an escaper writes, and &#NN; / &#xHH;.
func decodeHTML(s string) (string, []int, []int) {
	m := newMapping(len(s))
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if semi := strings.IndexByte(s[i:min(len(s), i+12)], ';'); semi > 1 {
				ref := s[i+1 : i+semi]
				if r, ok := charRef(ref); ok {
					m.emit(r, i, i+semi+1)
					i += semi + 1
					continue
				}
			}
		}
		m.emit(s[i:i+1], i, i+1)
		i++
	}
	return m.done()
}

func charRef(ref string) (string, bool) {
	if v, ok := namedEntities[strings.ToLower(ref)]; ok {
		return v, true
	}
	if len(ref) < 2 || ref[0] != '#' {
		return "", false
	}
	base, digits := 10, ref[1:]
	if digits[0] == 'x' || digits[0] == 'X' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || n == 0 || n > unicode.MaxRune || n >= 0xD800 && n < 0xE000 {
		return "", false
	}
	return string(rune(n)), true
}

// decoder undoes one layer of escaping; from[i]/to[i] are the input bytes output byte i came from.
type decoder func(s string) (out string, from, to []int)

// mapping builds a decoder's output with, for each output byte, the input bytes it came from.
type mapping struct {
	b        strings.Builder
	from, to []int
}

func newMapping(n int) *mapping {
	return &mapping{from: make([]int, 0, n), to: make([]int, 0, n)}
}

// emit appends str, decoded from input bytes start..end.
func (m *mapping) emit(str string, start, end int) {
	m.b.WriteString(str)
	for range len(str) {
		m.from, m.to = append(m.from, start), append(m.to, end)
	}
}

func (m *mapping) emitByte(c byte, start, end int) {
	m.b.WriteByte(c)
	m.from, m.to = append(m.from, start), append(m.to, end)
}

func (m *mapping) done() (string, []int, []int) { return m.b.String(), m.from, m.to }

func derive(parent view, name string, dec decoder) view {
	text, from, to := dec(parent.text)
	if parent.from != nil {
		for i := range from {
			from[i], to[i] = parent.from[from[i]], parent.to[to[i]-1]
		}
	}
	return view{name: name, text: text, from: from, to: to}
}

func decodeJSON(s string) (string, []int, []int) {
	m := newMapping(len(s))
	for i := 0; i < len(s); {
		if s[i] != '\\' || i+1 >= len(s) {
			m.emit(s[i:i+1], i, i+1)
			i++
			continue
		}
		switch c := s[i+1]; c {
		case '"', '\\', '/', '\'':
			m.emit(string(c), i, i+2)
			i += 2
		case 'b', 'f', 'n', 'r', 't':
			m.emit(string("\b\f\n\r\t"[strings.IndexByte("bfnrt", c)]), i, i+2)
			i += 2
		case 'u':
			r, ok := hex4(s, i+2)
			if !ok {
				m.emit(s[i:i+1], i, i+1)
				i++
				continue
			}
			end := i + 6
			if r >= 0xD800 && r < 0xDC00 && end+1 < len(s) && s[end] == '\\' && s[end+1] == 'u' {
				if lo, ok := hex4(s, end+2); ok && lo >= 0xDC00 && lo < 0xE000 {
					r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
					end += 6
				}
			}
			if r >= 0xD800 && r < 0xE000 { // a lone surrogate: no secret (valid UTF-8) holds one
				m.emit(s[i:end], i, end)
			} else {
				m.emit(string(rune(r)), i, end)
			}
			i = end
		default:
			m.emit(s[i:i+1], i, i+1)
			i++
		}
	}
	return m.done()
}

func hex4(s string, at int) (int, bool) {
	if at+4 > len(s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(s[at : at+4]) {
		d, ok := hexDigit(c)
		if !ok {
			return 0, false
		}
		v = v<<4 | d
	}
	return v, true
}

func hexDigit(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}

func decodePercent(plusIsSpace bool) decoder {
	return func(s string) (string, []int, []int) {
		m := newMapping(len(s))
		for i := 0; i < len(s); {
			if s[i] == '%' && i+2 < len(s) {
				hi, ok1 := hexDigit(s[i+1])
				lo, ok2 := hexDigit(s[i+2])
				if ok1 && ok2 {
					m.emitByte(byte(hi<<4|lo), i, i+3)
					i += 3
					continue
				}
			}
			c := s[i]
			if c == '+' && plusIsSpace {
				c = ' '
			}
			m.emitByte(c, i, i+1)
			i++
		}
		return m.done()
	}
}
