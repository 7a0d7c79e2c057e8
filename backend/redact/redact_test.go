package redact

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Hostile values: every escaping character, reserved URL characters, unicode, spaces.
var hostile = []string{
	`pw"with\quote<and>&amp`,
	`s3cr/t?x#y@z%41+plus`,
	"سرّ-عربي-كلمة-مرور",
	"emoji😀secret-" + "\u2028line",
	"plain-secret-value-1234567890",
	"with space and 'single' quotes",
	`back\\slash\u002fescaped`,
}

// encoders produce every form point 1 of the issue names, written here independently of the scrubber (which
// decodes the text instead of encoding the value).
var encoders = map[string]func(string) string{
	"raw":  func(s string) string { return s },
	"json": func(s string) string { b, _ := json.Marshal(s); return string(b[1 : len(b)-1]) },
	"json-nohtml": func(s string) string {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s)
		b := bytes.TrimSpace(buf.Bytes())
		return string(b[1 : len(b)-1])
	},
	"json-php": func(s string) string {
		b, _ := json.Marshal(s)
		return strings.ReplaceAll(string(b[1:len(b)-1]), "/", `\/`)
	},
	"json-u-lower": func(s string) string { return uEscape(s, "\\u%04x") },
	"json-u-upper": func(s string) string { return uEscape(s, "\\u%04X") },
	"json-in-json": func(s string) string {
		b, _ := json.Marshal(s)
		c, _ := json.Marshal(string(b))
		return string(c[3 : len(c)-3])
	},
	"query":          url.QueryEscape,
	"path":           url.PathEscape,
	"query-lower":    func(s string) string { return lowerHex(url.QueryEscape(s)) },
	"uri-component":  encodeURIComponent,
	"uri-comp-lower": func(s string) string { return lowerHex(encodeURIComponent(s)) },
	"base64":         func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) },
	"base64-raw":     func(s string) string { return base64.RawStdEncoding.EncodeToString([]byte(s)) },
	"base64url":      func(s string) string { return base64.URLEncoding.EncodeToString([]byte(s)) },
	"base64url-raw":  func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) },
	"base64-in-json": func(s string) string {
		b, _ := json.Marshal(base64.StdEncoding.EncodeToString([]byte(s)))
		return strings.ReplaceAll(string(b[1:len(b)-1]), "/", `\u002f`)
	},
	"html": html.EscapeString,
	"html-numeric": func(s string) string {
		var b strings.Builder
		for _, r := range s {
			fmt.Fprintf(&b, "&#%d;", r)
		}
		return b.String()
	},
	"hex":       func(s string) string { return fmt.Sprintf("%x", s) },
	"hex-upper": func(s string) string { return fmt.Sprintf("%X", s) },
}

// uEscape writes every character that is not an ASCII letter or digit as \uXXXX of its UTF-16 units.
func uEscape(s, format string) string {
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(&b, format, u)
		}
	}
	return b.String()
}

// encodeURIComponent is JavaScript's (A-Z a-z 0-9 - _ . ! ~ * ' ( ) kept), derived from Go's query escaping,
// which keeps only A-Z a-z 0-9 - _ . ~ and writes a space as '+'.
func encodeURIComponent(s string) string {
	return strings.NewReplacer("+", "%20", "%21", "!", "%27", "'", "%28", "(", "%29", ")", "%2A", "*").Replace(url.QueryEscape(s))
}

// lowerHex writes every %XX escape with lower-case hex digits.
func lowerHex(s string) string {
	return regexp.MustCompile(`%[0-9A-F]{2}`).ReplaceAllStringFunc(s, strings.ToLower)
}

// leaks reports any form of secret (and any prefix of MinPrefixLen+ of its raw form) found in out.
func leaks(out, secret string) []string {
	var found []string
	for name, enc := range encoders {
		if f := enc(secret); len(f) >= MinSecretLen && strings.Contains(out, f) {
			found = append(found, name)
		}
	}
	if len(secret) >= MinPrefixLen && strings.Contains(out, secret[:MinPrefixLen]) {
		found = append(found, "prefix")
	}
	return found
}

func TestEveryFormOfEverySecretIsRemoved(t *testing.T) {
	values := map[string]string{}
	for i, v := range hostile {
		values[fmt.Sprintf("S%d", i)] = v
	}
	sc := NewScrubber(values)
	for _, secret := range hostile {
		for name, enc := range encoders {
			t.Run(fmt.Sprintf("%.12s/%s", secret, name), func(t *testing.T) {
				for _, text := range []string{
					enc(secret),
					"error: " + enc(secret) + " (end)",
					`{"message":"x ` + enc(secret) + ` y"}`,
					"a" + enc(secret) + "b", // glued to letters on both sides
				} {
					out := sc.Scrub(text)
					if l := leaks(out, secret); len(l) > 0 {
						t.Errorf("%q → %q still holds %v", text, out, l)
					}
					if !strings.Contains(out, Placeholder) {
						t.Errorf("%q → %q: nothing replaced", text, out)
					}
				}
			})
		}
	}
}

// A log line holds a result as a JSON string inside a JSON record: the secret is escaped twice there.
func TestJSONEscapedSecretInALogLine(t *testing.T) {
	secret := `k"ey\with<html>&amp;chars`
	sc := NewScrubber(map[string]string{"PUSHER_SECRET": secret})
	result, _ := json.Marshal(map[string]string{"serverMessage": "bad secret " + secret})
	for _, text := range []string{string(result), mustJSON(string(result))} {
		out := sc.Scrub(text)
		if l := leaks(out, secret); len(l) > 0 {
			t.Errorf("%s → %s leaks %v", text, out, l)
		}
	}
}

func mustJSON(s string) string { b, _ := json.Marshal(s); return string(b) }

func TestOrdinaryTextIsLeftAlone(t *testing.T) {
	sc := NewScrubber(map[string]string{"PUSHER_SECRET": "cAnArY-pusher-91ab", "REVALIDATE_SECRET": "ab"})
	for _, text := range []string{
		"تعذّر الاتصال بقاعدة البيانات خلال 10 ثوانٍ",
		"dial tcp 127.0.0.1:27017: connect: connection refused",
		"https://shop.example/dashboard?page=2",
		"about a cab", // holds the too-short "ab" inside words only
		`{"ok":true,"code":"OK","latencyMs":1.5,"publicKey":"pk-public"}`,
		"cAnArY-", // shorter than MinPrefixLen
	} {
		if got := sc.Scrub(text); got != text {
			t.Errorf("Scrub(%q) = %q", text, got)
		}
	}
	if got := sc.Scrub("secret: ab."); strings.Contains(got, "ab.") {
		t.Errorf("a short secret standing alone stayed: %q", got)
	}
}

// Redact, then truncate: a secret straddling the cut must not survive as a prefix.
func TestTruncateRedactsFirst(t *testing.T) {
	secret := "straddle-secret-0123456789abcdef"
	sc := NewScrubber(map[string]string{"REVALIDATE_SECRET": secret})
	for cut := 1; cut < len(secret); cut++ {
		text := strings.Repeat("x", 300-cut) + secret + " tail"
		out := sc.Truncate(text, 300)
		if strings.Contains(out, secret[:min(cut, MinPrefixLen)]) && cut >= MinPrefixLen {
			t.Fatalf("cut %d: prefix survived: %q", cut, out[len(out)-40:])
		}
		if utf8.RuneCountInString(out) > 301 {
			t.Fatalf("cut %d: %d runes", cut, utf8.RuneCountInString(out))
		}
	}
	// The old order, cut then redact, is what leaked: show the test can tell.
	text := strings.Repeat("x", 290) + secret
	if old := strings.ReplaceAll(Cut(text, 300), secret, Placeholder); !strings.Contains(old, secret[:10]) {
		t.Fatal("the straddling case does not straddle")
	}
	if got := Cut("ليس سرًا", 3); got != "ليس…" {
		t.Errorf("Cut by runes: %q", got)
	}
}

func TestJSONScrubsStringsAndKeepsStructure(t *testing.T) {
	secret := `a"b\c<d>&e-long-secret`
	sc := NewScrubber(map[string]string{"PUSHER_SECRET": secret})
	raw, _ := json.Marshal(map[string]any{"n": 1.25, "list": []string{"x " + secret}, secret: true})
	out, found := sc.JSONFindings("checks", raw)
	if l := leaks(string(out), secret); len(l) > 0 {
		t.Fatalf("%s leaks %v", out, l)
	}
	var back map[string]any
	if err := json.Unmarshal(out, &back); err != nil || back["n"] != 1.25 {
		t.Fatalf("structure lost: %s (%v)", out, err)
	}
	if len(found) == 0 || !strings.HasPrefix(found[0].Where, "checks") {
		t.Fatalf("findings %+v", found)
	}
	clean := []byte(`{"b":1,"a":"x"}`)
	if got := sc.JSON(clean); string(got) != string(clean) {
		t.Errorf("a clean document changed: %s", got)
	}
	if got := sc.JSON([]byte("not json " + secret)); strings.Contains(string(got), "long-secret") || !json.Valid(got) {
		t.Errorf("invalid document: %s", got)
	}
}

// A hostile value that shares characters with the placeholder must not be rebuilt by the replacement.
func TestReplacementDoesNotRebuildTheSecret(t *testing.T) {
	secret := "D]abcd"
	sc := NewScrubber(map[string]string{"S": secret})
	for _, text := range []string{"D]abcdabcd", "xD]abcdD]abcd", "[REDACTED]abcd"} {
		if out := sc.Scrub(text); strings.Contains(out, secret) {
			t.Errorf("%q → %q", text, out)
		}
	}
}

func TestCutNeverSplitsThePlaceholder(t *testing.T) {
	for n := 1; n < 16; n++ {
		out := Cut("abcd"+Placeholder+"tail", n)
		if strings.Contains(out, "[RED") && !strings.Contains(out, Placeholder) {
			t.Errorf("Cut(%d) = %q", n, out)
		}
	}
}

func TestCleanKeepsTheTypeAndScrubsItsStrings(t *testing.T) {
	type result struct {
		OK     bool     `json:"ok"`
		Host   string   `json:"host"`
		Items  []string `json:"items"`
		Millis float64  `json:"ms"`
	}
	secret := "clean-secret-value-1"
	sc := NewScrubber(map[string]string{"S": secret})
	in := result{Host: "h", Items: []string{"x " + secret}, Millis: 1.5}
	out := Clean(sc, in)
	if strings.Contains(fmt.Sprint(out), secret) || out.Host != "h" || out.Millis != 1.5 || len(out.Items) != 1 {
		t.Fatalf("%+v", out)
	}
	clean := result{Host: "h"}
	if got := Clean(sc, clean); got.Host != "h" {
		t.Fatalf("%+v", got)
	}
}

// Values are added while other goroutines scrub (a check reads its secret while the log writes).
func TestRegistryIsSafeForConcurrentUse(t *testing.T) {
	r := NewRegistry()
	done := make(chan bool)
	for g := range 4 {
		go func() {
			for i := range 50 {
				v := fmt.Sprintf("concurrent-secret-%d-%d", g, i)
				r.Add(fmt.Sprint("p", g), "PUSHER_SECRET", v)
				if out := r.Scrub("x " + v); strings.Contains(out, v) {
					t.Errorf("just added, not removed: %q", out)
				}
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
	var nilReg *Registry
	nilReg.Add("p", "S", "ignored-value")
	if got := nilReg.Scrub("https://u:pw@h/"); strings.Contains(got, "pw") {
		t.Errorf("a nil registry must still remove shapes: %q", got)
	}
}

// AddAll registers what the same Adds would, with one scrubber built (none when nothing is new).
func TestRegistryAddAll(t *testing.T) {
	vals := []Value{{Name: "DATABASE_URL", Value: "mongodb://u:Hq7Db2xLm9VzPw3@db.example/shop"},
		{Name: "DATABASE_URL", Value: "mongodb://u:Other7Pw3xLm9@db2.example/shop"}, // an alias with another value
		{Name: "PUSHER_SECRET", Value: "K8d3NfQ1pXs7Wq2"}, {Name: "ATLAS_PUBLIC_KEY", Value: "pubkey01"},
		{Name: "ATLAS_PRIVATE_KEY", Value: "R5mC7vXeTq9Lp2Wz"}, {Name: "REVALIDATE_SECRET", Value: "a"}} // "a": refused
	one, all := NewRegistry(), NewRegistry()
	for _, v := range vals {
		one.Add("p", v.Name, v.Value)
	}
	all.AddAll("p", vals)
	text := "mongodb://u:Hq7Db2xLm9VzPw3@db.example/shop Other7Pw3xLm9 K8d3NfQ1pXs7Wq2 R5mC7vXeTq9Lp2Wz " +
		"cHVia2V5MDE6UjVtQzd2WGVUcTlMcDJXeg== a b"
	if got, want := all.Scrub(text), one.Scrub(text); got != want {
		t.Fatalf("AddAll scrubs %q, Add %q", got, want)
	}
	sc := all.Scrubber()
	all.AddAll("p", vals[:3])
	if all.Scrubber() != sc {
		t.Fatal("AddAll of known values built a new scrubber")
	}
	var nilReg *Registry
	nilReg.AddAll("p", vals)
}
