package dbhealth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/x/mongo/driver/connstring"
)

// fuzzCluster is the SRV name every fuzzed URI points at. The recording resolver answers NXDOMAIN to it,
// so a URI that parses ends at DNS_NOT_FOUND without a driver client (thousands of runs stay cheap), after
// the target fields were filled exactly as for a real check.
const fuzzCluster = "cluster0.abcde.mongodb.net"

type recordingResolver struct {
	mu    sync.Mutex
	names []string
}

func (r *recordingResolver) LookupSRV(_ context.Context, service, proto, name string) (string, []*net.SRV, error) {
	r.mu.Lock()
	r.names = append(r.names, name)
	r.mu.Unlock()
	return "", nil, &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
}

// hostileCredentials seed both the fuzz corpus and the normal test run: every reserved and escaping
// character, percent forms valid and broken, unicode, bidi, empty, very short, very long.
var hostileCredentials = [][2]string{
	{"siteuser", "abc123?Zq9-secret-tail"},
	{"siteuser", "abc#def-ghi-jkl"},
	{"siteuser", "abc/def@ss.evil.example"},
	{"siteuser", "p@ss@word-long-enough"},
	{"siteuser", "pa:ss:word-long-enough"},
	{"siteuser", "[::1]:27017"},
	{"siteuser", "100%-sure-secret"},
	{"siteuser", "%41%42%43%44%45%46%47%48"},
	{"siteuser", "%4g%zz%%%"},
	{"siteuser", "with space and\ttab"},
	{"siteuser", "line\nbreak\r\x00nul"},
	{"siteuser", `quote"back\slash<lt>gt&amp'`},
	{"siteuser", "ünïcødé-€-😀-كلمة-سر"},
	{"siteuser", "rtl\u202eoverride\u2066isolate"},
	{"siteuser", "\xff\xfe-bad-utf8-bytes"},
	{"siteuser", ""},
	{"siteuser", "x"},
	{"siteuser", "?"},
	{"", "only-a-password"},
	{"user?name", "password-long-one"},
	{"us@er", "password-long-one"},
	{"cluster0.abcde.mongodb.net", "cluster0.abcde.mongodb.net"},
	{"siteuser", "shopdb?retryWrites=true"},
	{"siteuser", strings.Repeat("Zx9?", 300)},
	{strings.Repeat("long-user", 100), strings.Repeat("long-pass/", 100)},
}

func FuzzURIUserinfo(f *testing.F) {
	for _, c := range hostileCredentials {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, user, password string) {
		// Past 1 KB (no real password is that long) a run costs a tenth of a second (every 8-byte piece in
		// every form), which stalls minimising; TestURIUserinfoHostileSeeds still runs the long seeds.
		if len(user)+len(password) > 1024 {
			t.Skip()
		}
		checkUserinfoProperty(t, user, password)
	})
}

// checkUserinfoProperty is the property: for any user and password pasted into a URI as they are, no
// field of the result holds any part of them, nothing but the cluster name is looked up, and a URI we
// accept is split by the Go driver exactly as we split it.
func checkUserinfoProperty(t *testing.T, user, password string) {
	uri := "mongodb+srv://" + user + ":" + password + "@" + fuzzCluster + "/shopdb?retryWrites=true"
	res, looked := fuzzCheck(uri)
	switch res.Code {
	case CodeDNSNotFound:
		if res.Host != fuzzCluster || res.DBName != "shopdb" || !res.SRV {
			t.Fatalf("target fields: %+v", res)
		}
		if len(looked) != 1 || looked[0] != fuzzCluster {
			t.Fatalf("looked up %q", looked)
		}
		agreeWithDriver(t, user, password)
	case CodeInvalidURI:
		if res.Host != "" || res.DBName != "" || len(looked) != 0 {
			t.Fatalf("refused URI: fields %+v, looked up %q", res, looked)
		}
	default:
		t.Fatalf("code %s", res.Code)
	}

	// The same mistake with neutral credentials must give the same hint: the hint depends on the kind of
	// character only, never on the rest of the password. Text also found in that reference is the app's own.
	ref := res
	if res.Code == CodeInvalidURI {
		var ue *URIError
		_, err := parseTarget(uri)
		if !errors.As(err, &ue) {
			t.Fatalf("refused without a URIError: %v", err)
		}
		ru, rp := neutral(ue)
		ref, _ = fuzzCheck("mongodb+srv://" + ru + ":" + rp + "@" + fuzzCluster + "/shopdb?retryWrites=true")
		if ref.Code != res.Code || ref.Hint != res.Hint || !reflect.DeepEqual(ref.Params, res.Params) {
			t.Fatalf("hint depends on more than the character: %q %v vs %q %v", res.Hint, res.Params, ref.Hint, ref.Params)
		}
	} else {
		ref, _ = fuzzCheck("mongodb+srv://u:p@" + fuzzCluster + "/shopdb?retryWrites=true")
	}
	if leak := findLeakBeyond(res, ref, user, password); leak != "" {
		t.Fatalf("result leaks %s", leak)
	}
}

func fuzzCheck(uri string) (Result, []string) {
	r := &recordingResolver{}
	s := &Service{Resolver: r}
	defer s.Close()
	res := s.Check(context.Background(), "p", uri, Options{})
	return res, r.names
}

// neutral builds credentials that make the same URIError with nothing else in common with the input.
func neutral(ue *URIError) (user, password string) {
	bad := "q" + string(ue.Char) + "q"
	if ue.Char == '%' {
		bad = "q%q"
	}
	if ue.Part == PartUser {
		return bad, "p"
	}
	return "u", bad
}

// agreeWithDriver: a URI we accept, made without SRV, is split by the driver into the same host, user and
// password (so the names it resolves and the hosts it dials are the ones we show).
func agreeWithDriver(t *testing.T, user, password string) {
	t.Helper()
	uri := "mongodb://" + user + ":" + password + "@db.example.test:27017/shopdb"
	got, err := parseTarget(uri)
	if err != nil {
		t.Fatalf("accepted as SRV but not as a seed list: %v", err)
	}
	cs, err := connstring.ParseAndValidate(uri)
	if err != nil {
		return // stricter than us on something we do not show (an empty user, say): the check fails INVALID_URI
	}
	wantUser, _ := url.PathUnescape(user)
	wantPass, _ := url.PathUnescape(password)
	if strings.Join(cs.Hosts, ",") != got.host || cs.Username != wantUser || cs.Password != wantPass {
		t.Fatalf("driver split differs: hosts %q (ours %q)", cs.Hosts, got.host)
	}
}

func TestURIUserinfoHostileSeeds(t *testing.T) {
	for _, c := range hostileCredentials {
		checkUserinfoProperty(t, c[0], c[1])
	}
}

// findLeak reports the first form of a secret (or of a piece of 8 bytes of it; the whole value when
// shorter) found in the result as the UI, the log and the files receive it.
func findLeak(res Result, secrets ...string) string {
	return findLeakBeyond(res, Result{}, secrets...)
}

// findLeakBeyond is findLeak that excuses text also found in ref, a result for neutral credentials (the
// app's own words: a user named "shopdb" is not leaked by the database name).
func findLeakBeyond(res, ref Result, secrets ...string) string {
	out, fixed := resultForms(res), resultForms(ref)
	for _, s := range secrets {
		if s == "" {
			continue
		}
		pieces := []string{s}
		for i := 0; i+8 <= len(s) && len(s) > 8; i++ {
			pieces = append(pieces, s[i:i+8])
		}
		for _, p := range pieces {
			for _, form := range secretForms(p) {
				// A short value is looked for in the fields made from the URI only: "ok" or "0" are in every
				// JSON result, "%2" in a hint that says "%25".
				where, excuse := out, fixed
				if len(s) < 8 {
					where, excuse = res.Host+"\n"+res.DBName+"\n"+res.ServerVersion, ref.Host+"\n"+ref.DBName
				}
				if form != "" && strings.Contains(where, form) && !strings.Contains(excuse, form) {
					return fmt.Sprintf("%q (as %q)", p, form)
				}
			}
		}
	}
	return ""
}

// resultForms is the result marshalled as the app writes it (JSON with and without HTML escaping) and
// its text fields raw.
func resultForms(r Result) string {
	b, _ := json.Marshal(r)
	var noHTML bytes.Buffer
	enc := json.NewEncoder(&noHTML)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(r)
	return string(b) + "\n" + noHTML.String() + "\n" + r.Host + "\n" + r.DBName + "\n" + r.Message + "\n" + r.Hint
}

// secretForms are the ways a value can be spelled in that output: raw, JSON-escaped with and without
// HTML escaping, percent-encoded (query and path forms, upper and lower case hex).
var lowerHex = regexp.MustCompile(`%[0-9A-F]{2}`)

func secretForms(s string) []string {
	j, _ := json.Marshal(s)
	var nh bytes.Buffer
	enc := json.NewEncoder(&nh)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	forms := []string{s, strings.Trim(string(j), `"`), strings.Trim(strings.TrimSpace(nh.String()), `"`),
		url.QueryEscape(s), url.PathEscape(s)}
	for _, f := range forms[3:] {
		forms = append(forms, lowerHex.ReplaceAllStringFunc(f, strings.ToLower))
	}
	return forms
}
