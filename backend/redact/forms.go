package redact

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// needle is one string to remove. Encodings that are a matter of escaping (JSON, percent) are not needles:
// the text is decoded into views instead (see views), so every escaping policy and case is matched.
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
	escaped := func(value, form string, min, minEscaped int) {
		add(value, form, min, value == v.Value || value == strings.TrimSpace(v.Value))
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
		escaped(p.value, p.form, p.minPrefix, enc)
		escaped(base64.StdEncoding.EncodeToString(b), p.form+"+base64", enc, enc)
		escaped(base64.RawStdEncoding.EncodeToString(b), p.form+"+base64", enc, enc)
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
		if len(user) >= MinSecretLen { // a short user name would match ordinary words
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
		if d, err := url.PathUnescape(user); err == nil && len(d) >= MinSecretLen {
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
	var b strings.Builder
	from, to := make([]int, 0, len(s)), make([]int, 0, len(s))
	emit := func(str string, start, end int) {
		b.WriteString(str)
		for range len(str) {
			from, to = append(from, start), append(to, end)
		}
	}
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if semi := strings.IndexByte(s[i:min(len(s), i+12)], ';'); semi > 1 {
				ref := s[i+1 : i+semi]
				if r, ok := charRef(ref); ok {
					emit(r, i, i+semi+1)
					i += semi + 1
					continue
				}
			}
		}
		emit(s[i:i+1], i, i+1)
		i++
	}
	return b.String(), from, to
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
	var b strings.Builder
	from, to := make([]int, 0, len(s)), make([]int, 0, len(s))
	emit := func(str string, start, end int) {
		b.WriteString(str)
		for range len(str) {
			from, to = append(from, start), append(to, end)
		}
	}
	for i := 0; i < len(s); {
		if s[i] != '\\' || i+1 >= len(s) {
			emit(s[i:i+1], i, i+1)
			i++
			continue
		}
		switch c := s[i+1]; c {
		case '"', '\\', '/', '\'':
			emit(string(c), i, i+2)
			i += 2
		case 'b', 'f', 'n', 'r', 't':
			emit(string("\b\f\n\r\t"[strings.IndexByte("bfnrt", c)]), i, i+2)
			i += 2
		case 'u':
			r, ok := hex4(s, i+2)
			if !ok {
				emit(s[i:i+1], i, i+1)
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
				emit(s[i:end], i, end)
			} else {
				emit(string(rune(r)), i, end)
			}
			i = end
		default:
			emit(s[i:i+1], i, i+1)
			i++
		}
	}
	return b.String(), from, to
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
		var b strings.Builder
		from, to := make([]int, 0, len(s)), make([]int, 0, len(s))
		for i := 0; i < len(s); {
			if s[i] == '%' && i+2 < len(s) {
				hi, ok1 := hexDigit(s[i+1])
				lo, ok2 := hexDigit(s[i+2])
				if ok1 && ok2 {
					b.WriteByte(byte(hi<<4 | lo))
					from, to = append(from, i), append(to, i+3)
					i += 3
					continue
				}
			}
			c := s[i]
			if c == '+' && plusIsSpace {
				c = ' '
			}
			b.WriteByte(c)
			from, to = append(from, i), append(to, i+1)
			i++
		}
		return b.String(), from, to
	}
}
