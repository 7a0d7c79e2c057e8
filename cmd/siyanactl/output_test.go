package main

import (
	"bytes"
	"strings"
	"testing"

	"siyana/backend/redact"
)

// The printer is the last line of defence: a value the registry knows never reaches stdout or stderr,
// in text or in --json, whatever the services did before (turn the scrub in say/warn/json off: this fails).
func TestPrinterScrubsEveryLine(t *testing.T) {
	const secret = "Qw7Er9Ty2Ui4Op6As8"
	reg := redact.NewRegistry()
	reg.Add("p", "PUSHER_SECRET", secret)
	var out, errb bytes.Buffer
	p := &printer{out: &out, err: &errb, lang: "en", reg: reg}
	p.say("said %s", secret)
	p.warn("warned %s", secret)
	if err := p.json(map[string]any{"k": "json " + secret, secret: 1}); err != nil {
		t.Fatal(err)
	}
	noLeak(t, []string{secret}, "printer", out.String(), errb.String())
	if !strings.Contains(out.String(), redact.Placeholder) {
		t.Fatalf("nothing was scrubbed:\n%s", out.String())
	}
}

func TestLangFromLANG(t *testing.T) {
	for lang, want := range map[string]string{"ar_SA.UTF-8": "ar", "AR": "ar", "en_US.UTF-8": "en", "": "en", "C": "en", "fr_FR": "en"} {
		t.Setenv("LANG", lang)
		if got := langFrom(""); got != want {
			t.Errorf("LANG=%q: %s, want %s", lang, got, want)
		}
	}
	t.Setenv("LANG", "ar_SA.UTF-8")
	if got := langFrom("en"); got != "en" {
		t.Errorf("--lang en under LANG=ar: %s", got)
	}
}
