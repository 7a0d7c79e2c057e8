package main

import "siyana/backend/leakcheck"

// The hostile-secret generator of the leak sweep (leak_test.go) and the forms it searches live in
// backend/leakcheck, shared with siyanactl's sweep (cmd/siyanactl). Every value is built from the seed alone,
// so a failure is reproduced with SIYANA_LEAK_SEED=<the printed seed>.

type leakSpec = leakcheck.Spec

const leakMinRunes = leakcheck.MinRunes

var (
	leakReserved = leakcheck.Reserved
	leakForms    = leakcheck.Forms
	leakPoint1   = leakcheck.Point1
	leakFormOf   = leakcheck.FormOf
	leakURI      = leakcheck.URI
	fitURI       = leakcheck.FitURI
	leakValid    = leakcheck.Valid
)

const leakFragmentRunes = leakcheck.FragmentRunes

type leakGen struct{ *leakcheck.Gen }

func newLeakGen(seed int64) *leakGen { return &leakGen{leakcheck.NewGen(seed)} }

func (g *leakGen) value(s leakSpec) string { return g.Value(s) }
func (g *leakGen) hostile(i int) string    { return g.Hostile(i) }

// needlesOf is leakcheck's needles of one value, as the sweep's index holds them.
func needlesOf(v, user string, fragments bool) []leakNeedle {
	var out []leakNeedle
	for _, n := range leakcheck.NeedlesOf(v, user, fragments) {
		out = append(out, leakNeedle{form: n.Form, full: n.Full, b: n.B})
	}
	return out
}
