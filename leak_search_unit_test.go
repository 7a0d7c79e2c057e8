package main

import (
	"encoding/base64"
	"strings"
	"testing"
)

// The sweep's own search must find what it claims: every form of a value, every 8-character fragment of
// the per-character forms, a base64 text cut after 15 characters; and must not report a 7-character
// fragment or an unrelated text. No peers: this runs in every go test.
func TestLeakSearchFindsEveryFormAndFragment(t *testing.T) {
	g := newLeakGen(7)
	v := g.value(leakSpec{Runes: 40})
	x := newLeakIndex()
	x.add(leakSecret{"TEST", "unit", v}, "user", true)
	runes := []rune(v)
	// found names the forms matched in text. Equal encodings are registered once (under the first form
	// that gives them), so a form is found when some needle of the same bytes is.
	found := func(text string) map[string]bool {
		got := map[string]bool{}
		x.scan([]byte("<<"+text+">>"), func(n *leakNeedle) { got[n.form], got[string(n.b)] = true, true })
		return got
	}
	for _, f := range leakForms {
		if whole := f.F(v); !found(whole)[whole] {
			t.Errorf("form %s of the whole value not found", f.Name)
		}
		if f.PerChar {
			frag := f.F(string(runes[13 : 13+leakFragmentRunes]))
			if !found(frag)[frag] {
				t.Errorf("form %s of an 8-character fragment not found", f.Name)
			}
			if got := found(f.F(string(runes[13 : 13+leakFragmentRunes-1]))); len(got) > 0 {
				t.Errorf("a 7-character fragment in form %s reported as %v", f.Name, got)
			}
		}
	}
	cut := base64.StdEncoding.EncodeToString([]byte(v))[:15]
	if !found(cut)["base64-std"] {
		t.Error("a base64 text cut after 15 characters not found")
	}
	if !found(base64.StdEncoding.EncodeToString([]byte("user:" + v)))["base64-std(user:value)"] {
		t.Error("base64 of user:value not found")
	}
	if got := found(strings.Repeat("harmless text ", 50)); len(got) > 0 {
		t.Errorf("unrelated text reported as %v", got)
	}
	// The generator keeps its promises: every reserved character in a long value, sizes honoured.
	for _, c := range leakReserved {
		if !strings.ContainsRune(v, c) {
			t.Errorf("a 40-character value lacks %q", c)
		}
	}
	if n := len(g.value(leakSpec{Bytes: 2048})); n != 2048 {
		t.Errorf("a value at the cap has %d bytes", n)
	}
	if s := g.value(leakSpec{Runes: leakMinRunes}); len([]rune(s)) != leakMinRunes || !leakValid(s) {
		t.Errorf("shortest value %d characters, valid %v", len([]rune(s)), leakValid(s))
	}
}
