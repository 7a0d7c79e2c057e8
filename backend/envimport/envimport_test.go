package envimport

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

func TestReadSiteFile(t *testing.T) {
	plan, err := ReadFile(filepath.Join("testdata", "site.env.local"))
	if err != nil {
		t.Fatal(err)
	}
	wantTaken := []string{"DATABASE_URL", "PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET", "PUSHER_CLUSTER", "NEXT_PUBLIC_PUSHER_KEY",
		"NEXT_PUBLIC_PUSHER_CLUSTER", "ATLAS_PUBLIC_KEY", "ATLAS_PRIVATE_KEY", "ATLAS_GROUP_ID", "ATLAS_CLUSTER_NAME", "REVALIDATE_SECRET", "NEXT_PUBLIC_SITE_URL"}
	if !reflect.DeepEqual(plan.Taken, wantTaken) {
		t.Fatalf("taken %v", plan.Taken)
	}
	if want := []string{"AUTH_SECRET", "EMPTY_ONE", "MONGODB_URI", "SITE_URL"}; !reflect.DeepEqual(plan.Ignored, want) {
		t.Fatalf("ignored %v", plan.Ignored)
	}
	if got := plan.SecretNames(); !reflect.DeepEqual(got, secrets.Known) {
		t.Fatalf("secrets %v", got)
	}
	if plan.SecretValue(secrets.DatabaseURL) != "mongodb+srv://shop:CANARY-db@cluster0.example.mongodb.net/shop?retryWrites=true" ||
		plan.SecretValue(secrets.RevalidateSecret) != "CANARY-reval" || plan.SecretValue(secrets.PusherSecret) != "CANARY-pusher" {
		t.Fatal("secret values not parsed as the site reads them")
	}
	if plan.EnvName(secrets.DatabaseURL) != "DATABASE_URL" || plan.EnvName("siteUrl") != "NEXT_PUBLIC_SITE_URL" {
		t.Fatal("EnvName")
	}

	var p profile.Profile
	plan.Apply(&p)
	want := profile.Profile{SiteURL: "https://shop.example.com",
		Pusher: profile.Pusher{AppID: "1234567", Key: "abcdef0123456789", Cluster: "eu", PublicKey: "abcdef0123456789", PublicCluster: "eu"},
		Atlas:  profile.Atlas{GroupID: "5f1a2b3c4d5e6f708192a3b4", ClusterName: "Cluster0"}}
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("applied %+v", p)
	}
	if len(plan.Fields()) != 8 {
		t.Fatalf("fields %v", plan.Fields())
	}

	// Printing or marshalling the plan must show names only.
	for _, s := range []string{fmt.Sprint(plan), fmt.Sprintf("%+v", plan), fmt.Sprintf("%#v", plan), mustJSON(t, plan)} {
		if strings.Contains(s, "CANARY") || strings.Contains(s, "shop.example.com") {
			t.Fatalf("plan rendering leaks a value: %s", s)
		}
	}
}

func TestFallbackVariables(t *testing.T) {
	plan, err := Parse([]byte("MONGODB_URI=mongodb://127.0.0.1/x\nSITE_URL=https://a.example\nNEXT_PUBLIC_SITE_URL=\n"))
	if err != nil {
		t.Fatal(err)
	}
	if plan.SecretValue(secrets.DatabaseURL) != "mongodb://127.0.0.1/x" || plan.EnvName("siteUrl") != "SITE_URL" {
		t.Fatalf("%v", plan)
	}
	if !reflect.DeepEqual(plan.Ignored, []string{"NEXT_PUBLIC_SITE_URL"}) {
		t.Fatalf("ignored %v", plan.Ignored)
	}
}

func TestParseErrors(t *testing.T) {
	scenarios := []struct {
		name    string
		content string
		want    *Error
	}{
		{"unterminated quote", "DATABASE_URL=\"mongodb://CANARY-x\nPUSHER_KEY=a\n", ErrMalformed},
		{"bad key", "DATA-BASE=CANARY-x\n", ErrMalformed},
		{"binary", "PUSHER_KEY=a\x00b", ErrMalformed},
		{"invalid utf-8", "PUSHER_KEY=\xff", ErrMalformed},
		{"nothing known", "FOO=CANARY-x\nBAR=1\n", ErrNothing},
		{"only comments", "# nothing\n\n", ErrNothing},
		{"empty", "", ErrNothing},
		{"known but empty", "DATABASE_URL=\nPUSHER_KEY=  \n", ErrNothing},
		{"too big", strings.Repeat("#", MaxFileBytes+1), ErrTooBig},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			_, err := Parse([]byte(sc.content))
			if !errors.Is(err, sc.want) {
				t.Fatalf("got %v, want %v", err, sc.want)
			}
			if strings.Contains(err.Error(), "CANARY") {
				t.Fatalf("error text quotes the file: %v", err)
			}
		})
	}
	if _, err := Parse([]byte("\xef\xbb\xbfPUSHER_KEY=abc\r\n")); err != nil {
		t.Fatalf("BOM + CRLF: %v", err)
	}
}

func TestReadFileRefusesNonFiles(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadFile(dir); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("dir: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.env")); !errors.Is(err, ErrUnreadable) {
		t.Fatalf("missing: %v", err)
	}
	big := filepath.Join(dir, "big.env")
	os.WriteFile(big, []byte("PUSHER_KEY=a\n"+strings.Repeat("#", MaxFileBytes)), 0o600)
	if _, err := ReadFile(big); !errors.Is(err, ErrTooBig) {
		t.Fatalf("big: %v", err)
	}
}

func TestErrorsHaveWordsInEveryCatalog(t *testing.T) {
	for _, e := range []*Error{ErrUnreadable, ErrNotRegular, ErrTooBig, ErrMalformed, ErrNothing} {
		for _, lang := range i18n.Languages {
			if e.Code() == "" || !i18n.Has(lang, "code."+e.Code()+".label") || !i18n.Has(lang, "code."+e.Code()+".hint") {
				t.Errorf("%s: %+v has no words", lang, e)
			}
		}
		if strings.ContainsAny(e.Message(), "ابتثجحخدذرزسشصضطظعغفقكلمنهوي") {
			t.Errorf("%s: the Go message is for logs, in English: %q", e.Code(), e.Message())
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// FuzzParse: any input yields a typed error or a plan whose names and values are consistent; never a panic,
// and an error never quotes the input.
func FuzzParse(f *testing.F) {
	seed, _ := os.ReadFile(filepath.Join("testdata", "site.env.local"))
	f.Add(seed)
	f.Add([]byte("PUSHER_KEY=\"a\\nb\"\nX='y"))
	f.Add([]byte("export DATABASE_URL=${MONGODB_URI}\nMONGODB_URI=$(x)"))
	f.Add([]byte("A: b\n# c\n\tREVALIDATE_SECRET = v # c"))
	f.Fuzz(func(t *testing.T, b []byte) {
		plan, err := Parse(b)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("untyped error %v", err)
			}
			if len(b) >= 8 && strings.Contains(err.Error(), string(b)) {
				t.Fatalf("error quotes the input")
			}
			return
		}
		if len(plan.Taken) == 0 || len(plan.Taken) != len(plan.Fields())+len(plan.SecretNames()) {
			t.Fatalf("inconsistent plan %v fields %v secrets %v", plan, plan.Fields(), plan.SecretNames())
		}
		for _, n := range plan.SecretNames() {
			if v := plan.SecretValue(n); v == "" || v != strings.TrimSpace(v) {
				t.Fatalf("secret %s has an empty or untrimmed value", n)
			}
		}
	})
}
