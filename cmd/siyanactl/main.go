// Command siyanactl runs Siyana's checks and revalidation from a terminal, a CI job or a server: the same
// backend services as the desktop app (through backend/runner), over the app's profiles and OS keychain
// or over the site's own environment variables. Pure Go, no Wails, no cgo.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"siyana/backend/i18n"
)

// Exit codes (documented in --help and README).
const (
	ExitOK       = 0 // every check passed
	ExitFailed   = 1 // a check failed (a peer down, refused, timed out)
	ExitUsage    = 2 // bad flags or arguments; production run without --yes off a terminal
	ExitConfig   = 3 // configuration or keychain: no profile, not configured, keychain locked or unavailable
	ExitDegraded = 4 // with --fail-on-degraded: every check passed, one slower than its watch threshold
)

// CodeDegraded is the envelope's code when --fail-on-degraded turned a slow pass into exit 4.
const CodeDegraded = "DEGRADED"

// globals are the flags every command takes.
type globals struct {
	profile        string
	env            bool
	envFile        string
	kind           string
	pusherInsecure bool
	lang           string
	json           bool
	failOnDegraded bool
	degradedMs     map[string]int // check name → threshold (check and watch; default backend/watch's table)
}

// exitError carries an exit code out of a command whose output is already printed.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func main() {
	// SIGTERM too: systemd and Kubernetes stop watch with it (a graceful stop, exit 0).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes one command line and returns its exit code.
func run(ctx context.Context, args []string) int {
	g := &globals{}
	root := newRoot(g)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var ee *exitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.code
	default: // cobra's own errors: unknown command or flag, bad arguments
		fmt.Fprintln(os.Stderr, "siyanactl:", err)
		return ExitUsage
	}
}

func newRoot(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "siyanactl",
		Short: "Siyana's checks and cache revalidation from a terminal or CI",
		Long: `siyanactl runs the desktop app's checks and revalidation without a window.

Credentials come from ONE source, named on the first line of every output and in --json "source":
  (default)        the desktop app's profiles and OS keychain (the same config dir and keychain service)
  --env            the process environment, with the site's own variable names (DATABASE_URL,
                   PUSHER_APP_ID, PUSHER_SECRET, REVALIDATE_SECRET, NEXT_PUBLIC_SITE_URL, ... and their aliases)
  --env-file PATH  a .env file with the same names (PUSHER_HOST is read from the environment)
No value is ever printed: every line and --json passes the secret scrubber.

Exit codes: 0 ok, 1 a check failed, 2 usage, 3 configuration or keychain,
4 with --fail-on-degraded: every check passed but one was slower than its degraded threshold.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	f := root.PersistentFlags()
	f.StringVar(&g.profile, "profile", "", "profile name or id (default: the app's selected profile, or the only one)")
	f.BoolVar(&g.env, "env", false, "take credentials from environment variables instead of the keychain")
	f.StringVar(&g.envFile, "env-file", "", "take credentials from this .env file instead of the keychain")
	f.StringVar(&g.kind, "kind", "production", "with --env/--env-file: the site's kind (production|staging|development)")
	f.BoolVar(&g.pusherInsecure, "pusher-insecure", false, "with --env/--env-file: plain ws/http to PUSHER_HOST (a self-hosted server without TLS)")
	f.StringVar(&g.lang, "lang", "", "language of the text: ar or en (default from LANG)")
	f.BoolVar(&g.json, "json", false, "print one JSON document (schema siyanactl/v1)")
	f.BoolVar(&g.failOnDegraded, "fail-on-degraded", false, "check: exit 4 when every check passed but one was slower than its degraded threshold")
	f.StringToIntVar(&g.degradedMs, "degraded-ms", nil, "check, watch: per check, the latency (ms) above which a pass is slow, e.g. database=200,site=1500 (default: the desktop app's)")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if g.env && g.envFile != "" {
			return errors.New("--env and --env-file are two sources: choose one")
		}
		if g.lang != "" && !i18n.Known(g.lang) {
			return fmt.Errorf("--lang: unknown language %q (ar, en)", g.lang)
		}
		return nil
	}
	root.AddCommand(profilesCmd(g), checkCmd(g), revalidateCmd(g), diagnosticsCmd(g), watchCmd(g))
	return root
}
