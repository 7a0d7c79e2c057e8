package main

import (
	"math/rand"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"siyana/backend/secrets"
)

// The hostile-secret generator of the leak sweep (leak_test.go). Every value is built from the seed alone,
// so a failure is reproduced with SIYANA_LEAK_SEED=<the printed seed>.

// leakMinRunes is the shortest value the sweep plants. The redactor can honestly promise nothing for shorter
// ones: a 3-character value is matched by ordinary words, so replacing it everywhere would garble every
// message and a 3-byte value's base64 or hex form is only 4-6 characters long. Four is the floor the
// scrubber has always had (diagnostics.MinSecretLen, in bytes); the 8-character fragment search below
// applies to values of 8 characters or more, shorter ones are searched whole in every form.
const leakMinRunes = 4

var (
	// Every character that is reserved in a URI or escaped by JSON, HTML, Go or JavaScript.
	leakReserved = []rune("?#/@:%&=+\"\\<>' ")
	// Rare on purpose: a short value carries one, so its whole-value search cannot match ordinary text.
	leakRare = []rune{
		'\u200f', '\u200e', '\u061c', // RLM, LRM, Arabic letter mark
		'\u202e', '\u2067', // bidi override and isolate
		'\u2028',           // line separator: Go's JSON always escapes it, JavaScript's does not
		'\U0001F511',       // outside the BMP: a surrogate pair in \u escapes
		'\uff1f', '\u0640', // fullwidth question mark, tatweel
		'\u064b', // a combining mark (fathatan)
	}
	leakASCII = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!*()")
)

func leakArabic(r *rand.Rand) rune { return rune(0x0627 + r.Intn(0x064a-0x0627+1)) }

// leakSpec says what one generated value must look like.
type leakSpec struct {
	runes    int  // target length in characters (ignored when bytes > 0)
	bytes    int  // exact length in bytes (a value at the keychain's cap)
	ascii    bool // printable ASCII only (a peer that compares bytes it got through an HTTP header or SCRAM)
	safeUser bool // letters, digits and -._~ only (a FerretDB user name the peer must accept)
}

type leakGen struct{ r *rand.Rand }

func newLeakGen(seed int64) *leakGen { return &leakGen{rand.New(rand.NewSource(seed))} }

func (g *leakGen) pick(set []rune) rune { return set[g.r.Intn(len(set))] }

// any is one random character of the mixed alphabet: ASCII, reserved, Arabic, rare.
func (g *leakGen) anyRune(ascii bool) rune {
	switch n := g.r.Intn(10); {
	case n < 3 || (ascii && n < 6):
		return g.pick(leakASCII)
	case n < 6 || ascii:
		return g.pick(leakReserved)
	case n < 9:
		return leakArabic(g.r)
	default:
		return g.pick(leakRare)
	}
}

// edge is a first or last character: never a space (SetSecret trims them) nor a combining mark.
func (g *leakGen) edge(ascii bool) rune {
	if ascii || g.r.Intn(2) == 0 {
		return g.pick([]rune("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"))
	}
	return leakArabic(g.r)
}

// value builds one value. Values of 16 characters or more contain every reserved character (and, unless
// ASCII, every rare one); shorter ones one reserved and (unless ASCII) one rare character.
func (g *leakGen) value(s leakSpec) string {
	if s.safeUser {
		set := []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
		b := []rune("lk")
		for len(b) < s.runes {
			b = append(b, g.pick(set))
		}
		return string(b)
	}
	n := s.runes
	if s.bytes > 0 {
		n = 16
	}
	var must []rune
	if n >= 16 {
		must = append(must, leakReserved...)
		if !s.ascii {
			must = append(must, leakRare...)
			must = append(must, leakArabic(g.r), leakArabic(g.r))
		}
	} else {
		must = append(must, g.pick(leakReserved[:len(leakReserved)-1])) // not the space: it may sit at an edge
		if !s.ascii {
			must = append(must, g.pick(leakRare))
		}
	}
	body := append([]rune(nil), must...)
	for len(body)+2 < n {
		body = append(body, g.anyRune(s.ascii))
	}
	g.r.Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	v := string(g.edge(s.ascii)) + string(body)
	if s.bytes > 0 {
		last := string(g.edge(true))
		for len(v)+len(last) < s.bytes {
			c := string(g.anyRune(s.ascii))
			if len(v)+len(c)+len(last) > s.bytes {
				c = strings.Repeat("x", s.bytes-len(v)-len(last))
			}
			v += c
		}
		return v + last
	}
	return v + string(g.edge(s.ascii))
}

// leakLengths are the sizes the hostile slots cycle through: very short, around the 8-character fragment
// threshold, ordinary, long, and exactly the keychain's cap.
var leakLengths = []leakSpec{
	{runes: 4}, {runes: 9}, {runes: 5}, {runes: 33}, {runes: 7}, {runes: 200},
	{runes: 8}, {bytes: secrets.MaxValueBytes}, {runes: 64}, {runes: 700}, {runes: 12},
}

func (g *leakGen) hostile(i int) string { return g.value(leakLengths[i%len(leakLengths)]) }

// leakURI is a mongodb URI for addr with the given credentials, percent-encoded (as url.UserPassword
// writes them) or pasted as they are.
func leakURI(addr, user, password string, encoded bool) string {
	ui := user + ":" + password
	if encoded {
		ui = url.UserPassword(user, password).String()
	}
	return "mongodb://" + ui + "@" + addr + "/shopdb?authSource=admin"
}

// fitURI shortens user and password (keeping their first and last characters' kind) until the URI fits
// the keychain's cap.
func fitURI(addr, user, password string, encoded bool) (string, string, string) {
	for len(leakURI(addr, user, password, encoded)) > secrets.MaxValueBytes {
		ur, pr := []rune(user), []rune(password)
		if len(ur) > len(pr) && len(ur) > 16 {
			user = string(ur[:len(ur)*3/4]) + string(ur[len(ur)-1])
		} else {
			password = string(pr[:len(pr)*3/4]) + string(pr[len(pr)-1])
		}
	}
	return leakURI(addr, user, password, encoded), user, password
}

// leakValid is what the sweep asserts of its own generator: the keychain takes the value unchanged.
func leakValid(v string) bool {
	return v == strings.TrimSpace(v) && secrets.ValidateValue(v) == nil && utf8.RuneCountInString(v) >= leakMinRunes &&
		!unicode.IsSpace([]rune(v)[0])
}
