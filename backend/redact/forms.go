package redact

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"html"
	"net/url"
	"slices"
	"strings"
	"unicode"
)

// needle is one string to remove. Escaping (JSON, percent, HTML) is mostly undone on the text instead (see
// views), so every escaping policy and case is matched; the common escaped forms are needles as well, for
// the text whose own bytes upset the decoding just before a value.
type needle struct {
	value, secret, form string
	minPrefix           int  // > 0: any prefix of at least this many bytes is removed too
	token               bool // shorter than MinSecretLen: only as a whole token
	escaped             bool // an escaped form: searched in the text itself only (the views undo escapes)
}

type piece struct {
	value, form string
	minPrefix   int // as needle.minPrefix, for the piece itself (its encodings use MinPrefixLen)
}

// needlesOf lists the strings that betray v: each piece (the value, and for a URL its password, user name
// and user-info) raw, in base64 (standard and URL alphabets, padded and not) and in hex (both cases).
func needlesOf(v Value) []needle {
	var out []needle
	add := func(value, form string, minPrefix int, raw bool) {
		escaped := strings.HasSuffix(form, "+escaped")
		switch {
		case value == "":
			return
		case len(value) < MinSecretLen && !raw:
			return // a short encoded form would match ordinary text
		}
		if minPrefix >= len(value) {
			minPrefix = 0
		}
		out = append(out, needle{value: value, secret: v.Name, form: form, minPrefix: minPrefix,
			token: len(value) < MinSecretLen, escaped: escaped})
	}
	// The views find every escaping policy; the escaped needles also catch a form whose first escape the
	// text before it swallowed ("%" + "00%20..." decodes as "%00" first).
	escaped := func(value, form string, min, minEscaped int, raw bool) {
		add(value, form, min, raw)
		for _, e := range escapes(value) {
			add(e, form+"+escaped", minEscaped, false)
		}
	}
	for _, p := range piecesOf(v) {
		b := []byte(p.value)
		enc := 0 // encodings of a piece matched whole only ...
		if p.minPrefix == MinPrefixLen {
			enc = MinPrefixLen // ... unless the piece is opaque from its first byte
		}
		escaped(p.value, p.form, p.minPrefix, enc, true) // a short piece still goes, as a whole token
		escaped(base64.StdEncoding.EncodeToString(b), p.form+"+base64", enc, enc, false)
		escaped(base64.RawStdEncoding.EncodeToString(b), p.form+"+base64", enc, enc, false)
		add(base64.URLEncoding.EncodeToString(b), p.form+"+base64url", enc, false)
		add(base64.RawURLEncoding.EncodeToString(b), p.form+"+base64url", enc, false)
		add(hex.EncodeToString(b), p.form+"+hex", enc, false)
		add(strings.ToUpper(hex.EncodeToString(b)), p.form+"+hex", enc, false)
	}
	return out
}

// escapes are s percent-encoded (Go's query and path forms, JavaScript's encodeURIComponent, each with upper-
// and lower-case hex), JSON-escaped (with and without HTML escaping, with \/, with every character as
// \uXXXX) and HTML-escaped; only those that differ from s.
func escapes(s string) []string {
	var out []string
	for _, e := range []string{url.QueryEscape(s), url.PathEscape(s), uriComponent(s)} {
		out = append(out, e, lowerPercent(e))
	}
	j, _ := json.Marshal(s)
	out = append(out, string(j[1:len(j)-1]))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	nh := bytes.TrimSpace(buf.Bytes())
	out = append(out, string(nh[1:len(nh)-1]), strings.ReplaceAll(string(j[1:len(j)-1]), "/", `\/`),
		uEscapeAll(s, false), uEscapeAll(s, true), html.EscapeString(s))
	slices.Sort(out)
	out = slices.Compact(out)
	return slices.DeleteFunc(out, func(e string) bool { return e == s })
}

// uEscapeAll writes every character but ASCII letters and digits as \uXXXX (UTF-16), as the strictest JSON
// encoders do.
func uEscapeAll(s string, upper bool) string {
	const digits = "0123456789abcdef"
	var b strings.Builder
	u := func(r rune) {
		b.WriteString(`\u`)
		for shift := 12; shift >= 0; shift -= 4 {
			c := digits[(r>>shift)&0xF]
			if upper {
				c = byte(unicode.ToUpper(rune(c)))
			}
			b.WriteByte(c)
		}
	}
	for _, r := range s {
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'):
			b.WriteRune(r)
		case r >= 0x10000:
			r -= 0x10000
			u(0xD800 + r>>10)
			u(0xDC00 + r&0x3FF)
		default:
			u(r)
		}
	}
	return b.String()
}

// uriComponent is JavaScript's encodeURIComponent.
func uriComponent(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0) {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteString(strings.ToUpper(hex.EncodeToString([]byte{c})))
		}
	}
	return b.String()
}

func lowerPercent(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = lower(b[i+1]), lower(b[i+2])
			i += 2
		}
	}
	return string(b)
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// piecesOf are the parts of one value worth matching on their own.
func piecesOf(v Value) []piece {
	raw := v.Value
	trimmed := strings.TrimSpace(raw)
	var out []piece
	seen := map[string]bool{}
	add := func(value, form string, minPrefix int) {
		if value != "" && !seen[value] {
			seen[value] = true
			out = append(out, piece{value, form, minPrefix})
		}
	}
	// A URL's own prefix (scheme, user name) is public; its password is not. The user-info "user:pass" is
	// removed from the first password byte on: a parser that stopped at an unencoded character in the
	// password ("user:ab" of "user:ab?cd") must not keep that fragment.
	opaque := MinPrefixLen
	if strings.Contains(trimmed, "://") {
		opaque = 0
	}
	add(trimmed, "raw", opaque)
	add(raw, "raw", opaque)
	if user, pass, ok := userInfo(trimmed); ok {
		// A user name alone can be an API key, but a short one is an ordinary word ("shop" of "shopdb", the
		// sandbox's "siyana" of "siyanactl/v1"): only one as long as a secret prefix is removed on its own.
		if len(user) >= MinPrefixLen {
			add(user, "user", 0)
		}
		if pass != "" {
			add(pass, "password", MinPrefixLen)
			add(user+":"+pass, "userinfo", max(len(user)+2, MinPrefixLen))
			if d, err := url.PathUnescape(pass); err == nil {
				add(d, "password", MinPrefixLen)
				if du, err := url.PathUnescape(user); err == nil {
					add(du+":"+d, "userinfo", max(len(du)+2, MinPrefixLen))
				}
			}
		}
		if d, err := url.PathUnescape(user); err == nil && len(d) >= MinPrefixLen {
			add(d, "user", 0)
		}
	}
	if v.User != "" {
		add(v.User+":"+trimmed, "pair", 0)
	}
	return out
}

// userInfo splits scheme://user:password@... by hand, up to the last '@' before the first space: a password
// pasted with an unencoded '?', '/', '#' or '@' is still found whole (net/url would stop early or fail).
func userInfo(s string) (user, pass string, ok bool) {
	i := strings.Index(s, "://")
	if i < 0 {
		return "", "", false
	}
	rest := s[i+3:]
	if sp := strings.IndexAny(rest, " \t\r\n"); sp >= 0 {
		rest = rest[:sp]
	}
	at := strings.LastIndexByte(rest, '@')
	if at <= 0 {
		return "", "", false
	}
	ui := rest[:at]
	if c := strings.IndexByte(ui, ':'); c >= 0 {
		return ui[:c], ui[c+1:], true
	}
	return ui, "", true
}
