// Package leakcheck is the leak sweeps' shared half: the hostile-secret generator and the forms a secret can
// take on its way out (with the 8-character fragments searched), written independently of backend/redact.
// Only tests import it: the desktop app's sweep (leak_*_test.go) and siyanactl's (cmd/siyanactl).
package leakcheck

import (
	"math/rand"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"siyana/backend/secrets"
)

// The hostile-secret generator. Every value is built from the seed alone, so a failure is reproduced with
// the seed the sweep prints.

// MinRunes is the shortest value the sweep plants. The redactor can honestly promise nothing for shorter
// ones: a 3-character value is matched by ordinary words, so replacing it everywhere would garble every
// message and a 3-byte value's base64 or hex form is only 4-6 characters long. Four is the floor the
// scrubber has always had (diagnostics.MinSecretLen, in bytes); the 8-character fragment search below
// applies to values of 8 characters or more, shorter ones are searched whole in every form.
const MinRunes = 4

var (
	// Every character that is reserved in a URI or escaped by JSON, HTML, Go or JavaScript.
	Reserved = []rune("?#/@:%&=+\"\\<>' ")
	// Rare on purpose: a short value carries one, so its whole-value search cannot match ordinary text.
	Rare = []rune{
		'\u200f', '\u200e', '\u061c', // RLM, LRM, Arabic letter mark
		'\u202e', '\u2067', // bidi override and isolate
		'\u2028',           // line separator: Go's JSON always escapes it, JavaScript's does not
		'\U0001F511',       // outside the BMP: a surrogate pair in \u escapes
		'\uff1f', '\u0640', // fullwidth question mark, tatweel
		'\u064b', // a combining mark (fathatan)
	}
	asciiSet = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!*()")
)

func arabic(r *rand.Rand) rune { return rune(0x0627 + r.Intn(0x064a-0x0627+1)) }

// Spec says what one generated value must look like.
type Spec struct {
	Runes    int  // target length in characters (ignored when Bytes > 0)
	Bytes    int  // exact length in bytes (a value at the keychain's cap)
	ASCII    bool // printable ASCII only (a peer that compares bytes it got through an HTTP header or SCRAM)
	SafeUser bool // letters, digits and -._~ only (a FerretDB user name the peer must accept)
}

// Gen generates hostile values from a seed.
type Gen struct{ r *rand.Rand }

// NewGen is a generator for seed.
func NewGen(seed int64) *Gen { return &Gen{rand.New(rand.NewSource(seed))} }

func (g *Gen) pick(set []rune) rune { return set[g.r.Intn(len(set))] }

// any is one random character of the mixed alphabet: ASCII, reserved, Arabic, rare.
func (g *Gen) anyRune(ascii bool) rune {
	switch n := g.r.Intn(10); {
	case n < 3 || (ascii && n < 6):
		return g.pick(asciiSet)
	case n < 6 || ascii:
		return g.pick(Reserved)
	case n < 9:
		return arabic(g.r)
	default:
		return g.pick(Rare)
	}
}

// edge is a first or last character: never a space (SetSecret trims them) nor a combining mark.
func (g *Gen) edge(ascii bool) rune {
	if ascii || g.r.Intn(2) == 0 {
		return g.pick([]rune("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"))
	}
	return arabic(g.r)
}

// Value builds one value. Values of 16 characters or more contain every reserved character (and, unless
// ASCII, every rare one); shorter ones one reserved and (unless ASCII) one rare character.
func (g *Gen) Value(s Spec) string {
	if s.SafeUser {
		set := []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
		b := []rune("lk")
		for len(b) < s.Runes {
			b = append(b, g.pick(set))
		}
		return string(b)
	}
	n := s.Runes
	if s.Bytes > 0 {
		n = 16
	}
	var must []rune
	if n >= 16 {
		must = append(must, Reserved...)
		if !s.ASCII {
			must = append(must, Rare...)
			must = append(must, arabic(g.r), arabic(g.r))
		}
	} else {
		must = append(must, g.pick(Reserved[:len(Reserved)-1])) // not the space: it may sit at an edge
		if !s.ASCII {
			must = append(must, g.pick(Rare))
		}
	}
	body := append([]rune(nil), must...)
	for len(body)+2 < n {
		body = append(body, g.anyRune(s.ASCII))
	}
	g.r.Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	v := string(g.edge(s.ASCII)) + string(body)
	if s.Bytes > 0 {
		last := string(g.edge(true))
		for len(v)+len(last) < s.Bytes {
			c := string(g.anyRune(s.ASCII))
			if len(v)+len(c)+len(last) > s.Bytes {
				c = strings.Repeat("x", s.Bytes-len(v)-len(last))
			}
			v += c
		}
		return v + last
	}
	return v + string(g.edge(s.ASCII))
}

// Lengths are the sizes the hostile slots cycle through: very short, around the 8-character fragment
// threshold, ordinary, long, and exactly the keychain's cap.
var Lengths = []Spec{
	{Runes: 4}, {Runes: 9}, {Runes: 5}, {Runes: 33}, {Runes: 7}, {Runes: 200},
	{Runes: 8}, {Bytes: secrets.MaxValueBytes}, {Runes: 64}, {Runes: 700}, {Runes: 12},
}

// Hostile is the i-th value of the cycle of Lengths.
func (g *Gen) Hostile(i int) string { return g.Value(Lengths[i%len(Lengths)]) }

// URI is a mongodb URI for addr with the given credentials, percent-encoded (as url.UserPassword
// writes them) or pasted as they are.
func URI(addr, user, password string, encoded bool) string {
	ui := user + ":" + password
	if encoded {
		ui = url.UserPassword(user, password).String()
	}
	return "mongodb://" + ui + "@" + addr + "/shopdb?authSource=admin"
}

// FitURI shortens user and password (keeping their first and last characters' kind) until the URI fits
// the keychain's cap.
func FitURI(addr, user, password string, encoded bool) (string, string, string) {
	for len(URI(addr, user, password, encoded)) > secrets.MaxValueBytes {
		ur, pr := []rune(user), []rune(password)
		if len(ur) > len(pr) && len(ur) > 16 {
			user = string(ur[:len(ur)*3/4]) + string(ur[len(ur)-1])
		} else {
			password = string(pr[:len(pr)*3/4]) + string(pr[len(pr)-1])
		}
	}
	return URI(addr, user, password, encoded), user, password
}

// Valid is what the sweep asserts of its own generator: the keychain takes the value unchanged.
func Valid(v string) bool {
	return v == strings.TrimSpace(v) && secrets.ValidateValue(v) == nil && utf8.RuneCountInString(v) >= MinRunes &&
		!unicode.IsSpace([]rune(v)[0])
}
