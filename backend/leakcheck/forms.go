package leakcheck

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The forms a secret can take on its way out, written here independently of the production redactor (on
// purpose: a form the redactor forgot must still be found). Each form is a function of the raw value; the
// "per character" ones encode character by character, so the form of any fragment of the value is a
// fragment of the form of the value, and the sweep searches the form of every 8-character fragment.

// Form is one way of writing a value.
type Form struct {
	Name    string
	PerChar bool // F(a+b) == F(a)+F(b): fragments are searched in this form too
	F       func(string) string
}

// Needle is one searched byte string: a form of the whole value (Full) or of a fragment.
type Needle struct {
	Form string
	Full bool
	B    []byte
}

func jsonInner(v string, escapeHTML bool) string {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(escapeHTML)
	_ = e.Encode(v)
	s := strings.TrimSuffix(b.String(), "\n")
	return s[1 : len(s)-1]
}

// jsInner is JSON.stringify's escaping: only '"', '\' and control characters (U+2028 stays as it is).
func jsInner(v string) string {
	var b strings.Builder
	for _, r := range v {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// uEscapeAll writes every character as \uXXXX (UTF-16, surrogate pairs outside the BMP).
func uEscapeAll(v string, upper bool) string {
	f := `\u%04x`
	if upper {
		f = `\u%04X`
	}
	var b strings.Builder
	for _, r := range v {
		if r >= 0x10000 {
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, f+f, r1, r2)
			continue
		}
		fmt.Fprintf(&b, f, r)
	}
	return b.String()
}

// uEscapeReserved writes ASCII punctuation and space as \u00XX (as encoders that escape '/' as \u002f do),
// everything else as it is.
func uEscapeReserved(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r < 0x80 && !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pct percent-encodes every byte that is not in keep (plus ASCII letters and digits), in either hex case;
// plus writes a space as '+' (form encoding).
func pct(v, keep string, upper, plus bool) string {
	hexd := "0123456789abcdef"
	if upper {
		hexd = "0123456789ABCDEF"
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c < utf8.RuneSelf && strings.IndexByte(keep, c) >= 0:
			b.WriteByte(c)
		case c == ' ' && plus:
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hexd[c>>4])
			b.WriteByte(hexd[c&15])
		}
	}
	return b.String()
}

// lowerPct turns every %XX of s into lower-case hex.
func lowerPct(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = bytes.ToLower(b[i+1 : i+2])[0], bytes.ToLower(b[i+2 : i+3])[0]
		}
	}
	return string(b)
}

func userinfoPassword(v string) string {
	return strings.TrimSuffix(strings.TrimPrefix(url.UserPassword("u", v).String(), "u:"), "@")
}

// Forms are every form searched.
var Forms = []Form{
	{"raw", true, func(v string) string { return v }},
	{"json", true, func(v string) string { return jsonInner(v, true) }},
	{"json-nohtml", true, func(v string) string { return jsonInner(v, false) }},
	{"json-in-json", true, func(v string) string { return jsonInner(jsonInner(v, true), true) }},
	{"json-in-json-nohtml", true, func(v string) string { return jsonInner(jsonInner(v, false), false) }},
	{"json-js", true, jsInner},
	{"go-quoted", true, func(v string) string { s := strconv.Quote(v); return s[1 : len(s)-1] }},
	{"go-quoted-ascii", true, func(v string) string { s := strconv.QuoteToASCII(v); return s[1 : len(s)-1] }},
	{`\u-lower`, true, func(v string) string { return uEscapeAll(v, false) }},
	{`\u-upper`, true, func(v string) string { return uEscapeAll(v, true) }},
	{`\u-reserved`, true, uEscapeReserved},
	{"html", true, html.EscapeString},
	{"go-query-escape", true, url.QueryEscape},
	{"go-query-escape-lower", true, func(v string) string { return lowerPct(url.QueryEscape(v)) }},
	{"go-path-escape", true, url.PathEscape},
	{"go-path-escape-lower", true, func(v string) string { return lowerPct(url.PathEscape(v)) }},
	{"go-userinfo", true, userinfoPassword},
	{"go-userinfo-lower", true, func(v string) string { return lowerPct(userinfoPassword(v)) }},
	{"js-encodeURIComponent", true, func(v string) string { return pct(v, "-_.!~*'()", true, false) }},
	{"js-encodeURIComponent-lower", true, func(v string) string { return pct(v, "-_.!~*'()", false, false) }},
	{"pct-all-upper", true, func(v string) string { return pct(v, "", true, false) }},
	{"pct-all-lower", true, func(v string) string { return pct(v, "", false, false) }},
	{"hex-lower", true, func(v string) string { return hex.EncodeToString([]byte(v)) }},
	{"hex-upper", true, func(v string) string { return strings.ToUpper(hex.EncodeToString([]byte(v))) }},
	{"base64-std", false, func(v string) string { return base64.StdEncoding.EncodeToString([]byte(v)) }},
	{"base64-std-raw", false, func(v string) string { return base64.RawStdEncoding.EncodeToString([]byte(v)) }},
	{"base64-url", false, func(v string) string { return base64.URLEncoding.EncodeToString([]byte(v)) }},
	{"base64-url-raw", false, func(v string) string { return base64.RawURLEncoding.EncodeToString([]byte(v)) }},
}

// Point1 are the forms issue 10 (point 1) names, which the sweep writes into the log itself (as a
// package logging a peer's raw answer would): the redactor must remove each of them.
var Point1 = []string{"raw", "json", "json-nohtml", `\u-reserved`, "go-query-escape", "go-query-escape-lower",
	"go-path-escape", "go-path-escape-lower", "js-encodeURIComponent", "js-encodeURIComponent-lower",
	"base64-std", "base64-std-raw", "base64-url", "base64-url-raw", "hex-lower", "hex-upper"}

// FormOf is the form called name (it panics on an unknown name: a test defect).
func FormOf(name string) func(string) string {
	for _, f := range Forms {
		if f.Name == name {
			return f.F
		}
	}
	panic("no leak form " + name)
}

// FragmentRunes is the fragment length searched: any 8 consecutive characters of a value.
const FragmentRunes = 8

// B64Window is the fragment searched in a base64 form: 12 characters at a 4-aligned offset (9 bytes of
// the value), so a base64 text cut anywhere after its 15th character is still found.
const B64Window = 12

// NeedlesOf returns every needle of one value: each form of the whole value (full) and each form of each
// fragment. user, when not empty, adds the base64 forms of "user:value" (Basic authentication).
func NeedlesOf(v, user string, fragments bool) []Needle {
	var out []Needle
	seen := map[string]bool{}
	add := func(form, s string, full bool) {
		if s == "" || seen[s] {
			return
		}
		seen[s] = true
		out = append(out, Needle{Form: form, Full: full, B: []byte(s)})
	}
	runes := []rune(v)
	for _, f := range Forms {
		add(f.Name, f.F(v), true)
	}
	if user != "" {
		for _, f := range Forms {
			if strings.HasPrefix(f.Name, "base64") {
				add(f.Name+"(user:value)", f.F(user+":"+v), true)
			}
		}
	}
	if !fragments || len(runes) <= FragmentRunes {
		return out
	}
	for _, f := range Forms {
		if f.PerChar {
			for i := 0; i+FragmentRunes <= len(runes); i++ {
				add(f.Name, f.F(string(runes[i:i+FragmentRunes])), false)
			}
			continue
		}
		vals := []string{f.F(v)}
		if user != "" {
			vals = append(vals, f.F(user+":"+v))
		}
		for _, e := range vals {
			for i := 0; i+B64Window <= len(e); i += 4 {
				add(f.Name, e[i:i+B64Window], false)
			}
		}
	}
	return out
}
