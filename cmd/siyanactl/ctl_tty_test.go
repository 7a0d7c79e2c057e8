package main

import (
	"bytes"
	"errors"
	"io"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"siyana/backend/testpeer"
)

// ptyRun runs siyanactl on a pseudo-terminal (stdin, stdout and stderr), writes answer once want appears on
// it (or never, when want is ""), and returns everything the terminal showed and the exit code.
func ptyRun(t *testing.T, env []string, want, answer string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(ctlBin, args...)
	cmd.Env = env
	tty, err := pty.Start(cmd)
	if err != nil {
		t.Fatalf("pty: %v", err)
	}
	defer tty.Close()
	var mu sync.Mutex
	var shown bytes.Buffer
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 4096)
		for {
			n, err := tty.Read(buf)
			mu.Lock()
			shown.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	if want != "" {
		eventually(t, 30*time.Second, "the prompt "+want, func() bool {
			mu.Lock()
			defer mu.Unlock()
			return strings.Contains(shown.String(), want)
		})
		if _, err := io.WriteString(tty, answer+"\r"); err != nil {
			t.Fatal(err)
		}
	}
	err = cmd.Wait()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	_ = tty.Close()
	<-done
	mu.Lock()
	defer mu.Unlock()
	return shown.String(), code
}

// A production profile's run asks on a terminal (the production prompt of revalidate): "n" or an empty
// answer refuses (exit 2, no step of a run), "y" and the catalog's Arabic yes run it against the fixture
// site; --yes asks nothing; --json on a terminal still needs --yes (no prompt inside the document).
func TestProductionPromptOnATerminal(t *testing.T) {
	secret := "Tq8Wm3Zr6Yb1Xp4Nc7Vd2Lk9Hs5Jf0Ga"
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: secret})
	env := withVars(baseEnv(t, t.TempDir()), map[string]string{"REVALIDATE_SECRET": secret, "NEXT_PUBLIC_SITE_URL": site.URL})
	args := []string{"revalidate", "--full", "--env", "--lang", "en"} // --kind production is the default
	prompt := "Revalidate the production site env? [y/N]"
	for _, no := range []string{"n", "", "nope"} {
		out, code := ptyRun(t, env, prompt, no, args...)
		if code != ExitUsage || strings.Contains(out, "step ") {
			t.Fatalf("answer %q: exit %d\n%s", no, code, out)
		}
	}
	out, code := ptyRun(t, env, prompt, "y", args...)
	if code != 0 || !strings.Contains(out, "step ") || !strings.Contains(out, "[OK]\x1b[0m revalidate") { // coloured: a terminal
		t.Fatalf("answer y: exit %d\n%s", code, out)
	}
	arEnv := append(append([]string{}, env...), "LANG=ar_SA.UTF-8")
	out, code = ptyRun(t, arEnv, "[y/N]", "نعم", "revalidate", "--full", "--env")
	if code != 0 || !strings.Contains(out, "الإنتاج") {
		t.Fatalf("Arabic yes: exit %d\n%s", code, out)
	}
	// --yes: no question at all.
	out, code = ptyRun(t, env, "", "", append(args, "--yes")...)
	if code != 0 || strings.Contains(out, "[y/N]") {
		t.Fatalf("--yes: exit %d\n%s", code, out)
	}
	// --json on a terminal: no prompt mixed into the document, --yes is required.
	out, code = ptyRun(t, env, "", "", append(args, "--json")...)
	if code != ExitUsage || strings.Contains(out, "[y/N]") || !strings.Contains(out, "--yes") {
		t.Fatalf("--json on a terminal: exit %d\n%s", code, out)
	}
	// Off a terminal the same run never reads stdin: it needs --yes (exit 2).
	if r := ctl(t, env, args...); r.code != ExitUsage || !strings.Contains(r.stderr, "--yes") {
		t.Fatalf("off a terminal: exit %d\n%s", r.code, r.stderr)
	}
}
