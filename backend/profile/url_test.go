package profile

import (
	"strings"
	"testing"

	"siyana/backend/i18n"
)

// Each wrong URL gets the code of the part at fault, so the sentence beside the field says what to write.
func TestNormalizeURLNamesThePartAtFault(t *testing.T) {
	scenarios := []struct{ raw, code, want string }{
		{"https://Shop.Example.com/", "", "https://shop.example.com"},
		{"http://127.0.0.1:3000/ar/", "", "http://127.0.0.1:3000/ar"},
		{"https://متجر.example/ar", "", "https://متجر.example/ar"},
		{"https://x.com/a%20b", "", "https://x.com/a%20b"},
		{"http://[::1]:8080", "", "http://[::1]:8080"},
		{"", "required", ""},
		{"   ", "required", ""},
		{"not a url", "urlNoScheme", ""},
		{"shop.example.com", "urlNoScheme", ""},
		{"//shop.example.com", "urlNoScheme", ""},
		{"٠https://x.com", "urlNoScheme", ""},
		{"localhost:3000", "urlScheme", ""},
		{"ftp://x.com", "urlScheme", ""},
		{"javascript:alert(1)", "urlScheme", ""},
		{"https:x.com", "urlNoHost", ""},
		{"https://", "urlNoHost", ""},
		{"https:///path", "urlNoHost", ""},
		{"http://x y", "hostSpaces", ""},
		{"http://x\u00a0y.com", "hostSpaces", ""},
		{"http://x.com :80", "hostSpaces", ""},
		{"https://x.com/a b", "urlPathSpaces", ""},
		{"https://x.com/a\u3000b", "urlPathSpaces", ""},
		{"https://x.com/?a b", "urlQuery", ""},
		{"https://x.com/?a=1", "urlQuery", ""},
		{"https://x.com#frag", "urlQuery", ""},
		{"https://x.com?", "urlQuery", ""},
		{"https://u:p@x.com", "urlUserinfo", ""},
		{"https://u@x.com/", "urlUserinfo", ""},
		{"https://x.com@evil.example", "urlUserinfo", ""},
		{"http://x:y", "hostPort", ""},
		{"http://x:99999", "hostPort", ""},
		{"http://x:0", "hostPort", ""},
		{"http://x:", "hostPort", ""},
		{"http://x%20y", "hostName", ""},
		{"http://a_b.com", "hostName", ""},
		{"http://x.com\\evil.example", "hostName", ""},
		{"http://-x.com", "hostName", ""},
		{"http://[::1", "hostForm", ""},
		{"http://[zz]:1", "hostIPv6", ""},
		{"http://[127.0.0.1]", "hostIPv6", ""},
		{"https://x.com/%zz", "urlPathEscape", ""},
		{"https://x.com//evil.example", "urlDoubleSlash", ""},
		{"https://x.com/\u202eevil", "text_bidi", ""},
		{"https://x.com/\x00", "text_control", ""},
		{"https://x.com/\xff", "text_utf8", ""},
		{"https://x.com/" + strings.Repeat("a", MaxURLLen), "tooLong", ""},
	}
	for _, sc := range scenarios {
		got, e := NormalizeURL(sc.raw)
		code := ""
		if e != nil {
			code = e.Code
			if !i18n.Has("ar", "field."+code) || !i18n.Has("en", "field."+code) {
				t.Errorf("%q: code %q has no sentence", sc.raw, code)
			}
		}
		if code != sc.code || got != sc.want {
			t.Errorf("NormalizeURL(%.60q) = %q, %q; want %q, %q", sc.raw, got, code, sc.want, sc.code)
		}
	}
}

// Without a custom host (Pusher itself) the app id is a number and the clusters are Pusher's; a self-hosted
// server (the sandbox's soketi: app id "app-id", cluster "local") keeps its own.
func TestValidateInputPusherRules(t *testing.T) {
	scenarios := []struct {
		name   string
		pusher Pusher
		bad    []string
	}{
		{"pusher numeric id and known clusters", Pusher{AppID: " 1234567 ", Cluster: "EU", PublicCluster: "mt1"}, nil},
		{"letters in the app id", Pusher{AppID: "abc", Cluster: "eu"}, []string{"pusher.appId"}},
		{"signed id", Pusher{AppID: "-12", Cluster: "eu"}, []string{"pusher.appId"}},
		{"arabic-indic digits", Pusher{AppID: "١٢٣", Cluster: "eu"}, []string{"pusher.appId"}},
		{"unknown cluster", Pusher{AppID: "1", Cluster: "eu-west", PublicCluster: "mars"}, []string{"pusher.cluster", "pusher.publicCluster"}},
		{"self-hosted keeps its id and cluster", Pusher{AppID: "app-id", Cluster: "local", Host: "127.0.0.1:6001", Insecure: true}, nil},
		{"a bad character is still refused first", Pusher{AppID: "1 2"}, []string{"pusher.appId"}},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			p := valid()
			p.Pusher = sc.pusher
			before := p.clone()
			err := p.ValidateInput()
			var got []string
			if ve, ok := err.(*ValidationError); ok {
				for k, fe := range ve.Fields {
					got = append(got, k)
					if !i18n.Has("en", "field."+fe.Code) {
						t.Errorf("%s: %q has no sentence", k, fe.Code)
					}
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if strings.Join(sortedCopy(got), ",") != strings.Join(sc.bad, ",") {
				t.Fatalf("refused %v, want %v", got, sc.bad)
			}
			if err != nil && p.Pusher != before.Pusher {
				t.Fatal("a refused input changed the profile")
			}
			// The stored-profile rules stay as they were: a file written before these rules still loads.
			q := before.clone()
			if e := q.ValidateAndSetDefaults(); e != nil && sc.name != "a bad character is still refused first" && sc.name != "arabic-indic digits" {
				t.Fatalf("ValidateAndSetDefaults refused it: %v", e)
			}
		})
	}
}

// The custom Pusher host is read with the same rule: a space is a space, not a bad port.
func TestPusherHostNamesThePartAtFault(t *testing.T) {
	for host, code := range map[string]string{"x y:6001": "hostSpaces", "x.com:y": "hostPort", "x.com:": "hostPort",
		"[::1": "hostForm", "a_b:1": "hostName", "http://x.com": "hostForm", "127.0.0.1:6001": ""} {
		p := valid()
		p.Pusher.Host = host
		err := p.ValidateAndSetDefaults()
		got := ""
		if ve, ok := err.(*ValidationError); ok {
			got = ve.Fields["pusher.host"].Code
		}
		if got != code {
			t.Errorf("host %q: %q, want %q", host, got, code)
		}
	}
}

func sortedCopy(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}
