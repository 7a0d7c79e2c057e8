package dbhealth

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"siyana/backend/i18n"
	"siyana/backend/testpeer"
)

// A password pasted as it is, with "?" in it: net/url and the old hand split cut the URI at the "?" and
// showed "user:<start of the password>" as the host, on the card and in every file written from results.
func TestPasswordWithQuestionMarkNeverBecomesTheHost(t *testing.T) {
	const user, password = "siteuser", "abc123?Zq9-secret-tail"
	for _, uri := range []string{
		"mongodb://" + user + ":" + password + "@127.0.0.1:27017/shopdb?authSource=admin",
		"mongodb://" + user + ":" + password + "@db.example.test/shopdb",
		"mongodb+srv://" + user + ":" + password + "@cluster0.abcde.mongodb.net/shopdb?retryWrites=true",
		"mongodb://" + user + ":123?" + password + "@db.example.test/shopdb", // "user:123" looks like host:port
	} {
		res := newService(t).Check(context.Background(), "p", uri, Options{Timeout: time.Second})
		assertNoUserinfo(t, res, user, password)
		if res.Code != CodeInvalidURI || res.Host != "" || res.DBName != "" {
			t.Fatalf("%s: want INVALID_URI with no target fields, got %+v", strings.Replace(uri, password, "<pw>", 1), res)
		}
		if res.Params["char"] != "?" || res.Params["enc"] != "%3F" || !strings.Contains(res.Hint, "%3F") {
			t.Fatalf("the hint must name «?» and its encoding: %v %q", res.Params, res.Hint)
		}
	}
}

// assertNoUserinfo fails when any field of res, in any form it is written, carries the user or password
// or a piece of 8 or more bytes of them.
func assertNoUserinfo(t *testing.T, res Result, secrets ...string) {
	t.Helper()
	if leak := findLeak(res, secrets...); leak != "" {
		t.Fatalf("result leaks %s", leak)
	}
}

func TestParseTargetRefusesUnencodedCharacters(t *testing.T) {
	scenarios := []struct {
		name, uri string
		part      URIPart
		char      rune
		after     bool
	}{
		{"question mark", "mongodb://u:pa?ss@h/db", PartPassword, '?', true},
		{"hash", "mongodb://u:pa#ss@h/db", PartPassword, '#', true},
		{"slash", "mongodb://u:pa/ss@h/db", PartPassword, '/', true},
		{"slash, srv", "mongodb+srv://u:p@ss.evil.example/x@cluster0.abcde.mongodb.net/db", PartPassword, '/', true},
		{"at", "mongodb://u:p@ss@h/db", PartPassword, '@', false},
		{"colon", "mongodb://u:pa:ss@h/db", PartPassword, ':', false},
		{"open bracket", "mongodb://u:pa[ss@h/db", PartPassword, '[', false},
		{"close bracket", "mongodb://u:pa]ss@h/db", PartPassword, ']', false},
		{"lone percent", "mongodb://u:100%sure@h/db", PartPassword, '%', false},
		{"percent at the end", "mongodb://u:pass%4@h/db", PartPassword, '%', false},
		{"space", "mongodb://u:pa ss@h/db", PartPassword, ' ', false},
		{"tab", "mongodb://u:pa\tss@h/db", PartPassword, '\t', false},
		{"newline", "mongodb://u:pa\nss@h/db", PartPassword, '\n', false},
		{"nul", "mongodb://u:pa\x00ss@h/db", PartPassword, 0, false},
		{"bad utf-8", "mongodb://u:pa\xffss@h/db", PartPassword, '\uFFFD', false},
		{"in the user", "mongodb://us[er:pass@h/db", PartUser, '[', false},
		{"option with @", "mongodb://h/db?appName=a@b", PartPassword, '/', true},
		{"question mark straight after host", "mongodb://h?x=1", PartOptions, noChar, false},
		{"hash in options", "mongodb://h/db?x=1#f", PartOptions, '#', false},
		{"two srv hosts", "mongodb+srv://a.example.test,b.example.test/db", PartHost, ',', false},
		{"srv port", "mongodb+srv://a.example.test:27017/db", PartHost, ':', false},
		{"port", "mongodb://h:99999/db", PartHost, noChar, false},
		{"port sign", "mongodb://h:+1/db", PartHost, noChar, false},
		{"empty host", "mongodb://u:p@/db", PartHost, noChar, false},
		{"empty seed", "mongodb://a:1,,b:2/db", PartHost, noChar, false},
		{"bad ipv6", "mongodb://[zz]:1/db", PartHost, noChar, false},
		{"host char", "mongodb://h!x/db", PartHost, '!', false},
		{"database dot", "mongodb://h/bad.name", PartDatabase, noChar, false},
		{"scheme", "postgres://u:p@h/db", PartScheme, noChar, false},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			_, err := parseTarget(sc.uri)
			var ue *URIError
			if !errors.As(err, &ue) || !errors.Is(err, ErrInvalidURI) {
				t.Fatalf("want a URIError, got %v", err)
			}
			if ue.Part != sc.part || ue.Char != sc.char || ue.After != sc.after {
				t.Fatalf("got %+v, want part %s char %q after %v", *ue, sc.part, sc.char, sc.after)
			}
			p := uriParams(err)
			if p == nil && sc.part == PartScheme {
				return // the generic hint: the URL does not start with a MongoDB scheme
			}
			if p["reason"] == "" || !i18n.Has("ar", "database.whyHint."+p["reason"]) || !i18n.Has("en", "database.whyHint."+p["reason"]) {
				t.Fatalf("params %v: no sentence for the reason", p)
			}
			for k, v := range p {
				if k != "reason" && (strings.Contains(v, "pa") || strings.Contains(v, "ss")) {
					t.Fatalf("params %v carry the credential", p)
				}
			}
			if (sc.part == PartPassword || sc.part == PartUser) && ue.Char != utf8.RuneError && p["char"] != charParam(ue.Char) {
				t.Fatalf("params %v do not name %s", p, charParam(ue.Char))
			}
		})
	}
}

func TestParseTargetAcceptsEncodedCredentials(t *testing.T) {
	for _, pw := range []string{"pa?ss", "pa#ss", "p/a:s@s", "[v6]", "100%", "with space", "ünï€😀", `"\<>&'`} {
		uri := "mongodb://" + url.UserPassword("u", pw).String() + "@a:1,[::1]:2/shop%2Ddb?replicaSet=rs0&appName=x%40y"
		got, err := parseTarget(uri)
		if err != nil || got.host != "a:1,[::1]:2" || got.dbName != "shop-db" || got.srv {
			t.Fatalf("%q: got %+v, %v", pw, got, err)
		}
	}
	for _, uri := range []string{"mongodb://localhost", "mongodb://h/", "mongodb://h/?x=1", "mongodb://%2Ftmp%2Fm.sock/db",
		"mongodb+srv://cluster0.abcde.mongodb.net/?retryWrites=true", "mongodb://u@h/db", "mongodb://u:@h/db"} {
		if _, err := parseTarget(uri); err != nil {
			t.Fatalf("%s: %v", uri, err)
		}
	}
}

// Nothing derived from a password may reach DNS or a dialer: a refused URI makes no lookup and no dial at
// all. The default resolver (the driver's own SRV/TXT lookups), the service's resolver and its dialer all
// record what they are asked. On the old parser the first URI sent "_mongodb._tcp.siteuser" to DNS and the
// second let the driver look up "ss.evil.example", a piece of the password.
func TestRefusedURIReachesNoResolverOrDialer(t *testing.T) {
	dns := startZoneStub(t, nil, nil)
	useAsDefaultResolver(t, dns)
	for _, uri := range []string{
		"mongodb+srv://siteuser:abc?defghijk@cluster0.abcde.mongodb.net/shopdb",
		"mongodb+srv://siteuser:p@ss.evil.example/xyz@cluster0.abcde.mongodb.net/shopdb",
		"mongodb+srv://siteuser:p@ss.evil.example@cluster0.abcde.mongodb.net/shopdb",
		"mongodb://siteuser:p@ss.evil.example:27017/xyz@127.0.0.1:1/shopdb",
		"mongodb://siteuser:pa#ss.evil.example@127.0.0.1:1/shopdb",
		"mongodb+srv://siteuser:pa ss@cluster0.abcde.mongodb.net/shopdb",
	} {
		d := &mapDialer{routes: map[string]string{}}
		s := newService(t)
		s.Resolver, s.Dialer = dns.resolver(), d
		before := len(dns.queries())
		res := s.Check(context.Background(), "p", uri, Options{Timeout: time.Second})
		if q := dns.queries()[before:]; len(q) != 0 || len(d.addrs()) != 0 {
			t.Fatalf("refused URI still looked up %v and dialled %v", q, d.addrs())
		}
		if res.Code != CodeInvalidURI {
			t.Fatalf("got %+v", res)
		}
		assertNoUserinfo(t, res, "siteuser", "ss.evil.example", "defghijk")
	}
}

// The real peer: FerretDB with SCRAM, a user whose password holds "?" and "#". Percent-encoded, it logs in
// (so the parser does not refuse what is right); pasted as it is, the check says INVALID_URI and names the
// character, and FerretDB sees no connection attempt at all.
func TestReservedCharacterPasswordsAgainstFerretDB(t *testing.T) {
	for _, pw := range []string{"Qm9?vX2-long-pass", "Qm9#vX2-long-pass"} {
		t.Run(pw[3:4], func(t *testing.T) {
			f := testpeer.FerretDBT(t, testpeer.FerretOptions{User: testUser, Password: pw})
			s := newService(t)
			ok := s.Check(context.Background(), "p", f.URI, Options{})
			assertNoUserinfo(t, ok, testUser, pw)
			if !ok.OK || ok.Host != f.Addr || ok.DBName != "shopdb" {
				t.Fatalf("encoded password must log in: %+v", ok)
			}
			raw := "mongodb://" + testUser + ":" + pw + "@" + f.Addr + "/shopdb?authSource=admin"
			bad := s.Check(context.Background(), "p", raw, Options{})
			assertNoUserinfo(t, bad, testUser, pw)
			if bad.Code != CodeInvalidURI || bad.Host != "" || bad.Params["char"] != charParam([]rune(pw[3:])[0]) {
				t.Fatalf("unencoded password: %+v", bad)
			}
		})
	}
}

// Only a URI that asks for TLS may be diagnosed TLS_ERROR; the flag follows the driver's reading.
func TestParseTargetTLSFlag(t *testing.T) {
	for uri, want := range map[string]bool{
		"mongodb://127.0.0.1/shopdb":                            false,
		"mongodb://127.0.0.1/shopdb?tls=true":                   true,
		"mongodb://127.0.0.1/?SSL=TRUE":                         true,
		"mongodb://127.0.0.1/shopdb?retryWrites=true&tls=false": false,
		"mongodb://u:p%3Ftls%3Dtrue@127.0.0.1/shopdb":           false, // an encoded "?tls=true" in the password
		"mongodb+srv://cluster0.abcde.mongodb.net/shopdb":       true,
		"mongodb+srv://cluster0.abcde.mongodb.net/?tls=false":   false,
	} {
		tg, err := parseTarget(uri)
		if err != nil || tg.tls != want {
			t.Errorf("parseTarget(%q): tls %v (err %v), want %v", uri, tg.tls, err, want)
		}
	}
}
