package platform

import (
	"strings"
	"testing"
)

func TestCardIDRoundTrip(t *testing.T) {
	id := CardID("9f2c41aa", "database")
	if id != "9f2c41aa/database" {
		t.Fatalf("CardID = %q", id)
	}
	got, ok := ParseCardID(id)
	if !ok || got != (OpenCard{ProfileID: "9f2c41aa", Check: "database"}) {
		t.Fatalf("ParseCardID(%q) = %+v %v", id, got, ok)
	}
}

func TestParseCardIDRefusesWhatCardIDNeverMakes(t *testing.T) {
	for _, id := range []string{"", "/", "p/", "/database", "database", "p/a/b", "p/data\nbase", "p\x00/x", "p/x\x7f",
		strings.Repeat("p", 300) + "/database"} {
		if got, ok := ParseCardID(id); ok {
			t.Errorf("ParseCardID(%q) = %+v, want refused", id, got)
		}
	}
}

func FuzzParseCardID(f *testing.F) {
	f.Add("9f2c41aa/database")
	f.Add("p/a/b")
	f.Fuzz(func(t *testing.T, id string) {
		c, ok := ParseCardID(id)
		if ok && CardID(c.ProfileID, c.Check) != id {
			t.Fatalf("%q parsed to %+v, which CardID writes differently", id, c)
		}
	})
}
