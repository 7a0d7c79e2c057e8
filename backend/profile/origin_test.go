package profile

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestOrigin(t *testing.T) {
	scenarios := map[string]string{
		"https://Shop.Example.com/base/":   "https://shop.example.com",
		"https://shop.example.com:443/x":   "https://shop.example.com",
		"http://127.0.0.1:80":              "http://127.0.0.1",
		"http://127.0.0.1:8080/a":          "http://127.0.0.1:8080",
		"https://shop.example.com:8443":    "https://shop.example.com:8443",
		"http://[::1]:3000/":               "http://[::1]:3000",
		"https://متجر.example":             "https://متجر.example",
		"ftp://shop.example.com":           "",
		"https://u:p@shop.example.com":     "",
		"shop.example.com":                 "",
		"":                                 "",
		"https://shop.example.com:99999":   "",
		"https://sh op.example.com":        "",
		"https://shop.example.com%2f.evil": "",
	}
	for in, want := range scenarios {
		if got := Origin(in); got != want {
			t.Errorf("Origin(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnboundOrigins(t *testing.T) {
	bound := []string{"https://shop.example.com", "http://127.0.0.1:3001"}
	scenarios := []struct {
		urls []string
		want []string
	}{
		{[]string{"https://shop.example.com/base", "http://127.0.0.1:3001"}, nil},
		{[]string{"https://shop.example.com"}, nil}, // an instance removed: fewer destinations is fine
		{[]string{"https://evil.example"}, []string{"https://evil.example"}},
		{[]string{"https://shop.example.com", "http://127.0.0.1:3002"}, []string{"http://127.0.0.1:3002"}},
		{[]string{"http://shop.example.com"}, []string{"http://shop.example.com"}},
		{[]string{"https://shop.example.com.evil.example"}, []string{"https://shop.example.com.evil.example"}},
		{[]string{"not a url"}, []string{"not a url"}}, // no origin never matches
	}
	for _, sc := range scenarios {
		if got := UnboundOrigins(bound, sc.urls...); !reflect.DeepEqual(got, sc.want) {
			t.Errorf("UnboundOrigins(%v) = %v, want %v", sc.urls, got, sc.want)
		}
	}
	if got := UnboundOrigins(nil, "https://shop.example.com"); len(got) != 1 {
		t.Errorf("no binding must bind nothing: %v", got)
	}
}

// An upgrading admin is not locked out: a v1 file's saved REVALIDATE_SECRET is bound to the origins the
// profile points to, a profile without the secret gets no binding, and the next write is the current schema.
func TestSchemaV1IsMigrated(t *testing.T) {
	dir := t.TempDir()
	v1 := `{"schemaVersion":1,"selectedId":"a","profiles":[
	 {"id":"a","name":"with","kind":"production","siteUrl":"https://Shop.example.com/","instanceUrls":["http://127.0.0.1:3001","https://shop.example.com/b"],"savedSecrets":["REVALIDATE_SECRET"]},
	 {"id":"b","name":"without","kind":"staging","siteUrl":"https://staging.example.com","savedSecrets":["DATABASE_URL"]},
	 {"id":"c","name":"no url","kind":"staging","savedSecrets":["REVALIDATE_SECRET"]}]}`
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(v1), 0o600); err != nil {
		t.Fatal(err)
	}
	s := openT(t, dir)
	if w := s.Warning(); w != nil {
		t.Fatalf("a v1 file must load: %+v", w)
	}
	want := map[string][]string{"a": {"https://shop.example.com", "http://127.0.0.1:3001"}, "b": nil, "c": nil}
	for id, origins := range want {
		p, err := s.Get(id)
		if err != nil || !reflect.DeepEqual(p.RevalidateSecretOrigins, origins) {
			t.Fatalf("%s bound to %v, want %v (%v)", id, p.RevalidateSecretOrigins, origins, err)
		}
	}
	if err := s.Select("b"); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(s.Path())
	var f struct {
		SchemaVersion int       `json:"schemaVersion"`
		Profiles      []Profile `json:"profiles"`
	}
	if err := json.Unmarshal(raw, &f); err != nil || f.SchemaVersion != SchemaVersion || !reflect.DeepEqual(f.Profiles[0].RevalidateSecretOrigins, want["a"]) {
		t.Fatalf("written %s", raw)
	}
	// A v2 file keeps its binding as written: the migration is not run again against moved URLs.
	p, _ := s.Get("a")
	p.SiteURL = "https://moved.example"
	if _, err := s.Save(p); err != nil {
		t.Fatal(err)
	}
	again := openT(t, dir)
	if p, _ := again.Get("a"); !reflect.DeepEqual(p.RevalidateSecretOrigins, want["a"]) || strings.Contains(strings.Join(p.RevalidateSecretOrigins, " "), "moved") {
		t.Fatalf("reopened v2 file bound to %v", p.RevalidateSecretOrigins)
	}
}

func TestBindRevalidateSecret(t *testing.T) {
	p := Profile{Name: "p", Kind: KindStaging, SiteURL: "https://shop.example.com/base", InstanceURLs: []string{"http://127.0.0.1:3001/"}}
	p.BindRevalidateSecret()
	if want := []string{"https://shop.example.com", "http://127.0.0.1:3001"}; !reflect.DeepEqual(p.RevalidateSecretOrigins, want) {
		t.Fatalf("bound %v", p.RevalidateSecretOrigins)
	}
	if err := p.ValidateAndSetDefaults(); err != nil {
		t.Fatal(err)
	}
	p.UnbindRevalidateSecret()
	if p.RevalidateSecretOrigins != nil {
		t.Fatal("unbind kept origins")
	}
	p.RevalidateSecretOrigins = []string{"https://shop.example.com/path"}
	if err := p.ValidateAndSetDefaults(); err == nil {
		t.Fatal("a non-canonical bound origin must be refused")
	}
}

// Whatever two strings are, a secret bound to the first one's origin may go to the second only when both
// name the same scheme, host and port as net/url (and so net/http) reads them.
func FuzzUnboundOrigins(f *testing.F) {
	for _, s := range [][2]string{
		{"https://shop.example.com", "https://shop.example.com:443/x"},
		{"http://127.0.0.1:3000", "http://127.0.0.1:3000@evil.example"},
		{"http://127.0.0.1:3000", "http://127.0.0.1:30000"},
		{"https://shop.example.com", "https://shop.example.com.evil.example"},
		{"http://[::1]:3000", "http://[::1]:3000/"},
		{"https://SHOP.example.com", "HTTPS://shop.EXAMPLE.com"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, saved, next string) {
		o := Origin(saved)
		if o == "" || next == "" || len(UnboundOrigins([]string{o}, next)) > 0 { // "" is no destination at all
			return
		}
		a, err1 := url.Parse(saved)
		b, err2 := url.Parse(strings.TrimSpace(next))
		if err1 != nil || err2 != nil || b.User != nil {
			t.Fatalf("%q allowed for %q though it does not parse cleanly", next, saved)
		}
		port := func(u *url.URL) string {
			if p := u.Port(); p != "" {
				return p
			}
			if strings.EqualFold(u.Scheme, "https") {
				return "443"
			}
			return "80"
		}
		if !strings.EqualFold(a.Scheme, b.Scheme) || !strings.EqualFold(a.Hostname(), b.Hostname()) || port(a) != port(b) {
			t.Fatalf("%q allowed for a secret bound to %q (%s)", next, saved, o)
		}
	})
}
