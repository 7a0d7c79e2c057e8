package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"siyana/backend/check"
	"siyana/backend/i18n"
	"siyana/backend/revalidate"
	"siyana/backend/watch"
)

// DefaultListen is where watch serves /metrics: loopback, the port registered for this exporter family's
// examples (9464). A non-loopback address needs --allow-remote.
const DefaultListen = "127.0.0.1:9464"

// shutdownBound is how long watch waits on SIGTERM for a run and a scrape in progress.
const shutdownBound = 5 * time.Second

func watchCmd(g *globals) *cobra.Command {
	var interval, testInterval time.Duration
	var listen string
	var allowRemote bool
	var failures int
	cmd := &cobra.Command{
		Use:   "watch [database|atlas|pusher|live|site|all] [--interval 30s] [--listen 127.0.0.1:9464]",
		Short: "run the checks on a schedule and serve Prometheus metrics at /metrics (loopback unless --allow-remote)",
		Long: `watch runs the profile's configured checks every --interval with the desktop app's scheduler
(backend/watch: jitter, no overlap, up/degraded/down after --failures runs in a row) and serves their
state as Prometheus metrics at http://LISTEN/metrics. It stops cleanly on SIGTERM or Ctrl-C (exit 0).

The listener is loopback by default. Metrics name the profile and the state of each check (never a
secret), but a monitoring port open to a network is a decision: an address other than 127.0.0.1, ::1 or
localhost is refused (exit 2) unless --allow-remote is given.`,
		Args:      cobra.MatchAll(cobra.MaximumNArgs(1), cobra.OnlyValidArgs),
		ValidArgs: []string{"database", "atlas", "pusher", "live", "site", "all"},
		RunE: func(cmd *cobra.Command, args []string) error {
			which := "all"
			if len(args) == 1 {
				which = args[0]
			}
			if err := listenAllowed(listen, allowRemote); err != nil {
				return err
			}
			st := watch.Defaults()
			st.Notify, st.FailuresToDown = false, failures
			for i := range st.Checks {
				st.Checks[i].IntervalSec = int(interval / time.Second)
			}
			if err := applyDegraded(&st, g.degradedMs); err != nil {
				return err
			}
			if interval%time.Second != 0 {
				return fmt.Errorf("--interval: whole seconds (%v)", interval)
			}
			if _, bad := watch.Normalize(st); bad != nil || failures == 0 { // 0 is Normalize's "not given"
				return fmt.Errorf("--interval %v / --failures %d / --degraded-ms: refused (%s): interval %d s..%d s, failures 1..%d, degraded %d..%d ms",
					interval, failures, fieldOf(bad), watch.MinIntervalSec, watch.MaxIntervalSec, watch.MaxFailuresDown, watch.MinDegradedMs, watch.MaxDegradedMs)
			}
			s, p, err := beginOn(cmd, g, "watch")
			defer s.close()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			names, skipped := s.pickChecks(ctx, p.ID, which)
			for _, it := range skipped {
				s.p.warn("%s %s: %s", s.p.status(false, true), it.Check, it.Text)
			}
			if len(names) == 0 {
				return s.stop(&setupError{code: check.CodeNotConfigured})
			}
			for i := range st.Checks {
				for _, n := range names {
					if st.Checks[i].Check == kindOf(n) {
						st.Checks[i].Enabled = true
					}
				}
			}

			m := newMetrics(s.e.reg, p.Name, s.env.Source, time.Now)
			run := func(ctx context.Context, id, kind string) watch.Outcome {
				res, ran := s.e.deps.Watched(ctx, id, kind)
				if !ran {
					return watch.Outcome{Skipped: true}
				}
				clean := scrubAny(s.e, res)
				m.certsOf(cliName(kind), clean)
				return watch.OutcomeOf(clean)
			}
			events := watch.SinkFunc(func(smp watch.Sample, ev *watch.Event) {
				if ev != nil {
					s.event(ev)
				}
			})
			cfg := watch.Config{}
			if testInterval > 0 { // tests only (hidden): below the settings' floor
				cfg.MinInterval, cfg.IntervalOverride = testInterval, testInterval
			}
			sched := watch.New(cfg, run, m, events)
			if bad := sched.Set(p.ID, st); bad != nil {
				return fmt.Errorf("watch settings refused: %v", bad)
			}

			ln, err := net.Listen("tcp", listen)
			if err != nil {
				s.p.warn("%s", s.p.t("ctl.watch.listenFailed", i18n.Params{"address": listen}))
				return &exitError{ExitConfig}
			}
			mux := http.NewServeMux()
			mux.Handle("/metrics", m.handler())
			srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
			served := make(chan error, 1)
			go func() { served <- srv.Serve(ln) }()
			s.p.warn("%s", s.p.t("ctl.watch.serving", i18n.Params{"address": "http://" + ln.Addr().String() + "/metrics",
				"checks": strings.Join(names, ", "), "interval": interval.String()}))

			sched.Start(ctx)
			revalidations := func() {
				if s.e.configDir != "" { // the operation log is the app's config dir's (keychain source)
					m.revalidations(s.e.deps.Reval.Last(p.ID, revalidate.DefaultLogMaxEntries))
				}
			}
			revalidations()
			every := interval
			if testInterval > 0 {
				every = testInterval
			}
			tick := time.NewTicker(every)
			defer tick.Stop()
			var serveErr error
		wait:
			for {
				select {
				case <-ctx.Done():
					break wait
				case serveErr = <-served:
					break wait
				case <-tick.C:
					revalidations()
				}
			}
			sched.Stop()
			sctx, cancel := context.WithTimeout(context.Background(), shutdownBound)
			_ = srv.Shutdown(sctx)
			cancel()
			if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
				s.p.warn("%s", s.p.t("ctl.watch.listenFailed", i18n.Params{"address": listen}))
				return &exitError{ExitFailed}
			}
			s.p.warn("%s", s.p.t("ctl.watch.stopped", nil))
			return nil
		},
	}
	f := cmd.Flags()
	f.DurationVar(&interval, "interval", 30*time.Second, fmt.Sprintf("time between two runs of a check (%d s to %d h)", watch.MinIntervalSec, watch.MaxIntervalSec/3600))
	f.StringVar(&listen, "listen", DefaultListen, "address of the /metrics endpoint (loopback unless --allow-remote)")
	f.BoolVar(&allowRemote, "allow-remote", false, "allow --listen on an address other than loopback (e.g. 0.0.0.0:9464 in a container)")
	f.IntVar(&failures, "failures", watch.DefaultFailuresDown, "runs in a row that make a check down (or, slow, degraded)")
	f.DurationVar(&testInterval, "test-interval", 0, "tests only: run every check this often, below the interval floor")
	_ = f.MarkHidden("test-interval")
	return cmd
}

func fieldOf(bad []watch.FieldError) string {
	if len(bad) == 0 {
		return "failuresToDown"
	}
	return bad[0].Field
}

// validDegraded refuses a --degraded-ms entry for a check that cannot be watched or outside the settings'
// limits (the one rule: watch.Normalize).
func validDegraded(m map[string]int) error {
	st := watch.Defaults()
	if err := applyDegraded(&st, m); err != nil {
		return err
	}
	if _, bad := watch.Normalize(st); bad != nil {
		return fmt.Errorf("--degraded-ms: refused (%s): %d..%d ms", bad[0].Field, watch.MinDegradedMs, watch.MaxDegradedMs)
	}
	return nil
}

// applyDegraded sets the thresholds of m (check name → ms) in st.
func applyDegraded(st *watch.Settings, m map[string]int) error {
	for name, ms := range m {
		i := slices.IndexFunc(st.Checks, func(c watch.CheckSettings) bool { return c.Check == kindOf(name) })
		if i < 0 {
			return fmt.Errorf("--degraded-ms: unknown check %q (database, atlas, pusher, live, site)", name)
		}
		st.Checks[i].DegradedMs = float64(ms)
	}
	return nil
}

// listenAllowed refuses an address watch cannot or should not listen on: not host:port, or not loopback
// without --allow-remote (an empty host is every interface).
func listenAllowed(addr string, remote bool) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return fmt.Errorf("--listen %q: want host:port, e.g. %s", addr, DefaultListen)
	}
	if remote || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--listen %q is not a loopback address: add --allow-remote to serve metrics to the network", addr)
}

// event says a state change: a line on stderr, or with --json one envelope line on stdout.
func (s *session) event(ev *watch.Event) {
	e := WatchEvent{Kind: string(ev.Kind), Check: cliName(ev.Check), From: string(ev.From), To: string(ev.To),
		At: ev.At.UTC().Format(time.RFC3339Nano), Code: ev.Code, LatencyMs: ev.LatencyMs}
	if s.g.json {
		env := s.env
		env.OK, env.Code, env.Event = ev.To != watch.StateDown, ev.Code, &e
		_ = s.p.jsonLine(env)
		return
	}
	s.p.warn("%s", s.p.t("ctl.watch.event", i18n.Params{"check": e.Check, "from": e.From, "to": e.To, "code": e.Code,
		"at": e.At}))
}
