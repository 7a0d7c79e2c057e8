package profile

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"siyana/backend/safetext"
)

func TestPagesValidation(t *testing.T) {
	base := func(pages ...Page) Profile {
		return Profile{Name: "shop", Kind: KindStaging, SiteURL: "https://shop.example", Pages: pages}
	}
	for _, c := range []struct {
		name  string
		pages []Page
		code  string // the refusal of the "pages" field; "" accepted
		want  []Page
	}{
		{"nil is the defaults", nil, "", []Page{}},
		{"trimmed, repeats and empty rows dropped", []Page{{Path: " /ar/منتجات ", MustContain: "  متجر "}, {Path: "/ar/منتجات"}, {Path: " "}},
			"", []Page{{Path: "/ar/منتجات", MustContain: "متجر"}}},
		{"no slash", []Page{{Path: "ar"}}, "pathSlash", nil},
		{"another host", []Page{{Path: "//evil.example/x"}}, "pathDoubleSlash", nil},
		{"query", []Page{{Path: "/a?token=x"}}, "pathChars", nil},
		{"fragment", []Page{{Path: "/a#x"}}, "pathChars", nil},
		{"backslash", []Page{{Path: "/\\evil.example"}}, "pathChars", nil},
		{"typed suffix is no page", []Page{{Path: "/dashboard (layout)"}}, "spaces", nil},
		{"control", []Page{{Path: "/a\x00b"}}, "text_control", nil},
		{"bidi in path", []Page{{Path: "/a\u202eb"}}, "text_bidi", nil},
		{"bidi in text", []Page{{Path: "/", MustContain: "\u2066x"}}, "text_bidi", nil},
		{"bad utf-8 in text", []Page{{Path: "/", MustContain: "\xff"}}, "text_utf8", nil},
		{"text without path", []Page{{MustContain: "x"}}, "required", nil},
		{"text too long", []Page{{Path: "/", MustContain: strings.Repeat("ن", MaxMustContainRunes+1)}}, "tooLong", nil},
		{"path too long", []Page{{Path: "/" + strings.Repeat("a", MaxPathLen)}}, "tooLong", nil},
		{"too many", manyPages(MaxPages + 1), "tooManyItems", nil},
		{"at the limits", append(manyPages(MaxPages-1), Page{Path: "/" + strings.Repeat("😀", (MaxPathLen-1)/2), MustContain: strings.Repeat("ن", MaxMustContainRunes)}), "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := base(c.pages...)
			before := p.clone()
			err := p.ValidateAndSetDefaults()
			if c.code != "" {
				ve, ok := err.(*ValidationError)
				if !ok || ve.Fields["pages"].Code != c.code {
					t.Fatalf("want pages refused with %s, got %v", c.code, err)
				}
				if !reflect.DeepEqual(p, before) {
					t.Fatal("a refused profile was changed")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.want != nil && !reflect.DeepEqual(p.Pages, c.want) {
				t.Fatalf("pages %+v, want %+v", p.Pages, c.want)
			}
		})
	}
}

func manyPages(n int) []Page {
	out := make([]Page, n)
	for i := range out {
		out[i] = Page{Path: "/p" + strings.Repeat("x", i)}
	}
	return out
}

// An empty list means the revalidation default paths, each as the page it names.
func TestPageListDefaults(t *testing.T) {
	p := Profile{Revalidation: Revalidation{Paths: []string{"/", "/dashboard (layout)", "/dashboard", "no-slash"}}}
	want := []Page{{Path: "/"}, {Path: "/dashboard"}}
	if got := p.PageList(); !reflect.DeepEqual(got, want) {
		t.Fatalf("defaults %+v, want %+v", got, want)
	}
	if got := Defaults().PageList(); len(got) != len(DefaultPaths) {
		t.Fatalf("new profile pages %+v", got)
	}
	p.Pages = []Page{{Path: "/x", MustContain: "y"}}
	if got := p.PageList(); !reflect.DeepEqual(got, p.Pages) {
		t.Fatalf("own list %+v", got)
	}
}

// A schema 2 file (no pages) loads with the defaults and is written back as the current schema.
func TestSchemaV2LoadsWithoutPages(t *testing.T) {
	dir := t.TempDir()
	v2 := `{"schemaVersion":2,"selectedId":"a","profiles":[{"id":"a","name":"shop","kind":"staging","siteUrl":"https://shop.example"}]}`
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(v2), 0o600); err != nil {
		t.Fatal(err)
	}
	s := openT(t, dir)
	if w := s.Warning(); w != nil {
		t.Fatalf("a v2 file must load: %+v", w)
	}
	p, err := s.Get("a")
	if err != nil || p.Pages == nil || len(p.Pages) != 0 || len(p.PageList()) != len(DefaultPaths) {
		t.Fatalf("pages %#v (%v)", p.Pages, err)
	}
	if _, err := s.Save(p); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(s.Path())
	if !strings.Contains(string(raw), `"schemaVersion": 3`) && !strings.Contains(string(raw), `"schemaVersion":3`) {
		t.Fatalf("written %s", raw)
	}
}

// FuzzValidatePages: any pages list either validates to one that validates again unchanged and keeps every
// rule (absolute path on the site, no query, fragment, space, control or bidi character, bounded), or is
// refused leaving the profile untouched. Never a panic.
func FuzzValidatePages(f *testing.F) {
	for _, s := range [][3]string{{"/", "", "/ar"}, {"//evil", "x", "/a?b"}, {"/a\u202e", "\u2066", ""}, {"/\\x", "\xff", " /x "},
		{"/dashboard (layout)", "نص", "/%2e%2e/"}, {"", "text", "/"}} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, a, text, b string) {
		p := Profile{Name: "shop", Kind: KindStaging, Pages: []Page{{Path: a, MustContain: text}, {Path: b}, {Path: a}}}
		before := p.clone()
		if err := p.ValidateAndSetDefaults(); err != nil {
			if !reflect.DeepEqual(p, before) {
				t.Fatal("failed validation changed the profile")
			}
			return
		}
		if len(p.Pages) > MaxPages {
			t.Fatalf("accepted %d pages", len(p.Pages))
		}
		seen := map[string]bool{}
		for _, pg := range p.Pages {
			if !strings.HasPrefix(pg.Path, "/") || strings.HasPrefix(pg.Path, "//") || PathTooLong(pg.Path) ||
				strings.ContainsAny(pg.Path, "?#\\") || strings.IndexFunc(pg.Path, unicode.IsSpace) >= 0 ||
				safetext.Check(pg.Path) != safetext.OK || safetext.Check(pg.MustContain) != safetext.OK ||
				utf8.RuneCountInString(pg.MustContain) > MaxMustContainRunes || seen[pg.Path] {
				t.Fatalf("accepted page %+q", pg)
			}
			seen[pg.Path] = true
		}
		again := p.clone()
		if err := again.ValidateAndSetDefaults(); err != nil || !reflect.DeepEqual(again.Pages, p.Pages) {
			t.Fatalf("not a fixed point: %+v -> %+v (%v)", p.Pages, again.Pages, err)
		}
	})
}
