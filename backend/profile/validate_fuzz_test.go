package profile

import (
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"siyana/backend/i18n"
	"siyana/backend/safetext"
)

// FuzzValidateURL: NormalizeURL never panics, only accepts http(s) URLs with a host and without user-info,
// query or fragment, and its output is a fixed point.
func FuzzValidateURL(f *testing.F) {
	for _, s := range []string{"https://example.com/", "http://127.0.0.1:3000", "https://u:p@x.com", "https://x.com/?q#f",
		"http://[::1]:80/a/../b", "https://متجر.example/ar/", "HTTP://X.COM//", "https://x.com/%zz", "http://x.com:0", "http:///a",
		"https://x.com/a%2Fb/", "https://[fe80::1%25eth0]/",
		"not a url", "http://x y", "http://x:y", "https://x.com/a b", "http://x%20y", "http://x.com\\e", "https://x.com@e.example"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		out, msg := NormalizeURL(raw)
		if msg != nil {
			if out != "" {
				t.Fatalf("rejected %q but returned %q", raw, out)
			}
			if !i18n.Has("en", "field."+msg.Code) || !i18n.Has("ar", "field."+msg.Code) {
				t.Fatalf("rejected %q with %q, which has no sentence", raw, msg.Code)
			}
			return
		}
		// Accepted: what came in was an http(s) URL with a host, no space, user-info, query or fragment.
		if s := strings.ToLower(strings.TrimSpace(raw)); !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") ||
			strings.IndexFunc(strings.TrimSpace(raw), unicode.IsSpace) >= 0 || strings.ContainsAny(raw, "@?#") {
			t.Fatalf("accepted %q -> %q", raw, out)
		}
		u, err := url.Parse(out)
		if err != nil {
			t.Fatalf("accepted %q -> %q which does not parse: %v", raw, out, err)
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" ||
			strings.ContainsAny(out, " \t\r\n#?") {
			t.Fatalf("accepted %q -> %q breaks the rules", raw, out)
		}
		again, msg2 := NormalizeURL(out)
		if msg2 != nil || again != out {
			t.Fatalf("not a fixed point: %q -> %q -> %q (%v)", raw, out, again, msg2)
		}
	})
}

// FuzzValidateProfile: any combination of field values either validates to a profile that validates again
// unchanged and honours the limits, or fails leaving the input untouched. Never a panic.
func FuzzValidateProfile(f *testing.F) {
	f.Add("prod", "production", "https://x.com", "mt1", "127.0.0.1:6001", "5f1a2b3c4d5e6f708192a3b4", "products", "/", 10)
	f.Add(" ", "staging", "http://[::1]", "EU", "[::1]:1", "", "", "//x", 0)
	f.Add("س", "development", "", "", "x.com:", "ABC", "\x00", "/a?b", -5)
	// Direction controls in every free-text slot (all of them must end up refused).
	f.Add("prod\u202e", "production", "https://x.com", "mt1", "", "", "products", "/", 10)
	f.Add("prod", "production", "https://x.com/\u2066a", "mt1", "", "", "pro\u2067ducts", "/\u200fa", 10)
	f.Add("\u061cس", "staging", "", "", "", "", "\u202atag\u202c", "/ar/\u2069", 10)
	f.Add("p", "staging", "", "eu", "", "", "12345", "/", 10)
	f.Add("p", "staging", "", "local", "127.0.0.1:6001", "", "app-id", "/", 10)
	f.Fuzz(func(t *testing.T, name, kind, site, cluster, host, group, tag, path string, cooldown int) {
		p := Profile{Name: name, Kind: Kind(kind), SiteURL: site, InstanceURLs: []string{site, host},
			Actor: tag, DBPlan: cluster,
			Pusher:       Pusher{Cluster: cluster, PublicCluster: cluster, Host: host},
			Atlas:        Atlas{GroupID: group, ClusterName: cluster},
			Revalidation: Revalidation{Tags: []string{tag, tag}, Paths: []string{path}, CooldownSeconds: cooldown}}
		before := p.clone()
		// The input rules: on Pusher itself (no host) an accepted app id is digits and each cluster is Pusher's.
		in := p.clone()
		in.Pusher.AppID = tag
		want := in.clone()
		if err := in.ValidateInput(); err != nil {
			if !reflect.DeepEqual(in, want) {
				t.Fatal("a refused input changed the profile")
			}
		} else if in.Pusher.Host == "" {
			if in.Pusher.AppID != "" && strings.Trim(in.Pusher.AppID, "0123456789") != "" {
				t.Fatalf("accepted app id %q without a host", in.Pusher.AppID)
			}
			for _, c := range []string{in.Pusher.Cluster, in.Pusher.PublicCluster} {
				if c != "" && !slices.Contains(PusherClusters, c) {
					t.Fatalf("accepted cluster %q without a host", c)
				}
			}
		}
		if err := p.ValidateAndSetDefaults(); err != nil {
			if !reflect.DeepEqual(p, before) {
				t.Fatal("failed validation changed the profile")
			}
			return
		}
		if p.Name == "" || len([]rune(p.Name)) > MaxNameRunes || p.Revalidation.CooldownSeconds < 1 ||
			p.Revalidation.CooldownSeconds > MaxCooldownSeconds {
			t.Fatalf("accepted out-of-limits profile %+v", p)
		}
		if p.Pusher.Cluster != "" && !clusterPattern.MatchString(p.Pusher.Cluster) {
			t.Fatalf("accepted cluster %q", p.Pusher.Cluster)
		}
		for _, pa := range p.Revalidation.Paths {
			if !strings.HasPrefix(pa, "/") || strings.HasPrefix(pa, "//") || PathTooLong(pa) {
				t.Fatalf("accepted path %q", pa)
			}
		}
		for _, tg := range p.Revalidation.Tags {
			if tg == "" || TagTooLong(tg) {
				t.Fatalf("accepted tag %q", tg)
			}
		}
		// No accepted text holds a direction control (or a control character, or invalid UTF-8).
		texts := append([]string{p.Name, p.Actor, p.DBPlan, p.SiteURL}, p.InstanceURLs...)
		texts = append(append(texts, p.Revalidation.Tags...), p.Revalidation.Paths...)
		for _, s := range texts {
			if safetext.Check(s) != safetext.OK {
				t.Fatalf("accepted %+q", s)
			}
		}
		again := p.clone()
		if err := again.ValidateAndSetDefaults(); err != nil || !reflect.DeepEqual(again, p) {
			t.Fatalf("not idempotent: %v", err)
		}
	})
}
