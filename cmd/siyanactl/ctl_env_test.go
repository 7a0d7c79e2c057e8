package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"siyana/backend/testpeer"
)

// Every command against the real peers with --env and --env-file credentials: exit codes, the schema,
// and no planted secret in stdout, stderr, --json or the diagnostics file.
func TestEnvSourceAgainstPeers(t *testing.T) {
	p := startPeers(t)
	cfg := t.TempDir()
	env := withVars(baseEnv(t, cfg), p.siteEnv())
	w := &watched{t: t, env: env}
	run := w.run
	common := []string{"--env", "--pusher-insecure", "--kind", "staging"}

	// check all: every configured check passes; atlas (no group id / cluster) is skipped, not failed.
	e := doc(t, run(0, append([]string{"check", "all", "--json"}, common...)...))
	if e.Source != SourceEnv || e.Command != "check" || !e.OK {
		t.Fatalf("envelope: %+v", e)
	}
	got := map[string]Item{}
	for _, it := range e.Results {
		got[it.Check] = it
	}
	for _, name := range []string{"database", "pusher", "live", "site", "pages"} {
		if it := got[name]; !it.OK || it.Code != "OK" || it.Skipped {
			t.Errorf("%s: %+v", name, it)
		}
	}
	if it := got["atlas"]; !it.Skipped || it.Code != "NOT_CONFIGURED" || !strings.Contains(it.Params["missing"], "ATLAS_GROUP_ID") {
		t.Errorf("atlas: %+v", it)
	}

	// check pages: the storefront's default pages (the revalidation paths), as the app's card shows them.
	e = doc(t, run(0, append([]string{"check", "pages", "--json"}, common...)...))
	var pr struct {
		Pages []struct {
			Path   string `json:"path"`
			Status int    `json:"status"`
			Cache  struct {
				State string `json:"state"`
			} `json:"cache"`
		} `json:"pages"`
	}
	if raw, _ := json.Marshal(e.Results[0].Result); len(e.Results) != 1 || json.Unmarshal(raw, &pr) != nil || len(pr.Pages) != 3 ||
		pr.Pages[0].Path != "/" || pr.Pages[0].Status != 200 || pr.Pages[0].Cache.State == "" {
		t.Fatalf("check pages: %+v", e.Results)
	}

	// Human text, English and Arabic, says which source it used.
	r := run(0, append([]string{"check", "database", "--lang", "en"}, common...)...)
	if !strings.Contains(r.stdout, "Credentials: environment variables") || !strings.Contains(r.stdout, "[OK] database") {
		t.Fatalf("english:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Fatalf("colour off a terminal:\n%q", r.stdout)
	}
	r = run(0, append([]string{"check", "database", "--lang", "ar"}, common...)...)
	if !strings.Contains(r.stdout, "متغيرات البيئة") || !strings.Contains(r.stdout, "[سليم] database") {
		t.Fatalf("arabic:\n%s", r.stdout)
	}
	envAr := append(append([]string{}, env...), "LANG=ar_SA.UTF-8")
	if r := ctl(t, envAr, append([]string{"profiles"}, common...)...); r.code != 0 || !strings.Contains(r.stdout, "الملف: env") {
		t.Fatalf("LANG=ar: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// profiles: booleans and names only.
	e = doc(t, run(0, append([]string{"profiles", "--json"}, common...)...))
	if len(e.Profiles) != 1 || !e.Profiles[0].Cards["database"].Ready || e.Profiles[0].Cards["atlas"].Ready {
		t.Fatalf("profiles: %+v", e.Profiles)
	}

	// revalidate: tags, paths, full (staging: no confirmation), a dry run; progress lines on stderr.
	r = run(0, append([]string{"revalidate", "--tags", testpeer.NextSiteTags[0]}, common...)...)
	if !strings.Contains(r.stderr, "step ") {
		t.Fatalf("no progress lines:\n%s", r.stderr)
	}
	e = doc(t, run(0, append([]string{"revalidate", "--paths", testpeer.NextSitePages[0], "--json"}, common...)...))
	if it := e.Results[0]; !it.OK || it.Check != "revalidate" {
		t.Fatalf("paths: %+v", it)
	}
	doc(t, run(0, append([]string{"revalidate", "--full", "--dry-run", "--json"}, common...)...))
	doc(t, run(0, append([]string{"revalidate", "--full", "--json"}, common...)...))

	// production: refused without --yes off a terminal (usage), done with it.
	prod := []string{"--env", "--pusher-insecure"}
	r = run(2, append([]string{"revalidate", "--tags", testpeer.NextSiteTags[0]}, prod...)...)
	if !strings.Contains(r.stderr, "--yes") {
		t.Fatalf("production without --yes:\n%s", r.stderr)
	}
	run(0, append([]string{"revalidate", "--tags", testpeer.NextSiteTags[0], "--yes"}, prod...)...)

	// diagnostics: written, owner-only, scrubbed.
	out := filepath.Join(t.TempDir(), "diagnostics.json")
	e = doc(t, run(0, append([]string{"diagnostics", "-o", out, "--json"}, common...)...))
	body, err := os.ReadFile(out)
	if err != nil || e.Output == nil || e.Output.Path != out {
		t.Fatalf("diagnostics: %v %+v", err, e)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Fatalf("diagnostics mode %v", fi.Mode().Perm())
	}
	w.keep(string(body))

	// --env-file with the same names (PUSHER_HOST from the environment, as documented).
	file := filepath.Join(t.TempDir(), ".env")
	var lines []string
	for k, v := range p.siteEnv() {
		if k != "PUSHER_HOST" {
			lines = append(lines, k+"="+v)
		}
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fileEnv := withVars(baseEnv(t, cfg), map[string]string{"PUSHER_HOST": p.pusherHost})
	r = ctl(t, fileEnv, "check", "all", "--json", "--env-file", file, "--pusher-insecure", "--kind", "staging")
	want(t, r, 0, "check all --env-file")
	if e := doc(t, r); e.Source != SourceEnvFile {
		t.Fatalf("source %q", e.Source)
	}
	w.keep(r.stdout, r.stderr)

	noLeak(t, p.secrets, "env source", w.outputs...)
}

// Each failure family has its exit code, with a schema-valid document.
func TestExitCodes(t *testing.T) {
	cfg := t.TempDir()
	base := baseEnv(t, cfg)
	free, err := testpeer.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	// A peer down: nothing listens on the URL's port → 1.
	down := withVars(base, map[string]string{"DATABASE_URL": "mongodb://ctl:" + dbPassword + "@" + testpeer.Addr(free) + "/shopdb"})
	r := ctl(t, down, "check", "database", "--env", "--json")
	want(t, r, 1, "check database (down)")
	if e := doc(t, r); e.Code == "OK" || e.Results[0].OK {
		t.Fatalf("down: %+v", e)
	}
	noLeak(t, []string{dbPassword}, "peer down", r.stdout, r.stderr)
	r = ctl(t, down, "check", "database", "--env")
	want(t, r, 1, "check database (down, text)")
	noLeak(t, []string{dbPassword}, "peer down text", r.stdout, r.stderr)

	// Usage → 2.
	for _, args := range [][]string{
		{"check", "nope"}, {"nope"}, {"check", "--no-such-flag"}, {"revalidate", "--env"},
		{"revalidate", "--env", "--tags", "a", "--full"}, {"check", "--env", "--env-file", "x"},
		{"check", "--lang", "fr"}, {"revalidate", "--env", "--paths", "no-slash"}, {"diagnostics", "-o", ""},
		// watch: refused before anything listens or runs.
		{"watch", "--env", "--listen", "0.0.0.0:9464"}, {"watch", "--env", "--listen", ":9464"},
		{"watch", "--env", "--listen", "192.0.2.1:9464"}, {"watch", "--env", "--listen", "127.0.0.1"},
		{"watch", "--env", "--interval", "5s"}, {"watch", "--env", "--interval", "1500ms"}, {"watch", "--env", "--failures", "0"},
		{"watch", "--env", "--degraded-ms", "site=0"}, {"watch", "nope"},
	} {
		want(t, ctl(t, base, args...), 2, args...)
	}

	// Configuration → 3: nothing in the environment, no profile in the config dir, an unusable env file.
	r = ctl(t, base, "check", "database", "--env", "--json")
	want(t, r, 3, "check database --env (empty)")
	if e := doc(t, r); e.Results[0].Code != "NOT_CONFIGURED" {
		t.Fatalf("empty env: %+v", e)
	}
	r = ctl(t, base, "check", "all", "--env", "--json") // every card skipped: nothing was checked
	want(t, r, 3, "check all --env (empty)")
	if e := doc(t, r); e.Code != "NOT_CONFIGURED" {
		t.Fatalf("check all with nothing configured: %+v", e)
	}
	r = ctl(t, base, "check", "--json")
	want(t, r, 3, "check (no profiles)")
	if e := doc(t, r); e.Code != "PROFILE_NOT_FOUND" {
		t.Fatalf("no profile: %+v", e)
	}
	want(t, ctl(t, base, "check", "--env-file", filepath.Join(cfg, "missing.env")), 3, "missing env file")
	// A value the site could never match (REVALIDATE_SECRET travels in an HTTP header): the variable is
	// named, with its rule, in the document and in the text, and the value is not printed.
	arabic := "سر-إعادة-التحقق-للموقع-2026"
	bad := withVars(base, map[string]string{"REVALIDATE_SECRET": arabic, "NEXT_PUBLIC_SITE_URL": "https://shop.example"})
	r = ctl(t, bad, "check", "site", "--env", "--json")
	want(t, r, 3, "check site --env (non-ASCII secret)")
	if e := doc(t, r); e.Code != "INVALID_INPUT" || e.FieldErrors["REVALIDATE_SECRET"].Code != "SECRET_NOT_ASCII" {
		t.Fatalf("non-ASCII secret: %+v", e)
	}
	r2 := ctl(t, bad, "check", "site", "--env")
	if r2.code != 3 || !strings.Contains(r2.stderr, "REVALIDATE_SECRET: ") || !strings.Contains(r2.stderr, "ASCII") {
		t.Fatalf("non-ASCII secret, text: exit %d\n%s", r2.code, r2.stderr)
	}
	noLeak(t, []string{arabic}, "non-ASCII secret", r.stdout, r.stderr, r2.stdout, r2.stderr)
	// watch with a check configured but an address it cannot bind (held by another socket) → 3.
	site := withVars(base, map[string]string{"REVALIDATE_SECRET": reval, "SITE_URL": "http://" + testpeer.ClosedAddr(t)})
	if r := ctl(t, site, "watch", "site", "--env", "--kind", "staging", "--listen", testpeer.ClosedAddr(t)); r.code != 3 ||
		!strings.Contains(r.stderr, "Cannot listen") {
		t.Fatalf("watch on a taken address: exit %d\n%s", r.code, r.stderr)
	}
	want(t, ctl(t, base, "diagnostics", "-o", filepath.Join(t.TempDir(), "d.json")), 3, "diagnostics without a profile")
}

// --env carries a value exactly, whatever it holds: quotes, $VAR (never expanded), backslashes, '#',
// backticks (ASCII: the secret travels in an HTTP header). The site answers OK only to the exact secret;
// nothing of it is printed.
func TestEnvValueIsTakenVerbatim(t *testing.T) {
	secret := `Zx$HOME"q'\n\\#!` + "`x${PATH}" + "Kp9Lm2Vb7Nc4Qw1Er8Ty"
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: secret})
	env := withVars(baseEnv(t, t.TempDir()), map[string]string{"REVALIDATE_SECRET": secret, "SITE_URL": site.URL})
	r := ctl(t, env, "check", "site", "--env", "--kind", "staging", "--json")
	want(t, r, 0, "check site (hostile secret)")
	doc(t, r)
	noLeak(t, []string{secret}, "hostile secret", r.stdout, r.stderr)
	// One character off is refused by the site: the check really compares.
	env = withVars(baseEnv(t, t.TempDir()), map[string]string{"REVALIDATE_SECRET": secret + "x", "SITE_URL": site.URL})
	r = ctl(t, env, "check", "site", "--env", "--kind", "staging", "--json")
	want(t, r, 1, "check site (wrong secret)")
	noLeak(t, []string{secret}, "wrong secret", r.stdout, r.stderr)
}

// Colour only on a terminal (util-linux script(1) gives the process a pty), never with NO_COLOR.
func TestColourOnlyOnATerminal(t *testing.T) {
	scriptBin, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) not installed")
	}
	base := baseEnv(t, t.TempDir())
	line := ctlBin + " check database --env --lang en"
	onTTY := func(env []string) string {
		cmd := exec.Command(scriptBin, "-qec", line, "/dev/null")
		cmd.Env = env
		out, _ := cmd.Output() // exit 3: nothing configured
		return string(out)
	}
	if out := onTTY(base); !strings.Contains(out, "\x1b[31m[FAIL]") {
		t.Fatalf("no colour on a terminal:\n%q", out)
	}
	if out := onTTY(append(append([]string{}, base...), "NO_COLOR=1")); strings.Contains(out, "\x1b[") || !strings.Contains(out, "[FAIL]") {
		t.Fatalf("colour with NO_COLOR:\n%q", out)
	}
	if r := ctl(t, base, "check", "database", "--env", "--lang", "en"); strings.Contains(r.stdout, "\x1b[") {
		t.Fatalf("colour into a pipe:\n%q", r.stdout)
	}
}

// --fail-on-degraded: a check that passes slower than its threshold (the real site's dry run against
// --degraded-ms site=1) exits 4 with the code DEGRADED; without the flag it is exit 0 with degraded set; a
// failure's exit code comes first; a bad threshold is usage (2).
func TestFailOnDegraded(t *testing.T) {
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: reval})
	vars := map[string]string{"REVALIDATE_SECRET": reval, "NEXT_PUBLIC_SITE_URL": site.URL}
	env := withVars(baseEnv(t, t.TempDir()), vars)
	args := []string{"check", "site", "--env", "--kind", "staging", "--degraded-ms", "site=1"}
	r := ctl(t, env, append(args, "--json", "--fail-on-degraded")...)
	want(t, r, ExitDegraded, "check site --fail-on-degraded")
	e := doc(t, r)
	if e.Code != CodeDegraded || e.OK || !e.Results[0].OK || !e.Results[0].Degraded || e.Results[0].Params["thresholdMs"] != "1" {
		t.Fatalf("degraded: %+v", e)
	}
	r = ctl(t, env, append(args, "--json")...)
	want(t, r, 0, "check site (degraded, no flag)")
	if e := doc(t, r); !e.OK || !e.Results[0].Degraded {
		t.Fatalf("degraded without the flag: %+v", e)
	}
	r = ctl(t, env, append(args, "--fail-on-degraded", "--lang", "en")...)
	want(t, r, ExitDegraded, "check site text")
	if !strings.Contains(r.stdout, "[DEGRADED] site:") || !strings.Contains(r.stdout, "threshold 1 ms") {
		t.Fatalf("text:\n%s", r.stdout)
	}
	// The default threshold (2 s for the site's dry run on loopback): not degraded.
	r = ctl(t, env, "check", "site", "--env", "--kind", "staging", "--json", "--fail-on-degraded")
	want(t, r, 0, "check site (default threshold)")
	// A failure comes first: the database is down (a port nothing listens on) while the site is slow.
	down := withVars(env, map[string]string{"DATABASE_URL": "mongodb://" + testpeer.ClosedAddr(t) + "/shopdb"})
	r = ctl(t, down, "check", "all", "--env", "--kind", "staging", "--degraded-ms", "site=1", "--fail-on-degraded", "--json")
	want(t, r, ExitFailed, "check all (down and slow)")
	doc(t, r)
	for _, bad := range []string{"site=0", "nope=5", "site=x", "site=600001"} {
		want(t, ctl(t, env, "check", "site", "--env", "--degraded-ms", bad), ExitUsage, "--degraded-ms", bad)
	}
}
