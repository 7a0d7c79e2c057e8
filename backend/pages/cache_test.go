package pages

import (
	"regexp"
	"strings"
	"testing"
)

// token and digits accept exactly what the regexps they replaced accepted.
func TestTokenAndDigitsAreTheirPatterns(t *testing.T) {
	tokenRe, digitsRe := regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`), regexp.MustCompile(`^[0-9]{1,12}$`)
	for _, v := range []string{"", "HIT", "STALE", "miss", "a_b-C9", strings.Repeat("a", 32), strings.Repeat("a", 33),
		"0", "123456789012", "1234567890123", "12a", "-1", "HIT ", " HIT", "HIT\n", "H\u00cdT", "\u212a", "\xff", "a.b",
		"x<script>", strings.Repeat("9", 12), "1e5", "\uff11"} {
		if got, want := token(v), tokenRe.MatchString(v); got != want {
			t.Errorf("token(%q) = %v, the pattern %v", v, got, want)
		}
		if got, want := digits(v), digitsRe.MatchString(v); got != want {
			t.Errorf("digits(%q) = %v, the pattern %v", v, got, want)
		}
	}
}
