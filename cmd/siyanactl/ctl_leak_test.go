package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"siyana/backend/leakcheck"
	"siyana/backend/testpeer"
)

// The leak sweep of the desktop app (leak_*_test.go), extended to siyanactl: secrets from the same generator
// (backend/leakcheck: every reserved and escaping character, Arabic, bidi marks, U+2028, surrogate pairs),
// accepted by the real peers on the success path and refused on the failure path, through the env source;
// every output — stdout, stderr, --json, the diagnostics file and watch's /metrics and --json event lines —
// searched for each secret in each of leakcheck's forms and for each 8-character fragment.
// SIYANA_LEAK_SEED=<seed> reproduces a run.
func TestLeakSweepCtl(t *testing.T) {
	seed := int64(20261201)
	if s := os.Getenv("SIYANA_LEAK_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseInt(s, 10, 64); err != nil {
			t.Fatalf("SIYANA_LEAK_SEED: %v", err)
		}
	}
	t.Logf("seed %d", seed)
	g := leakcheck.NewGen(seed)
	user, pass := g.Value(leakcheck.Spec{Runes: 14, SafeUser: true}), g.Value(leakcheck.Spec{Runes: 24, ASCII: true})
	pusherSecret := g.Value(leakcheck.Spec{Runes: 32, ASCII: true})
	revalSecret := g.Value(leakcheck.Spec{Runes: 48, ASCII: true})
	atlasKey := g.Value(leakcheck.Spec{Runes: 36})
	db := testpeer.FerretDBT(t, testpeer.FerretOptions{User: user, Password: pass})
	so := testpeer.SoketiT(t, testpeer.SoketiOptions{Apps: []testpeer.SoketiApp{{ID: "100001", Key: "leak-key", Secret: pusherSecret}}})
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: revalSecret,
		Env: map[string]string{"REVALIDATE_RATE_BURST": "1000", "REVALIDATE_RATE_PER_MINUTE": "6000"}})
	uri, user, pass := leakcheck.FitURI(db.Addr, user, pass, true)
	vars := func(uri, pusher, reval, atlas string) map[string]string {
		return map[string]string{"MONGODB_URI": uri, "PUSHER_APP_ID": "100001", "PUSHER_KEY": "leak-key", "PUSHER_SECRET": pusher,
			"PUSHER_CLUSTER": "local", "NEXT_PUBLIC_PUSHER_KEY": "leak-key", "NEXT_PUBLIC_PUSHER_CLUSTER": "local",
			"PUSHER_HOST": so.Host, "REVALIDATE_SECRET": reval, "NEXT_PUBLIC_SITE_URL": site.URL, "ATLAS_PRIVATE_KEY": atlas}
	}
	planted := []string{user, pass, pusherSecret, revalSecret, atlasKey}
	common := []string{"--env", "--pusher-insecure", "--kind", "staging"}
	var outputs []string // every output, named for the report
	keep := func(where string, out ...string) {
		for _, o := range out {
			outputs = append(outputs, where+"\x00"+o)
		}
	}
	sweep := func(label string, env []string, wantOK bool) {
		code := 0
		if !wantOK {
			code = 1
		}
		for _, args := range [][]string{{"check", "all", "--json"}, {"check", "all", "--lang", "en"}, {"check", "all", "--lang", "ar"}} {
			r := ctl(t, env, append(args, common...)...)
			want(t, r, code, args...)
			if args[2] == "--json" {
				doc(t, r)
			}
			keep(label+" "+strings.Join(args, " "), r.stdout, r.stderr)
		}
		r := ctl(t, env, append([]string{"revalidate", "--tags", testpeer.NextSiteTags[0], "--json"}, common...)...)
		want(t, r, code, "revalidate")
		keep(label+" revalidate", r.stdout, r.stderr)
		out := filepath.Join(t.TempDir(), "diagnostics.json")
		r = ctl(t, env, append([]string{"diagnostics", "-o", out, "--json"}, common...)...)
		keep(label+" diagnostics", r.stdout, r.stderr)
		if body, err := os.ReadFile(out); err == nil {
			keep(label+" diagnostics file", string(body))
		}
		// watch: /metrics after every check has a state, and the --json event lines.
		listen := testpeer.FreeAddr(t)
		w := startDaemon(t, env, ctlBin, append([]string{"watch", "--json", "--listen", listen, "--test-interval", "1s", "--failures", "1"}, common...)...)
		state := " 1"
		if !wantOK {
			state = " 0"
		}
		var m string
		eventually(t, 30*time.Second, label+": every check's state in /metrics", func() bool {
			m, _, _ = httpGet("http://" + listen + "/metrics")
			return strings.Count(m, metricUp+"{") >= 4 && strings.Contains(m, metricUp+`{check="database",profile="env"}`+state)
		})
		if c := w.term(t, shutdownBound+5*time.Second); c != 0 {
			t.Fatalf("%s: watch exit %d\n%s", label, c, w.err.String())
		}
		events := 0
		for _, line := range strings.Split(strings.TrimSpace(w.out.String()), "\n") {
			if line == "" {
				continue
			}
			v, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
			if err != nil || schema.Validate(v) != nil || !strings.Contains(line, `"command":"watch"`) {
				t.Fatalf("%s: a watch --json line is not a siyanactl/v1 watch document (%v):\n%s", label, err, line)
			}
			events++
		}
		if !wantOK && events == 0 {
			t.Fatalf("%s: watch --json printed no state change", label)
		}
		keep(label+" watch /metrics", m)
		keep(label+" watch", w.out.String(), w.err.String())
	}
	sweep("success", withVars(baseEnv(t, t.TempDir()), vars(uri, pusherSecret, revalSecret, atlasKey)), true)

	// Failure path: every peer refuses (wrong password, signature, secret); the wrong values are planted too.
	wrongPass, wrongPusher := g.Value(leakcheck.Spec{Runes: 20, ASCII: true}), g.Value(leakcheck.Spec{Runes: 33, ASCII: true})
	wrongReval, wrongAtlas := g.Value(leakcheck.Spec{Runes: 40, ASCII: true}), g.Value(leakcheck.Spec{Runes: 200})
	wrongURI, _, wrongPass := leakcheck.FitURI(db.Addr, user, wrongPass, true)
	planted = append(planted, wrongPass, wrongPusher, wrongReval, wrongAtlas)
	sweep("failure", withVars(baseEnv(t, t.TempDir()), vars(wrongURI, wrongPusher, wrongReval, wrongAtlas)), false)

	// Search: each planted value in each form, and each 8-character fragment of it.
	bytesOut := 0
	for _, o := range outputs {
		bytesOut += len(o)
	}
	type needle struct {
		leakcheck.Needle
		size int
	}
	var all []needle
	for _, v := range planted {
		for _, n := range leakcheck.NeedlesOf(v, "", true) {
			all = append(all, needle{n, len(v)})
		}
	}
	leaks := func(text string) (out []needle) {
		for _, n := range all {
			if bytes.Contains([]byte(text), n.B) {
				out = append(out, n)
			}
		}
		return out
	}
	// The search finds what it must: a fragment of a value in an escaped form, and a whole value's base64.
	for _, v := range planted[1:3] {
		r := []rune(v)
		canary := "ok " + leakcheck.FormOf("json")(string(r[3:3+leakcheck.FragmentRunes])) + " / " + leakcheck.FormOf("base64-std")(v)
		if len(leaks(canary)) < 2 {
			t.Fatalf("the search misses a planted form in %q", canary)
		}
	}
	for _, o := range outputs {
		where, text, _ := strings.Cut(o, "\x00")
		for _, n := range leaks(text) {
			whole := "an 8-character fragment"
			if n.Full {
				whole = "the whole value"
			}
			t.Errorf("LEAK: %s of a planted secret (%d bytes) in form %s, in %s:\n%s", whole, n.size, n.Form, where, text)
		}
	}
	needles := len(all)
	t.Logf("%d secrets, %d needles, %d outputs (%s)", len(planted), needles, len(outputs), fmt.Sprintf("%.1f KB", float64(bytesOut)/1024))
}
