package profile

import (
	"errors"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"siyana/backend/i18n"
)

func valid() Profile {
	return Profile{Name: "  الإنتاج  ", Kind: KindProduction, SiteURL: "HTTPS://Shop.Example.com/"}
}

func TestValidateAndSetDefaults(t *testing.T) {
	osUserName = func() string { return "tester" }
	t.Cleanup(func() { osUserName = currentOSUser })

	scenarios := []struct {
		name      string
		change    func(p *Profile)
		badFields []string                      // exact set of invalid fields; nil means valid
		check     func(t *testing.T, p Profile) // on the normalised result when valid
	}{
		{name: "defaults and normalisation", change: func(p *Profile) {}, check: func(t *testing.T, p Profile) {
			if p.Name != "الإنتاج" || p.SiteURL != "https://shop.example.com" || p.Actor != "tester" {
				t.Fatalf("name %q url %q actor %q", p.Name, p.SiteURL, p.Actor)
			}
			if !slices.Equal(p.Revalidation.Tags, DefaultTags) || !slices.Equal(p.Revalidation.Paths, DefaultPaths) ||
				p.Revalidation.CooldownSeconds != DefaultCooldownSeconds {
				t.Fatalf("revalidation defaults: %+v", p.Revalidation)
			}
			if p.Features != (Features{VerifyPaths: true, AtlasLookup: true}) {
				t.Fatalf("feature defaults: %+v", p.Features)
			}
		}},
		{name: "a typed default path is accepted", change: func(p *Profile) {
			p.Revalidation.Paths = []string{"/dashboard (layout)", "/ (page)"}
		}},
		{name: "a space elsewhere in a path is refused", change: func(p *Profile) {
			p.Revalidation.Paths = []string{"/dash board (layout)"}
		}, badFields: []string{"revalidation.paths"}},
		{name: "stored profile keeps its toggles off", change: func(p *Profile) { p.ID = "abc" }, check: func(t *testing.T, p Profile) {
			if p.Features != (Features{}) {
				t.Fatalf("features changed: %+v", p.Features)
			}
		}},
		{name: "explicit empty lists stay empty", change: func(p *Profile) {
			p.Revalidation.Tags, p.Revalidation.Paths = []string{}, []string{}
		}, check: func(t *testing.T, p Profile) {
			if len(p.Revalidation.Tags) != 0 || len(p.Revalidation.Paths) != 0 {
				t.Fatalf("%+v", p.Revalidation)
			}
		}},
		{name: "empty site url allowed", change: func(p *Profile) { p.SiteURL = " " }, check: func(t *testing.T, p Profile) {
			if p.SiteURL != "" {
				t.Fatal(p.SiteURL)
			}
		}},
		{name: "instance urls deduped, empties and the site itself dropped", change: func(p *Profile) {
			p.InstanceURLs = []string{"", "http://10.0.0.2:3000/", "http://10.0.0.2:3000", "https://shop.example.com", " http://[::1]:8080 "}
		}, check: func(t *testing.T, p Profile) {
			if !reflect.DeepEqual(p.InstanceURLs, []string{"http://10.0.0.2:3000", "http://[::1]:8080"}) {
				t.Fatalf("%q", p.InstanceURLs)
			}
		}},
		{name: "tags and paths trimmed and deduped", change: func(p *Profile) {
			p.Revalidation.Tags = []string{" products ", "products", "", "عروض"}
			p.Revalidation.Paths = []string{"/", " /", "/ar/منتجات"}
		}, check: func(t *testing.T, p Profile) {
			if !reflect.DeepEqual(p.Revalidation.Tags, []string{"products", "عروض"}) || !reflect.DeepEqual(p.Revalidation.Paths, []string{"/", "/ar/منتجات"}) {
				t.Fatalf("%+v", p.Revalidation)
			}
		}},
		{name: "pusher normalised, insecure dropped without host", change: func(p *Profile) {
			p.Pusher = Pusher{AppID: " 123 ", Key: "abc", Cluster: " MT1 ", Insecure: true}
		}, check: func(t *testing.T, p Profile) {
			if p.Pusher.Cluster != "mt1" || p.Pusher.AppID != "123" || p.Pusher.Insecure {
				t.Fatalf("%+v", p.Pusher)
			}
		}},
		{name: "pusher host with port", change: func(p *Profile) { p.Pusher.Host = "127.0.0.1:6001"; p.Pusher.Insecure = true }, check: func(t *testing.T, p Profile) {
			if !p.Pusher.Insecure {
				t.Fatal("insecure lost with host set")
			}
		}},
		{name: "atlas group id upper-case hex accepted", change: func(p *Profile) { p.Atlas.GroupID = "5F1A2B3C4D5E6F708192A3B4" }, check: func(t *testing.T, p Profile) {
			if p.Atlas.GroupID != "5f1a2b3c4d5e6f708192a3b4" {
				t.Fatal(p.Atlas.GroupID)
			}
		}},
		{name: "arabic domain", change: func(p *Profile) { p.SiteURL = "https://متجر.example/ar" }},

		{name: "name required", change: func(p *Profile) { p.Name = "   " }, badFields: []string{"name"}},
		{name: "name too long", change: func(p *Profile) { p.Name = strings.Repeat("س", 81) }, badFields: []string{"name"}},
		{name: "name 80 runes ok", change: func(p *Profile) { p.Name = strings.Repeat("س", 80) }},
		{name: "name control char", change: func(p *Profile) { p.Name = "a\nb" }, badFields: []string{"name"}},
		{name: "kind missing", change: func(p *Profile) { p.Kind = "" }, badFields: []string{"kind"}},
		{name: "kind unknown", change: func(p *Profile) { p.Kind = "prod" }, badFields: []string{"kind"}},
		{name: "bad id", change: func(p *Profile) { p.ID = "../x" }, badFields: []string{"id"}},
		{name: "ftp url", change: func(p *Profile) { p.SiteURL = "ftp://example.com" }, badFields: []string{"siteUrl"}},
		{name: "relative url", change: func(p *Profile) { p.SiteURL = "example.com" }, badFields: []string{"siteUrl"}},
		{name: "url with credentials", change: func(p *Profile) { p.SiteURL = "https://u:p@example.com" }, badFields: []string{"siteUrl"}},
		{name: "url with query", change: func(p *Profile) { p.SiteURL = "https://example.com/?a=1" }, badFields: []string{"siteUrl"}},
		{name: "url with empty query", change: func(p *Profile) { p.SiteURL = "https://example.com/?" }, badFields: []string{"siteUrl"}},
		{name: "url with fragment", change: func(p *Profile) { p.SiteURL = "https://example.com/#x" }, badFields: []string{"siteUrl"}},
		{name: "url bad port", change: func(p *Profile) { p.SiteURL = "https://example.com:99999" }, badFields: []string{"siteUrl"}},
		{name: "url space", change: func(p *Profile) { p.SiteURL = "https://exa mple.com" }, badFields: []string{"siteUrl"}},
		{name: "url underscore host", change: func(p *Profile) { p.SiteURL = "https://a_b.com" }, badFields: []string{"siteUrl"}},
		{name: "bad instance url", change: func(p *Profile) { p.InstanceURLs = []string{"https://ok.example", "javascript:alert(1)"} }, badFields: []string{"instanceUrls"}},
		{name: "too many instances", change: func(p *Profile) {
			for i := range 17 {
				p.InstanceURLs = append(p.InstanceURLs, "http://127.0.0.1:"+string(rune('1'+i%9))+strings.Repeat("0", 1+i/9))
			}
		}, badFields: []string{"instanceUrls"}},
		{name: "cluster bad", change: func(p *Profile) { p.Pusher.Cluster = "eu_west" }, badFields: []string{"pusher.cluster"}},
		{name: "public cluster too long", change: func(p *Profile) { p.Pusher.PublicCluster = strings.Repeat("a", 33) }, badFields: []string{"pusher.publicCluster"}},
		{name: "host with scheme", change: func(p *Profile) { p.Pusher.Host = "http://x.com" }, badFields: []string{"pusher.host"}},
		{name: "host empty port", change: func(p *Profile) { p.Pusher.Host = "x.com:" }, badFields: []string{"pusher.host"}},
		{name: "host port zero", change: func(p *Profile) { p.Pusher.Host = "x.com:0" }, badFields: []string{"pusher.host"}},
		{name: "app id with space", change: func(p *Profile) { p.Pusher.AppID = "1 2" }, badFields: []string{"pusher.appId"}},
		{name: "group id short", change: func(p *Profile) { p.Atlas.GroupID = "abc" }, badFields: []string{"atlas.groupId"}},
		{name: "group id not hex", change: func(p *Profile) { p.Atlas.GroupID = strings.Repeat("g", 24) }, badFields: []string{"atlas.groupId"}},
		{name: "atlas cluster name", change: func(p *Profile) { p.Atlas.ClusterName = "-bad" }, badFields: []string{"atlas.clusterName"}},
		{name: "tag too long", change: func(p *Profile) { p.Revalidation.Tags = []string{strings.Repeat("t", 257)} }, badFields: []string{"revalidation.tags"}},
		{name: "tag 256 ok", change: func(p *Profile) { p.Revalidation.Tags = []string{strings.Repeat("t", 256)} }},
		{name: "path without slash", change: func(p *Profile) { p.Revalidation.Paths = []string{"dashboard"} }, badFields: []string{"revalidation.paths"}},
		{name: "path protocol-relative", change: func(p *Profile) { p.Revalidation.Paths = []string{"//evil.example"} }, badFields: []string{"revalidation.paths"}},
		{name: "path too long", change: func(p *Profile) { p.Revalidation.Paths = []string{"/" + strings.Repeat("p", 1024)} }, badFields: []string{"revalidation.paths"}},
		{name: "path with query", change: func(p *Profile) { p.Revalidation.Paths = []string{"/a?b"} }, badFields: []string{"revalidation.paths"}},
		{name: "too many paths", change: func(p *Profile) {
			for i := range 65 {
				p.Revalidation.Paths = append(p.Revalidation.Paths, "/p"+strings.Repeat("x", i))
			}
		}, badFields: []string{"revalidation.paths"}},
		{name: "cooldown negative", change: func(p *Profile) { p.Revalidation.CooldownSeconds = -1 }, badFields: []string{"revalidation.cooldownSeconds"}},
		{name: "cooldown too big", change: func(p *Profile) { p.Revalidation.CooldownSeconds = 3601 }, badFields: []string{"revalidation.cooldownSeconds"}},
		{name: "saved secret bad", change: func(p *Profile) { p.SavedSecrets = []string{"lower"} }, badFields: []string{"savedSecrets"}},
		{name: "several at once", change: func(p *Profile) { p.Name = ""; p.Kind = "x"; p.SiteURL = "nope" }, badFields: []string{"kind", "name", "siteUrl"}},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			p := valid()
			sc.change(&p)
			before := p.clone()
			err := p.ValidateAndSetDefaults()
			if sc.badFields == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if sc.check != nil {
					sc.check(t, p)
				}
				again := p.clone()
				if err := again.ValidateAndSetDefaults(); err != nil || !reflect.DeepEqual(again, p) {
					t.Fatalf("not idempotent: %v\n%+v\n%+v", err, p, again)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("want *ValidationError, got %v", err)
			}
			var got []string
			for k, msg := range ve.Fields {
				got = append(got, k)
				if !i18n.Has("ar", "field."+msg.Code) || !i18n.Has("en", "field."+msg.Code) {
					t.Errorf("%s: field code %q has no sentence in the catalogs", k, msg.Code)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, sc.badFields) {
				t.Fatalf("invalid fields %v, want %v", got, sc.badFields)
			}
			if !reflect.DeepEqual(p, before) {
				t.Fatalf("a failed validation changed the profile")
			}
		})
	}
}

func TestDefaultsValidateOnceNamed(t *testing.T) {
	p := Defaults()
	if err := p.ValidateAndSetDefaults(); err == nil {
		t.Fatal("Defaults() has no name or kind and must not validate")
	}
	p.Name, p.Kind = "x", KindStaging
	if err := p.ValidateAndSetDefaults(); err != nil {
		t.Fatal(err)
	}
	if p.Actor == "" || !p.Features.VerifyPaths || p.Features.DBStats || !p.Features.AtlasLookup {
		t.Fatalf("%+v", p)
	}
}

func containsArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// The bounded patterns accept exactly what the counted repetitions they replace accepted (the old
// expressions are compiled here, in the test only), on the edges of every bound and on non-ASCII text.
func TestBoundedPatternsMatchTheCountedOnes(t *testing.T) {
	for _, c := range []struct {
		b   bounded
		old string
	}{
		{idPattern, `^[A-Za-z0-9_-]{1,64}$`}, {clusterPattern, `^[a-z0-9-]{1,32}$`}, {pusherIDPattern, `^[A-Za-z0-9._-]{0,128}$`},
		{groupIDPattern, `^[0-9a-f]{24}$`}, {atlasClusterName, `^[A-Za-z0-9][A-Za-z0-9-]{0,63}$`}, {secretNamePattern, `^[A-Z][A-Z0-9_]{0,63}$`},
	} {
		old := regexp.MustCompile(c.old)
		for _, unit := range []string{"a", "A", "0", "f", "-", "_", ".", "Z", "é", "ب", "\n", " "} {
			for n := 0; n <= 130; n++ {
				for _, s := range []string{strings.Repeat(unit, n), "A" + strings.Repeat(unit, n), strings.Repeat(unit, n) + "\n"} {
					if got, want := c.b.MatchString(s), old.MatchString(s); got != want {
						t.Fatalf("%s on %q (%d bytes): %v, the counted pattern says %v", c.old, s, len(s), got, want)
					}
				}
			}
		}
	}
}
