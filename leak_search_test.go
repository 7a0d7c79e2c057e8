package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// The search of the leak sweep: every needle (each form of each secret and of each of its 8-character
// fragments) is indexed by its first 8 bytes; each place is scanned once with a rolling 8-byte key, a
// bitset in front of the map, so the cost is one step per byte searched whatever the number of needles.

type leakNeedle struct {
	secret int
	form   string
	full   bool // the whole value in this form, else a fragment
	b      []byte
}

// leakSecret is one planted value.
type leakSecret struct {
	slot, profile string // e.g. DATABASE_URL:password, "selected"
	value         string
}

func (s leakSecret) id() string {
	h := sha256.Sum256([]byte(s.value))
	return fmt.Sprintf("%s [%s profile, %d bytes, sha256 %s]", s.slot, s.profile, len(s.value), hex.EncodeToString(h[:4]))
}

const leakBloomBits = 1 << 22

type leakIndex struct {
	secrets []leakSecret
	needles []leakNeedle
	short   []int32            // needles under 8 bytes: searched with bytes.Index
	byKey   map[uint64][]int32 // first 8 bytes (little endian) → needles
	bloom   []uint64
}

func newLeakIndex() *leakIndex {
	return &leakIndex{byKey: map[uint64][]int32{}, bloom: make([]uint64, leakBloomBits/64)}
}

func bloomSlot(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> (64 - 22) }

func key8(b []byte) uint64 {
	var k uint64
	for i := 7; i >= 0; i-- {
		k = k<<8 | uint64(b[i])
	}
	return k
}

// add registers a secret; fragments: also search its 8-character fragments (not for a whole URI, whose host
// part is shown on purpose: its user and password are registered on their own).
func (x *leakIndex) add(s leakSecret, user string, fragments bool) {
	id := len(x.secrets)
	x.secrets = append(x.secrets, s)
	for _, n := range needlesOf(s.value, user, fragments) {
		n.secret = id
		i := int32(len(x.needles))
		x.needles = append(x.needles, n)
		if len(n.b) < 8 {
			x.short = append(x.short, i)
			continue
		}
		k := key8(n.b)
		x.byKey[k] = append(x.byKey[k], i)
		b := bloomSlot(k)
		x.bloom[b/64] |= 1 << (b % 64)
	}
}

// forms counts the distinct forms registered (for the summary).
func (x *leakIndex) forms() int {
	seen := map[string]bool{}
	for _, n := range x.needles {
		seen[n.form] = true
	}
	return len(seen)
}

// scan calls hit for every needle found in data.
func (x *leakIndex) scan(data []byte, hit func(n *leakNeedle)) {
	for _, i := range x.short {
		if bytes.Contains(data, x.needles[i].b) {
			hit(&x.needles[i])
		}
	}
	if len(data) < 8 {
		return
	}
	k := key8(data)
	for i := 0; ; i++ {
		b := bloomSlot(k)
		if x.bloom[b/64]&(1<<(b%64)) != 0 {
			for _, j := range x.byKey[k] {
				if bytes.HasPrefix(data[i:], x.needles[j].b) {
					hit(&x.needles[j])
				}
			}
		}
		if i+8 >= len(data) {
			return
		}
		k = k>>8 | uint64(data[i+8])<<56
	}
}

// leakPart is some output attributed to the bound call that produced it.
type leakPart struct {
	place, method string
	data          []byte
	whole         bool // the whole content of a rewritten file: what it already held is not the caller's
}

type leakKey struct {
	secret              int
	form, place, method string
}

type leakFinding struct {
	full, fragments int
}

// search scans every part and returns the findings, worst first, and the bytes searched.
func (x *leakIndex) search(parts []leakPart) ([]string, map[string]int, int) {
	found := map[leakKey]*leakFinding{}
	seen := map[leakKey]bool{} // (secret, form, place) already found in a rewritten file
	total := 0
	for _, p := range parts {
		total += len(p.data)
		var here []leakKey
		x.scan(p.data, func(n *leakNeedle) {
			if p.whole {
				w := leakKey{n.secret, n.form, p.place, ""}
				if seen[w] {
					return
				}
				here = append(here, w)
			}
			k := leakKey{n.secret, n.form, p.place, p.method}
			f := found[k]
			if f == nil {
				f = &leakFinding{}
				found[k] = f
			}
			if n.full {
				f.full++
			} else {
				f.fragments++
			}
		})
		for _, w := range here {
			seen[w] = true
		}
	}
	var lines []string
	categories := map[string]int{}
	for k, f := range found {
		what := "whole value"
		if f.full == 0 {
			what = fmt.Sprintf("%d fragment(s) of 8+ chars", f.fragments)
		}
		s := x.secrets[k.secret]
		lines = append(lines, fmt.Sprintf("LEAK %s | form %s (%s) | in %s | by %s", s.id(), k.form, what, k.place, k.method))
		categories[fmt.Sprintf("%s in %s", strings.SplitN(s.slot, ":", 2)[0], placeKind(k.place))]++
	}
	sort.Strings(lines)
	return lines, categories, total
}

// placeKind folds a place to its category (a config file, a method's result, ...).
func placeKind(place string) string {
	if i := strings.Index(place, " of "); i > 0 && strings.HasPrefix(place, "result") {
		return "results"
	}
	return place
}
