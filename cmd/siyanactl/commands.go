package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"siyana/backend/check"
	"siyana/backend/history"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/sitevars"
	"siyana/backend/watch"
)

// session is one command's opened source, printer and envelope.
type session struct {
	g   *globals
	e   *engine
	p   *printer
	env Envelope
}

// begin opens the source. A source that cannot be opened ends the command with exit 3 (printed here).
func begin(cmd *cobra.Command, g *globals, name string, rt platform.Runtime) (*session, error) {
	lang := langFrom(g.lang)
	s := &session{g: g, env: Envelope{Schema: Schema, Command: name, Results: nil}}
	s.p = &printer{out: cmd.OutOrStdout(), err: cmd.ErrOrStderr(), lang: lang,
		color: os.Getenv("NO_COLOR") == "" && isTerminal(os.Stdout)}
	e, err := open(cmd.Context(), g, rt)
	if e != nil {
		s.e, s.p.reg, s.env.Source = e, e.reg, e.source
	} else {
		s.p.reg = emptyRegistry()
		s.env.Source = sourceOf(g)
	}
	if err != nil {
		return s, s.stop(err)
	}
	if !g.json {
		s.p.say("%s", s.sourceLine())
	}
	return s, nil
}

// beginOn is begin followed by the --profile pick: the session and the profile the command runs on. The
// session is there to close even when err is not nil.
func beginOn(cmd *cobra.Command, g *globals, name string) (*session, profile.Profile, error) {
	s, err := begin(cmd, g, name, nil)
	if err != nil {
		return s, profile.Profile{}, err
	}
	p, err := s.profile(cmd.Context())
	return s, p, err
}

func sourceOf(g *globals) string {
	switch {
	case g.envFile != "":
		return SourceEnvFile
	case g.env:
		return SourceEnv
	}
	return SourceKeychain
}

func (s *session) sourceLine() string {
	switch s.env.Source {
	case SourceEnv:
		return s.p.t("ctl.source.env", nil)
	case SourceEnvFile:
		return s.p.t("ctl.source.envFile", i18n.Params{"path": s.g.envFile})
	}
	return s.p.t("ctl.source.keychain", nil)
}

// stop ends the command on a setup problem (exit 3) or passes other errors through.
func (s *session) stop(err error) error {
	se, ok := asSetup(err)
	if !ok {
		return err
	}
	s.env.Code, s.env.ExitCode, s.env.FieldErrors = se.code, ExitConfig, se.fields
	if s.g.json {
		_ = s.p.json(s.env)
	} else {
		s.p.warn("%s %s", s.p.status(false, false), s.p.t(i18n.MessageKey(s.p.lang, "settings", se.code, nil), nil))
		for _, name := range slices.Sorted(maps.Keys(se.fields)) { // which value, and what is wrong with it
			s.p.warn("  %s: %s", name, i18n.FieldText(s.p.lang, se.fields[name]))
			if k := i18n.HintKey(s.p.lang, "settings", se.fields[name].Code, nil); k != "" {
				s.p.warn("    %s", s.p.t(k, nil))
			}
		}
		if k := i18n.HintKey(s.p.lang, "settings", se.code, nil); k != "" {
			s.p.warn("  %s", s.p.t(k, nil))
		}
	}
	return &exitError{ExitConfig}
}

func (s *session) close() {
	if s.e != nil {
		s.e.close()
	}
}

// finish prints the envelope (or the items) and turns the results into the exit code.
func (s *session) finish() error {
	code, word := ExitOK, check.CodeOK
	degraded := false
	for _, it := range s.env.Results {
		degraded = degraded || it.Degraded
		if it.OK || it.Skipped {
			continue
		}
		c := ExitFailed
		if configCode(it.Code) {
			c = ExitConfig
		}
		if c > code || code == ExitOK {
			code, word = c, it.Code
		}
	}
	if code == ExitOK && len(s.env.Results) > 0 && !slices.ContainsFunc(s.env.Results, func(it Item) bool { return !it.Skipped }) {
		code, word = ExitConfig, check.CodeNotConfigured // check all with nothing configured: nothing was checked
	}
	if code == ExitOK && degraded && s.g.failOnDegraded { // a failure's code comes first
		code, word = ExitDegraded, CodeDegraded
	}
	s.env.OK, s.env.ExitCode, s.env.Code = code == ExitOK, code, word
	if s.g.json {
		if err := s.p.json(s.env); err != nil {
			return err
		}
	} else {
		for _, it := range s.env.Results {
			if it.Degraded {
				s.p.say("%s %s: %s %s", s.p.slow(), it.Check, it.Text, s.p.t("ctl.degraded", it.Params))
				continue
			}
			s.p.say("%s %s: %s", s.p.status(it.OK, it.Skipped), it.Check, it.Text)
			if !it.OK && !it.Skipped {
				if hint := hintOf(s.p.lang, it); hint != "" {
					s.p.say("  %s", hint)
				}
			}
		}
	}
	if code != ExitOK {
		return &exitError{code}
	}
	return nil
}

// configCode says whether a failure is the configuration's or the keychain's (exit 3), not the peer's.
func configCode(code string) bool {
	switch code {
	case check.CodeNotConfigured, check.CodeProfileNotFound, check.CodeStoreUnavailable, "SECRET_NOT_SAVED", "SECRET_ORIGIN_CHANGED":
		return true
	}
	return strings.HasPrefix(code, "KEYCHAIN_") || strings.HasPrefix(code, "ENV_") || strings.HasPrefix(code, "PROFILES_")
}

// area is the catalog area whose sentences a check's codes use.
var area = map[string]string{"database": "database", "atlas": "atlas", "pusher": "realtime", "live": "realtime",
	"site": "revalidate", "revalidate": "revalidate", "diagnostics": "diagnostics", "pages": "pages"}

// header is what every service result carries, read through its JSON form (the type stays the service's).
type header struct {
	OK         bool              `json:"ok"`
	Code       string            `json:"code"`
	Params     map[string]string `json:"params"`
	DurationMs float64           `json:"durationMs"`
}

func itemOf(lang, name string, res any, degradedMs map[string]int) Item {
	var h header
	if raw, err := json.Marshal(res); err == nil {
		_ = json.Unmarshal(raw, &h)
	}
	if h.Code == "" {
		h.Code = check.CodeInternal
	}
	if h.Params == nil {
		h.Params = map[string]string{}
	}
	it := Item{Check: name, OK: h.OK && h.Code == check.CodeOK, Code: h.Code, Params: h.Params,
		Text:       i18n.T(lang, i18n.MessageKey(lang, area[name], h.Code, h.Params), h.Params),
		DurationMs: h.DurationMs, Result: res}
	// Degraded: answering, but slower than the watch threshold of the check (backend/watch's table, the one
	// the desktop app's states use). One run is one sample: watch needs failuresToDown slow ones in a row.
	if spec, ok := watch.SpecOf(kindOf(name)); ok && it.OK {
		limit := spec.DegradedMs
		if ms, set := degradedMs[name]; set {
			limit = float64(ms)
		}
		if o := watch.OutcomeOf(res); o.LatencyMs > limit {
			it.Degraded = true
			it.Params["latencyMs"], it.Params["thresholdMs"] = fmt.Sprintf("%.0f", o.LatencyMs), fmt.Sprintf("%.0f", limit)
		}
	}
	return it
}

func hintOf(lang string, it Item) string {
	if k := i18n.HintKey(lang, area[it.Check], it.Code, it.Params); k != "" {
		return i18n.T(lang, k, it.Params)
	}
	return ""
}

func (s *session) profile(ctx context.Context) (profile.Profile, error) {
	p, err := s.e.pick(ctx, s.g.profile)
	if err != nil {
		return p, s.stop(err)
	}
	s.env.Profile = &ProfileRef{ID: p.ID, Name: p.Name, Kind: string(p.Kind)}
	if !s.g.json {
		s.p.say("%s", s.p.t("ctl.profile", i18n.Params{"name": p.Name, "kind": string(p.Kind)}))
	}
	return p, nil
}

func profilesCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "profiles",
		Short: "list the profiles: names, kinds and what is configured (never a value)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := begin(cmd, g, "profiles", nil)
			defer s.close()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			list := s.e.deps.Settings.ListProfiles(ctx)
			if !list.OK {
				return s.stop(&setupError{code: list.Code})
			}
			s.env.Profiles = []ProfileLine{}
			for _, p := range list.Profiles {
				r := s.e.deps.Settings.Readiness(ctx, p.ID)
				line := ProfileLine{ProfileRef: ProfileRef{ID: p.ID, Name: p.Name, Kind: string(p.Kind)},
					Selected: p.ID == list.SelectedID, Cards: map[string]Card{}}
				for _, c := range []sitevars.CardReadiness{r.Database, r.Atlas, r.Realtime, r.Revalidate, r.Pages} {
					line.Cards[string(c.Card)] = Card{Enabled: c.Enabled, Ready: c.Ready, Missing: c.Missing}
				}
				s.env.Profiles = append(s.env.Profiles, line)
			}
			s.env.OK, s.env.Code = true, check.CodeOK
			if g.json {
				return s.p.json(s.env)
			}
			if len(s.env.Profiles) == 0 {
				s.p.say("%s", s.p.t("ctl.profiles.none", nil))
			}
			for _, l := range s.env.Profiles {
				s.p.say("%s", s.p.t("ctl.profile", i18n.Params{"name": l.Name, "kind": l.Kind}))
				for _, name := range []string{"database", "atlas", "realtime", "revalidate", "pages"} {
					c := l.Cards[name]
					text := s.p.t("ctl.profiles.ready", nil)
					if !c.Ready {
						text = s.p.t("ctl.profiles.missing", i18n.Params{"names": i18n.List(c.Missing)})
					}
					s.p.say("  %s %s: %s", s.p.status(c.Ready, !c.Enabled), name, text)
				}
			}
			return nil
		},
	}
}

// checks are the check names in the order `check all` runs them, with the card whose readiness gates them
// and the history kind the desktop app and backend/watch know the check by.
var checks = []struct {
	name string
	card sitevars.Card
	kind string
}{{"database", sitevars.CardDatabase, history.KindDatabase}, {"atlas", sitevars.CardAtlas, history.KindAtlas},
	{"pusher", sitevars.CardRealtime, history.KindPusherCreds}, {"live", sitevars.CardRealtime, history.KindPusherLive},
	{"site", sitevars.CardRevalidate, history.KindSite}, {"pages", sitevars.CardPages, history.KindPages}}

// cliName is siyanactl's name of a history kind (the kind itself when it has none).
func cliName(kind string) string {
	for _, c := range checks {
		if c.kind == kind {
			return c.name
		}
	}
	return kind
}

func checkCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:       "check [database|atlas|pusher|live|site|pages|all]",
		Short:     "run the app's checks (site: the revalidate route's dry run; pages: the storefront pages; all: every configured check)",
		Args:      cobra.MatchAll(cobra.MaximumNArgs(1), cobra.OnlyValidArgs),
		ValidArgs: []string{"database", "atlas", "pusher", "live", "site", "pages", "all"},
		RunE: func(cmd *cobra.Command, args []string) error {
			which := "all"
			if len(args) == 1 {
				which = args[0]
			}
			if err := validDegraded(g.degradedMs); err != nil {
				return err
			}
			s, p, err := beginOn(cmd, g, "check")
			defer s.close()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			names, skipped := s.pickChecks(ctx, p.ID, which)
			s.env.Results = skipped
			items := make([]Item, len(names))
			var wg sync.WaitGroup
			for i, name := range names {
				wg.Add(1)
				go func() {
					items[i] = itemOf(s.p.lang, name, s.runCheck(ctx, p.ID, name), g.degradedMs)
					wg.Done()
					if name == "database" { // the only check on the database client: close it now (s.close waits)
						s.e.closeDB()
					}
				}()
			}
			wg.Wait()
			s.env.Results = append(items, s.env.Results...)
			return s.finish()
		},
	}
}

// pickChecks is which ("all" or one check name) as the checks to run and, for all, an item for each check
// whose card is not configured (skipped, naming what it misses).
func (s *session) pickChecks(ctx context.Context, id, which string) (names []string, skipped []Item) {
	ready := s.e.deps.Settings.Readiness(ctx, id)
	cards := map[sitevars.Card]sitevars.CardReadiness{sitevars.CardDatabase: ready.Database,
		sitevars.CardAtlas: ready.Atlas, sitevars.CardRealtime: ready.Realtime, sitevars.CardRevalidate: ready.Revalidate,
		sitevars.CardPages: ready.Pages}
	for _, c := range checks {
		if which == c.name {
			names = append(names, c.name)
		} else if which == "all" {
			if cr := cards[c.card]; cr.Ready {
				names = append(names, c.name)
			} else {
				skipped = append(skipped, Item{Check: c.name, Skipped: true, Code: check.CodeNotConfigured,
					Params: map[string]string{"missing": i18n.List(cr.Missing)},
					Text:   s.p.t("ctl.profiles.missing", i18n.Params{"names": i18n.List(cr.Missing)})})
			}
		}
	}
	return names, skipped
}

// kindOf is the history kind of a siyanactl check name.
func kindOf(name string) string {
	for _, c := range checks {
		if c.name == name {
			return c.kind
		}
	}
	return name
}

// runCheck is one check, exactly as the app's scheduler and facade run it (runner.Watched), scrubbed.
func (s *session) runCheck(ctx context.Context, id, name string) json.RawMessage {
	res, _ := s.e.deps.Watched(ctx, id, kindOf(name))
	return scrubAny(s.e, res)
}

// scrubAny returns the result's JSON form scrubbed with the session's registry.
func scrubAny(e *engine, v any) json.RawMessage {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return json.RawMessage(e.reg.Scrubber().JSON(raw))
}
