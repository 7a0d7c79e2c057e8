package profile

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// bidiControls are the characters that reorder or hide how text is displayed ("Trojan Source"): a name
// that reads "الإنتاج" could be another profile, a tag on the card another tag on the wire.
var bidiControls = []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C}

func TestBidiControlsRefusedInEveryTextField(t *testing.T) {
	osUserName = func() string { return "tester" }
	t.Cleanup(func() { osUserName = currentOSUser })

	fields := []struct {
		field string
		set   func(p *Profile, v string)
	}{
		{"name", func(p *Profile, v string) { p.Name = "الإنتاج" + v + "prod" }},
		{"actor", func(p *Profile, v string) { p.Actor = "admin" + v + "nimda" }},
		{"dbPlan", func(p *Profile, v string) { p.DBPlan = "M10" + v }},
		{"revalidation.tags", func(p *Profile, v string) { p.Revalidation.Tags = []string{"products", "pro" + v + "ducts"} }},
		{"revalidation.paths", func(p *Profile, v string) { p.Revalidation.Paths = []string{"/", "/ar/" + v + "products"} }},
		{"siteUrl", func(p *Profile, v string) { p.SiteURL = "https://shop.example.com/" + v + "ar" }},
		{"instanceUrls", func(p *Profile, v string) { p.InstanceURLs = []string{"https://a" + v + ".example.com"} }},
	}
	for _, f := range fields {
		for _, r := range bidiControls {
			p := valid()
			f.set(&p, string(r))
			before := p.clone()
			err := p.ValidateAndSetDefaults()
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Fields) != 1 {
				t.Fatalf("%s with %U: want one invalid field, got %v", f.field, r, err)
			}
			msg, ok := ve.Fields[f.field]
			if !ok || msg.Code != "text_bidi" {
				t.Fatalf("%s with %U: fields %v", f.field, r, ve.Fields)
			}
			if !reflect.DeepEqual(p, before) {
				t.Fatalf("%s with %U: a refused profile was changed", f.field, r)
			}
		}
	}
	// Joiners are not direction controls: ZWNJ shapes Persian words, ZWJ builds emoji.
	p := valid()
	p.Name = "می\u200cخواهم \U0001F469\u200d\U0001F4BB"
	if err := p.ValidateAndSetDefaults(); err != nil {
		t.Fatalf("joiners refused: %v", err)
	}
}

// An OS login name holding a direction control is not taken as the default actor.
func TestBidiOSUserFallsBack(t *testing.T) {
	t.Setenv("USER", "ad\u202emin")
	t.Setenv("USERNAME", "")
	if got := currentOSUser(); strings.ContainsRune(got, 0x202E) {
		t.Fatalf("default actor %q", got)
	}
}
