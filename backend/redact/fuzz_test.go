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

// FuzzLocation: whatever a password holds ('/', '?', '#', '@', unicode), the report of a URL with user-info
// is the report of the same URL without it (when nothing after the host has an '@'), and never holds the
// password; and no input panics.
func FuzzLocation(f *testing.F) {
	for _, seed := range []string{"pa/ss", "12?34", "p#w", "a@b", "hunter2", "ك/لمة?سر", "::", "%zz"} {
		f.Add("first.last", seed, "/p?e=a@b.example")
		f.Add("u", seed, "/@brand")
		f.Add("u", seed, ":8443/p")
	}
	f.Fuzz(func(t *testing.T, user, pass, tail string) {
		_ = Location(user + pass + tail) // any text
		if user == "" || strings.ContainsAny(user, ":/?#@[]% \t\n") || strings.ContainsAny(tail, "#") || len(pass) < 4 {
			return
		}
		raw := "https://" + user + ":" + pass + "@shop.example" + tail
		got, clean := Location(raw), Location("https://shop.example"+tail)
		if !strings.Contains(tail, "@") && got != clean {
			t.Fatalf("Location(%q) = %q, but without the user-info %q", raw, got, clean)
		}
		if strings.Contains(got, pass) && !strings.Contains(clean, pass) {
			t.Fatalf("Location(%q) = %q holds the password", raw, got)
		}
	})
}
