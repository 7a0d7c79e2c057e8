package diagnostics

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
)

const (
	canaryPass   = "cAnArY-pw-7f3e+/="
	canaryPusher = "cAnArY-pusher-91ab"
	canaryAtlas  = "cAnArY-atlas-priv-55"
)

func testScrubber() *Scrubber {
	return NewScrubber(map[string]string{
		"DATABASE_URL":      "mongodb://siteuser:" + url.QueryEscape(canaryPass) + "@db.example:27017/shop",
		"PUSHER_SECRET":     canaryPusher,
		"ATLAS_PRIVATE_KEY": canaryAtlas,
		"REVALIDATE_SECRET": "ab", // too short to match by value: must not mangle text
	})
}

func TestScrubRemovesEveryForm(t *testing.T) {
	sc := testScrubber()
	scenarios := []struct {
		name, text string
		gone       []string
		kind       string
	}{
		{"raw secret", "pusher said: bad secret " + canaryPusher, []string{canaryPusher}, KindSecret},
		{"url-encoded", "GET /x?v=" + url.QueryEscape(canaryPass), []string{url.QueryEscape(canaryPass), canaryPass}, KindSecret},
		{"base64", "body " + base64.StdEncoding.EncodeToString([]byte(canaryAtlas)), []string{base64.StdEncoding.EncodeToString([]byte(canaryAtlas))}, KindSecret},
		{"base64url", "b " + base64.RawURLEncoding.EncodeToString([]byte(canaryPass)), []string{base64.RawURLEncoding.EncodeToString([]byte(canaryPass))}, KindSecret},
		{"decoded password alone", "auth failed for password " + canaryPass, []string{canaryPass}, KindSecret},
		{"whole uri", "connection() error mongodb://siteuser:" + url.QueryEscape(canaryPass) + "@db.example:27017/shop: auth", []string{canaryPass, url.QueryEscape(canaryPass), "siteuser"}, KindSecret},
		{"unknown userinfo", "dial https://bob:hunter22@other.example/x", []string{"hunter22", "bob:"}, KindUserInfo},
		{"query secret", "POST https://h/api?auth_key=k1&auth_signature=deadbeef99&body_md5=x", []string{"deadbeef99"}, KindQuery},
		{"token param", "GET /r?token=tok123456 done", []string{"tok123456"}, KindQuery},
		{"auth header", `{"echo":"Authorization: Digest username=\"pk\", response=\"abc\""}`, []string{"response=", "username="}, KindHeader},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			out, rs := sc.ScrubNote("here", s.text)
			for _, g := range s.gone {
				if strings.Contains(out, g) {
					t.Errorf("%q still in %q", g, out)
				}
			}
			if !strings.Contains(out, Placeholder) {
				t.Errorf("no placeholder in %q", out)
			}
			kinds := map[string]bool{}
			for _, r := range rs {
				kinds[r.Kind] = true
				if r.Where != "here" || r.Count < 1 {
					t.Errorf("bad record %+v", r)
				}
				if strings.Contains(r.Form+r.Secret, "cAnArY") {
					t.Errorf("record carries a value: %+v", r)
				}
			}
			if !kinds[s.kind] {
				t.Errorf("kinds %v, want %s", kinds, s.kind)
			}
		})
	}
}

func TestScrubLeavesOrdinaryTextAlone(t *testing.T) {
	sc := testScrubber()
	for _, text := range []string{
		"تعذّر الاتصال بقاعدة البيانات خلال 10 ثوانٍ",
		"dial tcp 127.0.0.1:27017: connect: connection refused",
		"https://shop.example/dashboard?page=2",
		"about a cab", // contains the too-short "ab" secret
	} {
		if got := sc.Scrub(text); got != text {
			t.Errorf("Scrub(%q) = %q", text, got)
		}
	}
}

func TestNilScrubberStillRemovesShapes(t *testing.T) {
	var sc *Scrubber
	if got := sc.Scrub("x https://u:p4ss@h/ y"); strings.Contains(got, "p4ss") {
		t.Fatal(got)
	}
}
