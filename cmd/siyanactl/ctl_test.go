package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"siyana/backend/sitevars"
	"siyana/backend/testpeer"
)

// ctlBin is the siyanactl binary built once for the package's tests and the benchmark.
var ctlBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "siyanactl-bin-")
	if err != nil {
		panic(err)
	}
	ctlBin = filepath.Join(dir, "siyanactl")
	// Built as shipped (make ctl): no cgo, trimmed paths, stripped.
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", ctlBin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one run of the binary.
type result struct {
	stdout, stderr string
	code           int
}

// baseEnv is the test's environment without any of the site's variables (so nothing leaks in from the
// machine), with its own config dir and LANG=C.
func baseEnv(t testing.TB, configDir string) []string {
	t.Helper()
	skip := map[string]bool{"LANG": true, "LC_ALL": true, "NO_COLOR": true, "SIYANA_CONFIG_DIR": true}
	for _, v := range sitevars.All() {
		skip[v.Name] = true
		for _, a := range v.Aliases {
			skip[a] = true
		}
	}
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); !skip[k] {
			env = append(env, kv)
		}
	}
	return append(env, "LANG=C", "SIYANA_CONFIG_DIR="+configDir)
}

func ctl(t testing.TB, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(ctlBin, args...)
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("run %v: %v", args, err)
	}
	return r
}

func want(t testing.TB, r result, code int, args ...string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("siyanactl %v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", args, r.code, code, r.stdout, r.stderr)
	}
}

var schema = func() *jsonschema.Schema {
	c := jsonschema.NewCompiler()
	s, err := c.Compile("schema/siyanactl-v1.schema.json")
	if err != nil {
		panic(err)
	}
	return s
}()

// doc validates a --json output against the shipped schema and returns it.
func doc(t *testing.T, r result) Envelope {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if err := schema.Validate(v); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			b, _ := json.Marshal(ve.BasicOutput())
			t.Fatalf("against the schema: %s\n%s", b, r.stdout)
		}
		t.Fatalf("against the schema: %v\n%s", err, r.stdout)
	}
	var e Envelope
	if err := json.Unmarshal([]byte(r.stdout), &e); err != nil {
		t.Fatal(err)
	}
	if e.ExitCode != r.code {
		t.Fatalf("exitCode %d in the document, process exited %d", e.ExitCode, r.code)
	}
	return e
}

// encodings are the forms a secret could leak in: raw, URL-escaped, base64 (std and url), JSON-escaped.
func encodings(s string) []string {
	j, _ := json.Marshal(s)
	return []string{s, url.QueryEscape(s), url.PathEscape(s), base64.StdEncoding.EncodeToString([]byte(s)),
		base64.RawURLEncoding.EncodeToString([]byte(s)), strings.Trim(string(j), `"`)}
}

// watched runs siyanactl with env, fails on an exit code other than the one wanted, and keeps everything
// the commands printed (and what keep adds), for a noLeak over all of it at the end of the test.
type watched struct {
	t       *testing.T
	env     []string
	outputs []string
}

func (w *watched) run(code int, args ...string) result {
	w.t.Helper()
	r := ctl(w.t, w.env, args...)
	want(w.t, r, code, args...)
	w.keep(r.stdout, r.stderr)
	return r
}

func (w *watched) keep(out ...string) { w.outputs = append(w.outputs, out...) }

// noLeak fails when any output carries a planted secret in any of its forms.
func noLeak(t *testing.T, secrets []string, where string, outputs ...string) {
	t.Helper()
	for _, s := range secrets {
		for _, form := range encodings(s) {
			for _, o := range outputs {
				if strings.Contains(o, form) {
					t.Fatalf("%s: a secret (%q form) leaked:\n%s", where, form, o)
				}
			}
		}
	}
}

// The planted secrets start with no word the output uses: the scrubber also removes an 8-character prefix
// of a secret, so "revalidate-..." would (rightly) scrub the word "revalidate" everywhere.

// peers is one FerretDB, one soketi app and one fixture site with planted secrets.
type peers struct {
	dbURI, pusherHost, siteURL string
	pusherID, pusherKey        string
	secrets                    []string
	ferret                     *testpeer.FerretDB // to stop and resume it (watch)
}

const (
	dbPassword   = "Hq7Db2xLm9VzPw3"
	pusherSecret = "K8d3NfQ1pXs7Wq2"
	reval        = "Z4pW6tYb9sKq2LmXv8RtJc5Nd3Hf7Ga1"
	atlasPrivate = "R5mC7vXeTq9Lp2Wz"
)

func startPeers(t testing.TB) peers {
	t.Helper()
	db := testpeer.FerretDBT(t, testpeer.FerretOptions{User: "ctl", Password: dbPassword})
	so := testpeer.SoketiT(t, testpeer.SoketiOptions{Apps: []testpeer.SoketiApp{{ID: "100001", Key: "ctl-key", Secret: pusherSecret}}})
	// The route's largest token bucket: the benchmark and watch call the route many times a minute (the route's
	// throttle has its own tests).
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: reval,
		Env: map[string]string{"REVALIDATE_RATE_BURST": "1000", "REVALIDATE_RATE_PER_MINUTE": "6000"}})
	return peers{ferret: db, dbURI: db.URI, pusherHost: so.Host, siteURL: site.URL, pusherID: "100001", pusherKey: "ctl-key",
		secrets: []string{dbPassword, pusherSecret, reval, atlasPrivate}}
}

// siteEnv is the site's own environment for the peers (MONGODB_URI: an alias from the table).
func (p peers) siteEnv() map[string]string {
	return map[string]string{
		"MONGODB_URI": p.dbURI, "PUSHER_APP_ID": p.pusherID, "PUSHER_KEY": p.pusherKey, "PUSHER_SECRET": pusherSecret,
		"PUSHER_CLUSTER": "local", "NEXT_PUBLIC_PUSHER_KEY": p.pusherKey, "NEXT_PUBLIC_PUSHER_CLUSTER": "local",
		"PUSHER_HOST": p.pusherHost, "REVALIDATE_SECRET": reval, "NEXT_PUBLIC_SITE_URL": p.siteURL,
		"ATLAS_PRIVATE_KEY": atlasPrivate,
	}
}

func withVars(env []string, vars map[string]string) []string {
	out := append([]string{}, env...)
	for k, v := range vars {
		out = append(out, k+"="+v)
	}
	return out
}
