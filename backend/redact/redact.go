// Package redact is the app's one redaction mechanism. A Registry learns every secret value at the moment
// Go reads it from the keychain (Recording wraps the secrets.Store), for every profile, and hands out a
// Scrubber that removes those values — raw and in every encoding text can carry them in (JSON escapes,
// percent-encoding in either case, base64, hex), including any prefix of MinPrefixLen or more — plus the
// credential shapes no value list knows (URL user-info, Bearer tokens, credential query parameters and JSON
// fields, Pusher's signature echoes).
//
// Every place that keeps or shows text from outside goes through it: Truncate redacts before it cuts, so no
// secret survives as a prefix; ScrubJSON scrubs results before history, the log and the operation log
// write them. The diagnostics bundle uses the same Scrubber and lists what it removed.
package redact

import (
	"slices"
	"strings"

	"siyana/backend/safetext"
)

// Placeholder replaces every removed value.
const Placeholder = "[REDACTED]"

// MinSecretLen is the shortest value matched anywhere in a word. Shorter values ("ab") are matched only as a
// whole token (not inside a longer run of letters and digits), so they do not turn ordinary words into
// Placeholder; the keychain never holds a real credential that short, and the shape rules still apply.
const MinSecretLen = 4

// MinPrefixLen is the shortest prefix of a secret that is removed on its own: text cut by someone else (a
// server that shortens what it echoes, a parser that stops at an unencoded character) must not keep the
// start of a secret either.
const MinPrefixLen = 8

// maxPasses bounds the re-scans: a replacement can, with a hostile value that shares characters with
// Placeholder, form a new match with its neighbours. If one is still found after maxPasses the whole text
// is replaced (fail closed).
const maxPasses = 4

// Finding says what one kind of replacement removed, never the value.
type Finding struct {
	Kind   string // one of the Kind* constants
	Secret string // the secret's name (DATABASE_URL, ...) for KindSecret
	Form   string // how it was encoded (raw, password+base64, ...); for KindQuery and KindField the name
	Count  int
}

// Kinds of findings.
const (
	KindSecret    = "secret"    // a registered value (Secret says which; Form how it was encoded)
	KindUserInfo  = "userinfo"  // user:password@ in a URL
	KindQuery     = "query"     // a query parameter named like a credential
	KindField     = "field"     // a JSON field named like a credential
	KindHeader    = "header"    // an Authorization header echoed in a body
	KindBearer    = "bearer"    // "Bearer <token>"
	KindSignature = "signature" // a signature a server quoted back (Pusher's "you sent", "but got")
)

// Scrubber removes credentials from free text. Immutable and safe for concurrent use; a nil *Scrubber
// removes credential shapes only.
type Scrubber struct {
	needles []needle // longest first
}

// NewScrubber builds a scrubber for the given values (secret name → value). Registry.Scrubber is the one
// the app uses; this is for a fixed set (tests, one-off tools).
func NewScrubber(values map[string]string) *Scrubber {
	vs := make([]Value, 0, len(values))
	for name, v := range values {
		vs = append(vs, Value{Name: name, Value: v})
	}
	return newScrubber(vs)
}

// Value is one secret value to remove. User, when set, pairs it as user:value (an Atlas public:private key
// pair): that pair's base64 (HTTP Basic) is removed too.
type Value struct {
	Name, Value, User string
}

func newScrubber(values []Value) *Scrubber {
	slices.SortFunc(values, func(a, b Value) int { return strings.Compare(a.Name+"\x00"+a.Value, b.Name+"\x00"+b.Value) })
	s := &Scrubber{}
	seen := map[string]bool{}
	for _, v := range values {
		for _, n := range needlesOf(v) {
			if !seen[n.value] {
				seen[n.value] = true
				s.needles = append(s.needles, n)
			}
		}
	}
	slices.SortStableFunc(s.needles, func(a, b needle) int { return len(b.value) - len(a.value) })
	return s
}

// Scrub returns text with every credential replaced by Placeholder.
func (s *Scrubber) Scrub(text string) string {
	out, _ := s.Findings(text)
	return out
}

// Findings is Scrub that also reports what it replaced.
func (s *Scrubber) Findings(text string) (string, []Finding) {
	var all []Finding
	for range maxPasses {
		out, found := s.pass(text)
		if len(found) == 0 {
			return text, all
		}
		all = mergeFindings(all, found)
		text = out
	}
	if _, found := s.pass(text); len(found) > 0 {
		return Placeholder, all
	}
	return text, all
}

// Truncate scrubs text, then cuts it to at most n runes (plus "…"). Redacting first is the point: a cut
// made first could leave the start of a secret that no rule recognises any more.
func (s *Scrubber) Truncate(text string, n int) string { return Cut(s.Scrub(text), n) }

// Truncate redacts credential shapes only (no registered value), then cuts: for text built from input that
// is not a secret (a URL the admin typed). Use Registry.Truncate for anything that came from outside.
func Truncate(text string, n int) string { return (*Scrubber)(nil).Truncate(text, n) }

// Cut shortens s to at most n runes, adding "…" when it cut (and cutting before a placeholder it would split). For text already scrubbed; use Truncate for
// anything else.
func Cut(s string, n int) string {
	out := safetext.Cut(s, n)
	if out == s {
		return s
	}
	// Never half a placeholder: "[REDAC…" reads like a value.
	i := len(out) - len("…")
	if j := strings.LastIndex(s[:i], Placeholder[:1]); j >= 0 && j+len(Placeholder) > i && strings.HasPrefix(s[j:], Placeholder) {
		return s[:j] + "…"
	}
	return out
}

func mergeFindings(into, add []Finding) []Finding {
	for _, f := range add {
		merged := false
		for i := range into {
			if into[i].Kind == f.Kind && into[i].Secret == f.Secret && into[i].Form == f.Form {
				into[i].Count += f.Count
				merged = true
				break
			}
		}
		if !merged {
			into = append(into, f)
		}
	}
	return into
}
