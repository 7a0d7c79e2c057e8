package dbhealth

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/x/mongo/driver/connstring"
)

// decoded is what the user-info of u means (test only: the type keeps it unexported on purpose).
func decoded(t *testing.T, u URI) (user, password string) {
	t.Helper()
	user, err1 := url.PathUnescape(u.user)
	password, err2 := url.PathUnescape(u.password)
	if err1 != nil || err2 != nil {
		t.Fatalf("user-info does not decode: %v %v", err1, err2)
	}
	return user, password
}

var hostilePasswords = []string{
	"p@ss", "a?b", "a/b", "a#b", "100%", "%41", "a:b", "[x]", "a+b c", "?@/#%:", "كلمة-سر", "密码🔑",
	"\u202eevil", "tab\there", strings.Repeat("x", 2048), "%", "%%", "a%2", "~._-", "",
}

// Replacing the password (or the user) of a saved URI keeps every other part as it was and reads back,
// through the strict parser and through the driver's own parser, as exactly what was typed.
func TestRebuildRoundTripsHostileCredentials(t *testing.T) {
	bases := []string{
		"mongodb://siteuser:old%40pw@127.0.0.1:27017,127.0.0.2:27018/shopdb?authSource=admin&replicaSet=rs0",
		"mongodb+srv://siteuser:old@cluster0.abcde.mongodb.net/shopdb?retryWrites=true&w=majority",
		"mongodb://127.0.0.1:27017/shopdb",
		"mongodb://onlyuser@[::1]:27017",
	}
	for _, base := range bases {
		u, err := ParseURI(base)
		if err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		for _, pw := range hostilePasswords {
			for _, which := range []string{"password", "user"} {
				var next string
				if which == "password" {
					next = u.WithPassword(pw)
				} else {
					next = u.WithUser(pw)
				}
				v, err := ParseURI(next)
				if err != nil {
					t.Fatalf("%s %q: the rebuilt URI is refused: %v", which, pw, err)
				}
				user, password := decoded(t, v)
				wantUser, wantPass := decoded(t, u)
				if which == "password" {
					wantPass = pw
				} else {
					wantUser = pw
				}
				if user != wantUser || password != wantPass {
					t.Fatalf("%s %q: read back %q / %q", which, pw, user, password)
				}
				if v.Scheme() != u.Scheme() || !slices.Equal(v.Hosts(), u.Hosts()) || v.Database() != u.Database() ||
					!slices.Equal(v.Options(), u.Options()) {
					t.Fatalf("%s %q: another part changed: %s", which, pw, next)
				}
				if strings.Contains(base, "+srv") || wantUser == "" {
					continue // the driver resolves SRV records while parsing; an empty user is the driver's own refusal
				}
				cs, err := connstring.ParseAndValidate(next)
				if err != nil {
					t.Fatalf("%s %q: the driver refuses the rebuilt URI: %v", which, pw, err)
				}
				if cs.Username != wantUser || cs.Password != wantPass {
					t.Fatalf("%s %q: the driver reads %q / %q", which, pw, cs.Username, cs.Password)
				}
			}
		}
	}
}

func TestParseURIParts(t *testing.T) {
	u, err := ParseURI("mongodb://u:p@a.example:27017,b.example/shop%2Dx?authSource=admin&tlsCertificateKeyFilePassword=s3cr3t&authMechanismProperties=AWS_SESSION_TOKEN:tok&appName=site")
	if err != nil {
		t.Fatal(err)
	}
	if u.Scheme() != "mongodb" || !slices.Equal(u.Hosts(), []string{"a.example:27017", "b.example"}) || u.Database() != "shop-x" ||
		!u.HasUser() || !u.HasPassword() {
		t.Fatalf("%+v", u)
	}
	want := []URIOption{{Name: "authSource", Value: "admin"}, {Name: "tlsCertificateKeyFilePassword", Masked: true},
		{Name: "authMechanismProperties", Masked: true}, {Name: "appName", Value: "site"}}
	if !slices.Equal(u.Options(), want) {
		t.Fatalf("options %+v", u.Options())
	}
	// A URI the check refuses is refused here too, with the same error (one parser).
	for _, bad := range []string{"mongodb://u:pa?ss@h/db", "http://h", "mongodb://u:p@ss@h/db", ""} {
		if _, err := ParseURI(bad); err == nil {
			t.Fatalf("%q accepted", bad)
		} else if _, e2 := parseTarget(bad); e2 == nil || e2.Error() != err.Error() {
			t.Fatalf("%q: ParseURI says %v, the check says %v", bad, err, e2)
		}
	}
}

// FuzzRebuild: whatever the URI and the new password or user, ParseURI never panics, a rebuilt URI is
// accepted by the strict parser, reads back exactly what was typed and keeps every other part.
func FuzzRebuild(f *testing.F) {
	f.Add("mongodb://u:p@127.0.0.1:27017/db?authSource=admin", "?@/#%:")
	f.Add("mongodb+srv://u@cluster0.x.mongodb.net/", "كلمة🔑")
	f.Add("mongodb://h", "%zz")
	f.Add("mongodb://u:%41@h/db", "\x00\xff")
	f.Fuzz(func(t *testing.T, base, secret string) {
		u, err := ParseURI(base)
		if err != nil {
			return
		}
		for _, next := range []string{u.WithPassword(secret), u.WithUser(secret)} {
			v, err := ParseURI(next)
			if err != nil {
				t.Fatalf("rebuilt URI refused: %v", err)
			}
			if v.Scheme() != u.Scheme() || !slices.Equal(v.Hosts(), u.Hosts()) || v.Database() != u.Database() {
				t.Fatal("another part changed")
			}
		}
		_, pw := decoded(t, mustParse(t, u.WithPassword(secret)))
		user, _ := decoded(t, mustParse(t, u.WithUser(secret)))
		if pw != secret || user != secret {
			t.Fatalf("read back %q / %q for %q", user, pw, secret)
		}
	})
}

func mustParse(t *testing.T, s string) URI {
	u, err := ParseURI(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
