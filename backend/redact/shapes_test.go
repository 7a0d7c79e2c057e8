package redact

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestShapes(t *testing.T) {
	var sc *Scrubber // no values known: shapes only
	scenarios := []struct{ name, text, gone, kind string }{
		{"userinfo", "dial https://bob:hunter22@other.example/x", "hunter22", KindUserInfo},
		{"userinfo with unencoded ?", "mongodb://u:pa?ss/w@h:1/db", "pa?ss", KindUserInfo},
		{"bearer", "expected Bearer tok_abcdef123 got nothing", "tok_abcdef123", KindBearer},
		{"query", "POST https://h/api?auth_key=k1&auth_signature=deadbeef99&body_md5=x", "deadbeef99", KindQuery},
		{"json field", `{"client_secret":"zz\"top-9","ok":false}`, "top-9", KindField},
		{"auth header", `{"echo":"Authorization: Digest username=\"pk\", response=\"abc\""}`, "response=", KindHeader},
		{"pusher you sent", `Status Code: 401 - Invalid signature: you should have sent HmacSHA256Hex("POST\n/apps/1/events\nauth_key=k&auth_timestamp=1&auth_version=1.0&body_md5=5c97", your_secret_key), but you sent "e2abd797832ba0fe963c77dd2656aae1"`, "e2abd797832ba0fe", KindSignature},
		{"pusher expected string", `you should have sent HmacSHA256Hex("POST\n/apps/1/events\nauth_key=k&auth_timestamp=1", x)`, "auth_timestamp=1", KindSignature},
		{"pusher ws", `Invalid signature: Expected HMAC SHA256 hex digest of 1.2:private-x, but got {"auth":"app_key:ceb4d48b44"}`, "ceb4d48b44", KindSignature},
		{"pusher in json", `{"serverMessage":"but you sent \"e2abd797832ba0fe963c\""}`, "e2abd797832ba0fe", KindSignature},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			out, found := sc.Findings(s.text)
			if strings.Contains(out, s.gone) {
				t.Errorf("%q still in %q", s.gone, out)
			}
			kinds := map[string]bool{}
			for _, f := range found {
				kinds[f.Kind] = true
			}
			if !kinds[s.kind] {
				t.Errorf("kinds %v, want %s (%q)", kinds, s.kind, out)
			}
		})
	}
}

func TestLocationKeepsSchemeHostPath(t *testing.T) {
	for in, want := range map[string]string{
		"https://shop.example/login?next=/x&token=abc#frag": "https://shop.example/login",
		"https://u:p@ss/w?rd@evil.example/p?q=1":            "https://evil.example/p",
		"/relative/path?sig=1":                              "/relative/path",
		"http://[::1]:3000/a":                               "http://[::1]:3000/a",
		"%zz":                                               "",
		// An '@' in the path or the query of a plain host is data, not user-info (it was read as the host).
		"https://shop.example/@brand/new":             "https://shop.example/@brand/new",
		"https://shop.example/login?next=a@b.example": "https://shop.example/login",
		"https://shop.example#x@y":                    "https://shop.example",
		"http://127.0.0.1:3000/u/@me?x=1":             "http://127.0.0.1:3000/u/@me",
		"http://localhost/@a":                         "http://localhost/@a",
		"/login?email=a@b.example":                    "/login",
		"/@brand":                                     "/@brand",
		"//cdn.example/@x":                            "//cdn.example/@x",
		// A password with an unencoded '/', '?' or '#' before the '@': never read as the host.
		"https://user:12?34@shop.example/p":      "https://shop.example/p",
		"https://user:pa/ss@shop.example/p":      "https://shop.example/p",
		"https://first.last:p#w@shop.example/p":  "https://shop.example/p",
		"https://first.last:12#w@shop.example/p": "https://shop.example/p",
		"https://first.last:12/w@shop.example":   "https://shop.example",
		"https://u:p@shop.example/x?e=a@b":       "https://b", // user-info and an '@' later: fail closed
		"user:pw@shop.example/p":                 "shop.example/p",
	} {
		if got := Location(in); got != want {
			t.Errorf("Location(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUserInfoPairsAndURLPieces(t *testing.T) {
	pass := "p@ss?w/rd#1-long"
	uri := "mongodb+srv://siteusr:" + pass + "@cluster0.example.net/shop?retryWrites=true"
	sc := newScrubber([]Value{{Name: "DATABASE_URL", Value: uri},
		{Name: "ATLAS_PRIVATE_KEY", Value: "priv-0000-1111-2222", User: "pubkeyab"}})
	for _, text := range []string{
		"auth failed for " + pass,
		"Host: siteusr:" + pass[:9], // the fragment a parser that cut at '?' kept
		"Authorization was " + base64.StdEncoding.EncodeToString([]byte("siteusr:"+pass)),
		"basic " + base64.StdEncoding.EncodeToString([]byte("pubkeyab:priv-0000-1111-2222")),
		"dial mongodb+srv://other:" + "hunter22?x/y" + "@h/db",
	} {
		out := sc.Scrub(text)
		for _, bad := range []string{pass[:MinPrefixLen], "hunter22", base64.StdEncoding.EncodeToString([]byte("siteusr:" + pass))[:12],
			base64.StdEncoding.EncodeToString([]byte("pubkeyab:priv"))[:12]} {
			if strings.Contains(out, bad) {
				t.Errorf("%q → %q holds %q", text, out, bad)
			}
		}
	}
	// The URL's public parts stay readable: the scheme hint and the host are not the secret.
	hint := "the link must start with mongodb+srv:// and name cluster0.example.net"
	if got := sc.Scrub(hint); got != hint {
		t.Errorf("public text changed: %q", got)
	}
}

// The database check on main put "user:<start of the password>" into Result.Host when the password held an
// unencoded '?': whatever the parser does, that fragment is removed, and the real host is not.
func TestUserInfoFragmentIsRemoved(t *testing.T) {
	sc := NewScrubber(map[string]string{"DATABASE_URL": "mongodb://siteusr:ab?cd/efgh@db.example:27017/shop"})
	out := string(sc.JSON([]byte(`{"host":"siteusr:ab","other":"db.example:27017","dbName":"shop"}`)))
	if strings.Contains(out, "siteusr:a") || strings.Contains(out, ":ab") {
		t.Errorf("fragment kept: %s", out)
	}
	if !strings.Contains(out, `"db.example:27017"`) || !strings.Contains(out, `"shop"`) {
		t.Errorf("public parts changed: %s", out)
	}
	// A short user name alone is an ordinary word and stays ("shop" of "shopdb"); one as long as a secret
	// prefix can be a key and goes, while another password beside it stays.
	if got := sc.Scrub("siteusr:xyz"); got != "siteusr:xyz" {
		t.Errorf("Scrub(siteusr:xyz) = %q", got)
	}
	long := NewScrubber(map[string]string{"DATABASE_URL": "mongodb://site-user-9f:ab?cd/efgh@db.example:27017/shop"})
	if got := long.Scrub("site-user-9f:xyz"); got != Placeholder+":xyz" {
		t.Errorf("Scrub(site-user-9f:xyz) = %q", got)
	}
	short := NewScrubber(map[string]string{"DATABASE_URL": "mongodb://shop:Pass-w0rd-long@db.example:27017/shopdb"})
	if got := short.Scrub(`{"dbName":"shopdb","user":"shop"}`); got != `{"dbName":"shopdb","user":"shop"}` {
		t.Errorf("a short user name was taken for a secret: %q", got)
	}
}

func TestOrdinaryErrorWordsAreKept(t *testing.T) {
	for _, text := range []string{
		"expected 3 fields but got 2",
		"json: cannot unmarshal string into Go value of type int",
		"token expired; key rotation pending", // credential words without a value
	} {
		if out := (*Scrubber)(nil).Scrub(text); out != text {
			t.Errorf("Scrub(%q) = %q", text, out)
		}
	}
}

// The cheap tests before each rule's regexp never skip text the regexp matches: case, the two letters (?i)
// folds to ASCII (KELVIN SIGN, LONG S), and every credential word of the name=value and JSON field rules.
// (Drop the fold in foldLower, or a word from credentialWords or fieldEnds: this fails.)
func FuzzRuleTestsNeverSkipAMatch(f *testing.F) {
	for _, seed := range []string{"to\u212aen=abc", `"api_\u212aey": "v"`, "\u017fecret=abc", `you \u017fent "x"`,
		"Bearer abc", "AUTHORIZATION: Digest x", "https://u:p@h", "HmacSHA256Hex(\"a\")", "hex digest of a, but got b",
		"a_sig=1", `"Private-Key":"x"`, "passwd=1", `"credentials": "x"`, "pwd=x", "x_token=y", "plain text",
		"the secret was accepted; s-maxage=31536000", "a.b-C_Secret.x=1", "x=1 token=2", "=secret=v", "KEY="} {
		f.Add(seed)
	}
	// Every word of the rules' alternations, written here again (not read from the lists under test).
	for _, w := range []string{"secret", "token", "key", "password", "passwd", "pwd", "auth", "signature", "sig", "credential"} {
		f.Add("x_" + w + "=v")
	}
	for _, w := range []string{"secret", "password", "passwd", "pwd", "token", "apikey", "api_key", "private-key", "signature",
		"authorization", "auth", "credential", "credentials"} {
		f.Add(`"x_` + strings.ToUpper(w) + `" : "v"`)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lower := foldLower(text)
		for _, r := range rules {
			if r.re.MatchString(text) && !r.mayMatch(lower) {
				t.Fatalf("rule %s (%s) matches %q but its test skips it", r.kind, r.re, text)
			}
		}
	})
}

// The name=value rule's finer test: a credential word right before an '=' (in its name), not anywhere.
func TestCredentialBeforeEquals(t *testing.T) {
	for text, want := range map[string]bool{
		"the secret was accepted; s-maxage=31536000": false, "key: x, a=b": false, "secret =v": false, "": false,
		"x_token=y": true, "a=b&api.key-2=c": true, "secret_x=": true, "x=1 pwd=": true, "=secret=v": true,
	} {
		if got := credentialBeforeEquals(foldLower(text)); got != want {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	}
}
