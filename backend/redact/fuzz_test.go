package redact

import (
	"slices"
	"strings"
	"testing"

	"siyana/backend/secrets"
)

// FuzzScrub: whatever the value and whatever surrounds it, in whatever form of point 1 it is written, the
// output never holds the value (nor a prefix of MinPrefixLen) in any of those forms.
func FuzzScrub(f *testing.F) {
	names := make([]string, 0, len(encoders))
	for n := range encoders {
		names = append(names, n)
	}
	slices.Sort(names)
	for i, v := range hostile {
		f.Add(v, "before ", " after", uint8(i))
	}
	f.Add("D]abcdef", "[REDACTE", "abcdef", uint8(0))
	f.Add("abcdefgh", `\u00`, "%4", uint8(3))
	f.Add("ab%41\\u0062cd", "x", "y", uint8(5))
	f.Fuzz(func(t *testing.T, secret, before, after string, which uint8) {
		if secrets.ValidateValue(secret) != nil || len(secret) < MinSecretLen || strings.TrimSpace(secret) != secret {
			return // the keychain never holds it (settings trims), or it is matched as a whole token only
		}
		if strings.Contains(Placeholder, secret) {
			return // a value the placeholder itself spells cannot be hidden by it
		}
		enc := encoders[names[int(which)%len(names)]]
		sc := NewScrubber(map[string]string{"S": secret})
		out := sc.Scrub(before + enc(secret) + after)
		// What the surrounding text held by itself is not a leak.
		for _, form := range leakForms(secret) {
			if strings.Contains(out, form) && !strings.Contains(before, form) && !strings.Contains(after, form) &&
				!strings.Contains(Placeholder, form) {
				t.Fatalf("form %q of %q survives in %q", form, secret, out)
			}
		}
	})
}

func leakForms(secret string) []string {
	var out []string
	for _, enc := range encoders {
		if f := enc(secret); len(f) >= MinPrefixLen {
			out = append(out, f)
		}
	}
	if len(secret) >= MinPrefixLen {
		out = append(out, secret[:MinPrefixLen])
	} else {
		out = append(out, secret)
	}
	return out
}
