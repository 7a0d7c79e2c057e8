package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"siyana/backend/i18n"
)

func TestCheck(t *testing.T) {
	scenarios := []struct {
		in   string
		want Problem
	}{
		{"", OK},
		{"متجر الإنتاج", OK},
		{"products \u200d zwj and \u200c zwnj", OK}, // needed to shape Persian and emoji sequences
		{"emoji \U0001F469\u200d\U0001F4BB", OK},
		{"a\nb", Control},
		{"a\tb", Control},
		{"a\u0085b", Control},
		{"a\u2028b", Control},
		{"bad \xff", InvalidUTF8},
		{"bidi and \n control", Control}, // control wins: it is the older, more specific message
	}
	for r := rune(0x202A); r <= 0x202E; r++ {
		scenarios = append(scenarios, struct {
			in   string
			want Problem
		}{"tag" + string(r) + "x", Bidi})
	}
	for _, r := range []rune{0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C} {
		scenarios = append(scenarios, struct {
			in   string
			want Problem
		}{string(r), Bidi})
	}
	for _, sc := range scenarios {
		if got := Check(sc.in); got != sc.want {
			t.Errorf("Check(%+q) = %d, want %d", sc.in, got, sc.want)
		}
	}
	for _, p := range []Problem{InvalidUTF8, Control, Bidi} {
		if Name(p) == "" {
			t.Errorf("no name for %d", p)
		}
		// Each name is the suffix of a sentence in the catalogs (field.text_<name>, revalidate.item.text_<name>).
		if !i18n.Has("ar", "field.text_"+Name(p)) || !i18n.Has("en", "revalidate.item.text_"+Name(p)) {
			t.Errorf("no sentence for %s", Name(p))
		}
	}
}

// The only runes refused as bidi are the ten the rule names: a scan of the whole range proves no
// neighbour (ZWJ U+200D, ZWNJ U+200C, word joiner U+2060...) was caught by mistake and none is missing.
func TestBidiSetIsExact(t *testing.T) {
	var got []rune
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if IsBidiControl(r) {
			got = append(got, r)
		}
	}
	want := []rune{0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}
	if string(got) != string(want) {
		t.Fatalf("bidi set %U, want %U", got, want)
	}
	if !strings.Contains(i18n.T("ar", "field.text_"+Name(Bidi), nil), "U+202E") {
		t.Fatal("the sentence names an example")
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"", "abc", "\u202e", "a\u2066b\u2069", "\xff", "\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := Check(s)
		hasBidi := strings.ContainsFunc(s, IsBidiControl)
		if p == OK && (hasBidi || !utf8.ValidString(s)) {
			t.Fatalf("accepted %+q", s)
		}
		if hasBidi && utf8.ValidString(s) && p == OK {
			t.Fatalf("bidi accepted %+q", s)
		}
	})
}
