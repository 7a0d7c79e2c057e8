// Command sandbox starts the local stack every card can be tried against — FerretDB (with login), soketi
// and the fixture Next.js site with the shipped route — on 127.0.0.1, and stops all of it on Ctrl-C.
//
//	sandbox          start the peers, publish them in <config dir>/sandbox.json and, when this session has a
//	                 keychain, create or refresh the "Sandbox (local)" profile now (make sandbox)
//	sandbox seed     create or refresh that profile from the running sandbox's sandbox.json in the keychain
//	                 of the calling session (scripts/open.sh runs it inside the headless app's own keyring)
//	sandbox --json   start the peers and print their addresses and test credentials as one JSON line
//	                 (the browser E2E harness uses this; it touches no profile and writes no file)
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	jsonOut := flag.Bool("json", false, "print peer addresses and credentials as one JSON line; touch no profile")
	required := flag.Bool("require-all", false, "fail when a peer's tool is not installed")
	flag.Parse()

	logf := func(format string, args ...any) { fmt.Fprintf(os.Stderr, "sandbox: "+format+"\n", args...) }
	switch flag.Arg(0) {
	case "":
	case "seed":
		os.Exit(seed(logf))
	default:
		logf("unknown command %q (use: sandbox [--json] [--require-all] | sandbox seed)", flag.Arg(0))
		os.Exit(2)
	}
	os.Exit(run(*jsonOut, *required, logf))
}

func run(jsonOut, required bool, logf func(string, ...any)) int {
	// SIGHUP too: closing the terminal must stop the peers like Ctrl-C does.
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer cancel()

	startCtx, startCancel := context.WithTimeout(ctx, 2*time.Minute)
	peers, err := startPeers(startCtx, required, logf)
	startCancel()
	if err != nil {
		logf("%v", err)
		return 1
	}
	defer peers.Stop()

	if jsonOut {
		if err := json.NewEncoder(os.Stdout).Encode(peers); err != nil {
			logf("%v", err)
			return 1
		}
	} else {
		if err := publish(ctx, peers, logf); err != nil {
			logf("%v", err)
			return 1
		}
		defer removeState("")
	}
	logf("ready; press Ctrl-C to stop everything")
	<-ctx.Done()
	logf("stopping")
	return 0
}

// publish writes sandbox.json and, when this session can reach a keychain, seeds the profile right away.
// Without one (a headless box: no session bus) the app's own keyring session seeds it at start instead.
func publish(ctx context.Context, peers *Peers, logf func(string, ...any)) error {
	path, err := writeState("", peers)
	if err != nil {
		return fmt.Errorf("writing the sandbox state file: %w", err)
	}
	svc, store, kc, err := openSettings()
	if err != nil {
		return err
	}
	if err := kc.Status(ctx); err != nil {
		logf("no keychain in this session (%v).", err)
		logf("`make run` imports the %q profile into its own keyring when it starts (from %s);", SandboxProfileName, path)
		logf("start it in another terminal while this one keeps running")
		return nil
	}
	id, err := seedProfile(ctx, svc, peers)
	if err != nil {
		return err
	}
	logf("profile %q (%s) is ready in %s; its secrets are in the keychain", SandboxProfileName, id, store.Path())
	logf("now run `make run` in another terminal")
	return nil
}

// seed imports the running sandbox's profile into this session's keychain. No running sandbox is not an
// error (open.sh calls it on every headless start).
func seed(logf func(string, ...any)) int {
	st, err := readState("")
	if errors.Is(err, errNoSandbox) {
		return 0
	}
	if err != nil {
		logf("%v", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	svc, _, _, err := openSettings()
	if err != nil {
		logf("%v", err)
		return 1
	}
	id, err := seedProfile(ctx, svc, st.Peers)
	if err != nil {
		logf("%v", err)
		return 1
	}
	logf("profile %q (%s) seeded from the running sandbox (pid %d)", SandboxProfileName, id, st.PID)
	return 0
}
