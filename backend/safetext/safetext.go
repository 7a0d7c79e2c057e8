// Package safetext is the one rule for free text that the app stores, shows and sends (profile names,
// actors, tags, paths): valid UTF-8, no control characters, no line or paragraph separators, and no
// bidirectional formatting characters. The last ones are invisible and reorder what is displayed (the
// "Trojan Source" trick): a tag or path that reads as one thing on the card would be another on the wire,
// and two profile names that look the same would differ. Every validator calls Check; none writes the
// rule again.
package safetext

import (
	"unicode"
	"unicode/utf8"
)

// Problem is what is wrong with a text; OK when nothing.
type Problem int

// Problems, in the order Check looks for them.
const (
	OK          Problem = iota
	InvalidUTF8         // JSON would silently turn it into U+FFFD
	Control             // C0, DEL, C1, U+2028, U+2029
	Bidi                // an embedding, override, isolate or directional mark
)

// Check returns the first problem of s. It does not trim: callers trim first if they want to.
func Check(s string) Problem {
	if !utf8.ValidString(s) {
		return InvalidUTF8
	}
	bidi := false
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return Control
		}
		bidi = bidi || IsBidiControl(r)
	}
	if bidi {
		return Bidi
	}
	return OK
}

// IsBidiControl is true for the bidirectional formatting characters: embeddings and overrides
// U+202A–U+202E, isolates U+2066–U+2069, and the marks U+200E (LRM), U+200F (RLM) and U+061C (ALM). The
// marks reorder nothing by themselves but move neutral characters ("/", "-", digits) across a run, and
// they make two identical-looking values differ; names, tags and paths never need them.
func IsBidiControl(r rune) bool {
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069' ||
		r == '\u200E' || r == '\u200F' || r == '\u061C'
}

// Name is the problem's stable name, the suffix of its catalog sentence (text_utf8, text_control,
// text_bidi in each area that validates text). Empty for OK.
func Name(p Problem) string {
	switch p {
	case InvalidUTF8:
		return "utf8"
	case Control:
		return "control"
	case Bidi:
		return "bidi"
	}
	return ""
}

// Cut shortens s to at most n runes, adding "…" when it cut: the one truncation. Text that came from outside
// (a server's words, a file's names) goes through redact.Truncate, which scrubs first and then cuts with this.
func Cut(s string, n int) string {
	if n < 0 {
		n = 0
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, count := 0, 0
	for i < len(s) && count < n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	return s[:i] + "…"
}
