package redact

import (
	"regexp"
	"slices"
	"strings"
)

// rule removes a credential by its shape: group is the submatch replaced, form names the finding.
type rule struct {
	need string // lower-case text the rule cannot match without (a cheap test before the regexp)
	// anyOf: lower-case words of which the rule cannot match without one (the keyword alternation of re).
	// The regexps are the cost of a scrub (a --json document is full of '"' and '='): most text has none.
	anyOf []string
	// before, when set, is a finer test after need and anyOf (on the same lowered text), also true of any
	// text the regexp matches.
	before func(lower string) bool
	kind   string
	re     *regexp.Regexp
	group  int
	form   func(sub []string) string
}

// credentialWords are the words the name=value and JSON field rules' names must hold (api_key, private_key:
// key; signature: sig; authorization: auth; password, passwd: passw).
var credentialWords = []string{"secret", "token", "key", "passw", "pwd", "auth", "sig", "credential"}

// fieldEnds: a JSON field rule's name ends with one of its words, right before the closing quote.
var fieldEnds = []string{`secret"`, `password"`, `passwd"`, `pwd"`, `token"`, `key"`, `signature"`, `authorization"`,
	`auth"`, `credential"`, `credentials"`}

var rules = []rule{
	// scheme://user[:password]@ — the whole user-info goes: a user name alone can be an API key. With a ':'
	// the password may hold unencoded '/', '?', '#' or '@' (admins paste passwords as they are), so it runs
	// to the last '@' of the token.
	{need: "://", anyOf: []string{"@"}, kind: KindUserInfo, group: 2,
		re: regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.\-]*://)([^\s"'<>]*:[^\s"'<>]*|[^/?#@\s"'<>:]+)@`)},
	// An Authorization header echoed back in a body or error ("Authorization: Digest username=..."): the
	// rest of the line goes, since the credential's own quoting cannot be trusted to end it.
	{need: "authorization", kind: KindHeader, group: 2,
		re: regexp.MustCompile(`(?i)\b((?:proxy-)?authorization["']?\s*[:=]\s*)([^\r\n]+)`)},
	{need: "bearer", kind: KindBearer, group: 1, re: regexp.MustCompile(`(?i)\bbearer\s+([^\s"'<>,;]+)`)},
	// name=value where the name looks like a credential (token, auth_signature, api_key, password, ...).
	{need: "=", anyOf: credentialWords, before: credentialBeforeEquals, kind: KindQuery, group: 2,
		re:   regexp.MustCompile(`(?i)\b([a-z0-9_.\-]*(?:secret|token|key|passw(?:or)?d|pwd|auth|signature|sig|credential)[a-z0-9_.\-]*)=([^&\s"'<>;,]+)`),
		form: func(sub []string) string { return strings.ToLower(sub[1]) }},
	// "name": "value" in an echoed JSON body, for the names that only ever hold a credential.
	{need: `"`, anyOf: fieldEnds, kind: KindField, group: 2,
		re:   regexp.MustCompile(`(?i)"((?:[a-z0-9]*[_\-]?)?(?:secret|password|passwd|pwd|token|api[_\-]?key|private[_\-]?key|signature|authorization|auth|credentials?))"\s*:\s*"((?:[^"\\]|\\.)*)"`),
		form: func(sub []string) string { return strings.ToLower(sub[1]) }},
	// Pusher's 401 "Invalid signature: you should have sent HmacSHA256Hex("POST\n/apps/..", your_secret_key),
	// but you sent "<hex>"": the signature sent, and the string it was computed over.
	{need: "you sent", kind: KindSignature, group: 1, re: regexp.MustCompile(`(?i)\byou sent\s*[:=]?\s*"?([^"\s,;)}]+)`)},
	{need: "hmacsha256hex(", kind: KindSignature, group: 1, re: regexp.MustCompile(`(?i)\bHmacSHA256Hex\(\s*"((?:[^"\\]|\\.)*)"`)},
	// Pusher's WebSocket auth error: "Expected HMAC SHA256 hex digest of <string>, but got <auth>".
	{need: "hex digest of", kind: KindSignature, group: 1, re: regexp.MustCompile(`(?i)\bhex digest of\s+([^,"\r\n]+)`)},
	{need: "hex digest of", kind: KindSignature, group: 1, re: regexp.MustCompile(`(?i)\bhex digest of\b[^\r\n]*?\bbut got\s+([^\r\n]+)`)},
}

// mayMatch is the cheap test before the regexp, on foldLower of the text.
func (r rule) mayMatch(lower string) bool {
	return strings.Contains(lower, r.need) &&
		(len(r.anyOf) == 0 || slices.ContainsFunc(r.anyOf, func(w string) bool { return strings.Contains(lower, w) })) &&
		(r.before == nil || r.before(lower))
}

// credentialBeforeEquals says whether some '=' of lower follows a run of name characters ([a-z0-9_.-])
// holding a credential word: the name=value rule's name is such a run's end, right before its '='. A
// --json document has '=' (cache-control: s-maxage=...) and credential words (a sentence that says
// "secret") far apart, and the rule's regexp over the whole of it took about 1 ms.
func credentialBeforeEquals(lower string) bool {
	for i := 0; i < len(lower); {
		j := strings.IndexByte(lower[i:], '=')
		if j < 0 {
			return false
		}
		end := i + j
		start := end
		for start > 0 && nameByte(lower[start-1]) {
			start--
		}
		if run := lower[start:end]; slices.ContainsFunc(credentialWords, func(w string) bool { return strings.Contains(run, w) }) {
			return true
		}
		i = end + 1
	}
	return false
}

// nameByte is a byte of the name=value rule's [a-z0-9_.\-] (lower has no upper-case ASCII).
func nameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}

// cand is one range of the original text to replace.
type cand struct {
	a, b int
	f    Finding
}

// pass finds every match in every view, maps it back to the original text and replaces the union.
func (s *Scrubber) pass(text string) (string, []Finding) {
	if text == "" {
		return text, nil
	}
	var cands []cand
	vs := views(text)
	if s != nil {
		for _, v := range vs {
			for _, n := range s.needles {
				if n.escaped && v.name != "" {
					continue
				}
				form := n.form
				if v.name != "" {
					form += "+" + v.name
				}
				for _, m := range find(v.text, n) {
					a, b := v.orig(m[0], m[1])
					cands = append(cands, cand{a, b, Finding{Kind: KindSecret, Secret: n.secret, Form: form, Count: 1}})
				}
			}
		}
	}
	for _, v := range vs {
		lower := foldLower(v.text)
		for _, r := range rules {
			if !r.mayMatch(lower) {
				continue
			}
			for _, m := range r.re.FindAllStringSubmatchIndex(v.text, -1) {
				ga, gb := m[2*r.group], m[2*r.group+1]
				if ga < 0 || gb <= ga || strings.HasPrefix(v.text[ga:gb], Placeholder) {
					continue
				}
				f := Finding{Kind: r.kind, Count: 1}
				if r.form != nil {
					sub := make([]string, len(m)/2)
					for i := range sub {
						if m[2*i] >= 0 {
							sub[i] = v.text[m[2*i]:m[2*i+1]]
						}
					}
					f.Form = r.form(sub)
				}
				a, b := v.orig(ga, gb)
				cands = append(cands, cand{a, b, f})
			}
		}
	}
	if len(cands) == 0 {
		return text, nil
	}
	// Count each place once (a raw value is found in every view), then replace the union of the ranges.
	var kept []cand
	var found []Finding
	for _, c := range cands {
		if slices.ContainsFunc(kept, func(k cand) bool { return k.a <= c.a && c.b <= k.b }) {
			continue
		}
		kept = append(kept, c)
		found = mergeFindings(found, []Finding{c.f})
	}
	slices.SortFunc(kept, func(x, y cand) int { return x.a - y.a })
	var b strings.Builder
	at := 0
	for i := 0; i < len(kept); {
		start, end := kept[i].a, kept[i].b
		for i++; i < len(kept) && kept[i].a <= end; i++ {
			end = max(end, kept[i].b)
		}
		if start < at {
			start = at
		}
		b.WriteString(text[at:start])
		b.WriteString(Placeholder)
		at = end
	}
	b.WriteString(text[at:])
	return b.String(), found
}

// find returns the [start, end) ranges of n in t: the whole value, or with n.minPrefix any prefix of at least
// that many bytes (extended as far as t agrees with the value); a short value only as a whole token.
func find(t string, n needle) [][2]int {
	key := n.value
	if n.minPrefix > 0 {
		key = n.value[:n.minPrefix]
	}
	var out [][2]int
	for i := 0; i <= len(t)-len(key); {
		j := strings.Index(t[i:], key)
		if j < 0 {
			break
		}
		a := i + j
		b := a + len(key)
		if n.minPrefix > 0 {
			for k := len(key); b < len(t) && k < len(n.value) && t[b] == n.value[k]; k++ {
				b++
			}
		}
		if n.token && (a > 0 && isWord(t[a-1]) || b < len(t) && isWord(t[b])) {
			i = a + 1
			continue
		}
		out = append(out, [2]int{a, b})
		i = b
	}
	return out
}

func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// caseFolds are the two non-ASCII letters (?i) matches as ASCII ones: KELVIN SIGN (k) and LONG S (s).
var caseFolds = strings.NewReplacer("\u212a", "k", "\u017f", "s")

// foldLower is the text the rules' cheap tests look in: ASCII lowered, and the two letters (?i) folds to an
// ASCII letter written as that letter, so a test never skips what the regexp would match. Byte offsets do
// not matter here.
func foldLower(s string) string {
	if strings.ContainsAny(s, "\u212a\u017f") {
		s = caseFolds.Replace(s)
	}
	return asciiLower(s)
}

// asciiLower lowers ASCII letters only.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
