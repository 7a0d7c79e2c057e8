package revalidate

import (
	"siyana/backend/profile"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"siyana/backend/i18n"
	"siyana/backend/safetext"
)

// Direction controls reorder what the card shows: "products" on screen, another tag on the wire. Each one is
// refused in a tag and in a path, with a reason that says so.
func TestValidateRefusesBidiControls(t *testing.T) {
	for _, r := range []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C} {
		v := Validate([]string{"pro" + string(r) + "ducts"}, []PathSpec{{Path: "/ar/" + string(r) + "x"}})
		if len(v.Tags) != 0 || len(v.Paths) != 0 || len(v.Invalid) != 2 {
			t.Fatalf("%U accepted: %+v", r, v)
		}
		for _, it := range v.Invalid {
			if it.Code != CodeInvalidInput || it.Reason != "text_bidi" {
				t.Fatalf("%U: %+v", r, it)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	long := strings.Repeat("ت", MaxTagLen) // Arabic letters are one UTF-16 unit each
	emoji := strings.Repeat("😀", MaxTagLen/2+1)
	v := Validate(
		[]string{" products ", "products", "", "  ", long, long + "x", emoji, "a\tb", "line\u2028sep", "\xff"},
		[]PathSpec{{Path: "/"}, {Path: " / "}, {Path: "/", Type: "LAYOUT"}, {Path: "x"}, {Path: "/a\nb"}, {Path: "/" + strings.Repeat("p", MaxPathLen-1)}, {Path: "/" + strings.Repeat("p", MaxPathLen)}, {Path: "/a", Type: "all"}},
	)
	if strings.Join(v.Tags, ",") != "products,"+long {
		t.Fatalf("tags = %q", v.Tags)
	}
	if len(v.Paths) != 3 || v.Paths[1] != (PathSpec{Path: "/", Type: "layout"}) {
		t.Fatalf("paths = %+v", v.Paths)
	}
	if len(v.Invalid) != 9 || v.Dropped != 4 {
		t.Fatalf("invalid = %d, dropped = %d: %+v", len(v.Invalid), v.Dropped, v.Invalid)
	}
	for _, it := range v.Invalid {
		if it.Reason == "" || !i18n.Has("ar", "revalidate.item."+it.Reason) || it.Code != CodeInvalidInput || it.OK {
			t.Fatalf("no reason for %+v", it)
		}
	}
}

// FuzzValidate: whatever comes in, what is accepted obeys the route's rules, is unique, and is a fixed point.
func FuzzValidate(f *testing.F) {
	for _, s := range []string{"products", " /a ", "/", "", "\x00", "😀", "/a\u2028", strings.Repeat("x", 300), "\xff/",
		"pro\u202educts", "/ar/\u2066x\u2069", "\u200f/", "\u061c"} {
		f.Add(s, s, "layout")
	}
	f.Fuzz(func(t *testing.T, tag, path, typ string) {
		v := Validate([]string{tag, tag + " ", path}, []PathSpec{{Path: path, Type: typ}, {Path: tag}})
		seen := map[string]bool{}
		for _, x := range v.Tags {
			if seen[x] || x == "" || x != strings.TrimSpace(x) || profile.JSLen(x) > MaxTagLen || !utf8.ValidString(x) || strings.IndexFunc(x, unicode.IsControl) >= 0 ||
				strings.ContainsFunc(x, safetext.IsBidiControl) {
				t.Fatalf("accepted tag %q", x)
			}
			seen[x] = true
		}
		for _, p := range v.Paths {
			if !strings.HasPrefix(p.Path, "/") || profile.JSLen(p.Path) > MaxPathLen || !utf8.ValidString(p.Path) || strings.ContainsAny(p.Path, "\n\r\t\u2028\u2029") || (p.Type != "" && p.Type != "page" && p.Type != "layout") ||
				strings.ContainsFunc(p.Path, safetext.IsBidiControl) {
				t.Fatalf("accepted path %+v", p)
			}
		}
		if len(v.Tags)+len(v.Paths)+len(v.Invalid)+v.Dropped != 5 {
			t.Fatalf("items lost: %+v", v)
		}
		again := Validate(v.Tags, v.Paths)
		if len(again.Invalid) != 0 || again.Dropped != 0 || len(again.Tags) != len(v.Tags) || len(again.Paths) != len(v.Paths) {
			t.Fatalf("not a fixed point: %+v then %+v", v, again)
		}
	})
}
