package settings

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"siyana/backend/dbhealth"
	"siyana/backend/secrets"
)

func TestDatabaseURLPartsNeverCarryTheCredentials(t *testing.T) {
	s, mem := newService(t)
	p := mustCreate(t, s, "p")
	if r := s.DatabaseURLParts(bg, p.ID); r.OK || r.Code != secrets.CodeNotFound {
		t.Fatalf("no URI saved: %+v", r)
	}
	const uri = "mongodb://CANARYuser:CANARY%3Fpw@127.0.0.1:27017,db2.example:27018/shop?authSource=admin&tlsCertificateKeyFilePassword=CANARYkey"
	if o := s.SetSecret(bg, p.ID, secrets.DatabaseURL, uri); !o.OK {
		t.Fatal(o)
	}
	r := s.DatabaseURLParts(bg, p.ID)
	if !r.OK || r.Scheme != "mongodb" || strings.Join(r.Hosts, ",") != "127.0.0.1:27017,db2.example:27018" || r.Database != "shop" ||
		!r.HasUser || !r.HasPassword || len(r.Options) != 2 || !r.Options[1].Masked {
		t.Fatalf("%+v", r)
	}
	noCanary := func(what string, v any) {
		t.Helper()
		if b, _ := json.Marshal(v); strings.Contains(string(b), "CANARY") {
			t.Fatalf("%s carries a credential: %s", what, b)
		}
	}
	noCanary("parts", r)

	for _, pw := range []string{"n?e@w/p#a%s:s", "كلمة سر🔑", "+ %41"} {
		res := s.SetDatabasePassword(bg, p.ID, pw)
		if !res.OK {
			t.Fatalf("%q: %+v", pw, res)
		}
		noCanary("set password", res)
		saved, _ := s.SecretValue(bg, p.ID, secrets.DatabaseURL)
		u, err := dbhealth.ParseURI(saved)
		if err != nil {
			t.Fatalf("saved URI refused: %v", err)
		}
		_, rest, _ := strings.Cut(saved, "://")
		ui := rest[:strings.LastIndex(rest[:strings.IndexAny(rest, "/?")], "@")]
		user, enc, _ := strings.Cut(ui, ":")
		got, _ := url.PathUnescape(enc)
		if got != pw || user != "CANARYuser" || strings.Join(u.Hosts(), ",") != "127.0.0.1:27017,db2.example:27018" ||
			!strings.HasSuffix(saved, "/shop?authSource=admin&tlsCertificateKeyFilePassword=CANARYkey") {
			t.Fatalf("%q: saved %q", pw, saved)
		}
	}
	if res := s.SetDatabaseUser(bg, p.ID, "new user@x"); !res.OK {
		t.Fatal(res)
	}
	saved, _ := s.SecretValue(bg, p.ID, secrets.DatabaseURL)
	if !strings.HasPrefix(saved, "mongodb://new%20user%40x:") {
		t.Fatalf("%q", saved)
	}

	// Refusals change nothing.
	for _, res := range []DatabaseURLParts{s.SetDatabasePassword(bg, p.ID, ""), s.SetDatabaseUser(bg, p.ID, "  ")} {
		if res.OK || res.Code != CodeInvalidInput {
			t.Fatalf("%+v", res)
		}
	}
	if again, _ := s.SecretValue(bg, p.ID, secrets.DatabaseURL); again != saved {
		t.Fatal("a refusal changed the URI")
	}
	if res := s.SetDatabasePassword(bg, p.ID, strings.Repeat("x", secrets.MaxValueBytes)); res.OK || res.FieldErrors["password"].Code == "" {
		t.Fatalf("too big: %+v", res)
	}
	mem.FailWith(failOn("get", secrets.DatabaseURL, secrets.ErrLocked))
	if res := s.SetDatabasePassword(bg, p.ID, "x"); res.OK || res.Code != secrets.CodeLocked {
		t.Fatalf("locked: %+v", res)
	}
	mem.FailWith(nil)

	// A password needs a user; a saved URI the check refuses is refused here too, naming the part only.
	if o := s.SetSecret(bg, p.ID, secrets.DatabaseURL, "mongodb://127.0.0.1:27017/shop"); !o.OK {
		t.Fatal(o)
	}
	if res := s.SetDatabasePassword(bg, p.ID, "x"); res.FieldErrors["password"].Code != "dbUserFirst" {
		t.Fatalf("%+v", res)
	}
	if o := s.SetSecret(bg, p.ID, secrets.DatabaseURL, "mongodb://u:CANARY?pw@127.0.0.1/shop"); !o.OK {
		t.Fatal(o)
	}
	r = s.DatabaseURLParts(bg, p.ID)
	if r.OK || r.Code != dbhealth.CodeInvalidURI || r.Params["part"] != "password" {
		t.Fatalf("%+v", r)
	}
	noCanary("refused URI", r)
	if res := s.DatabaseURLParts(bg, "no-such"); res.Code != CodeProfileNotFound {
		t.Fatalf("%+v", res)
	}
}
