package diagnostics

import (
	"net/url"
	"strings"
	"testing"

	"siyana/backend/redact"
)

const (
	canaryPass   = "cAnArY-pw-7f3e+/="
	canaryPusher = "cAnArY-pusher-91ab"
	canaryAtlas  = "cAnArY-atlas-priv-55"
)

func testScrubber() *redact.Scrubber {
	return redact.NewScrubber(map[string]string{
		"DATABASE_URL":      "mongodb://siteuser:" + url.QueryEscape(canaryPass) + "@db.example:27017/shop",
		"PUSHER_SECRET":     canaryPusher,
		"ATLAS_PRIVATE_KEY": canaryAtlas,
		"REVALIDATE_SECRET": "ab", // too short to match inside words: must not mangle text
	})
}

// The preview's records say what and where, never the value; the forms themselves are tested in redact.
func TestRedactionRecordsCarryNoValue(t *testing.T) {
	b := Build(sampleInput())
	for _, r := range b.Redactions {
		if r.Count < 1 || r.Where == "" || r.Kind == "" {
			t.Errorf("bad record %+v", r)
		}
		if strings.Contains(r.Where+r.Form+r.Secret, "cAnArY") || strings.Contains(r.Where+r.Form, "hunter22") {
			t.Errorf("record carries a value: %+v", r)
		}
	}
}
