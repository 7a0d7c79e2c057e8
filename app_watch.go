package main

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"time"

	"siyana/backend/atomicfile"
	"siyana/backend/check"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/samples"
	"siyana/backend/settings"
	"siyana/backend/watch"
	"siyana/internal/desktop"

	_ "modernc.org/sqlite" // the watch history's driver (backend/samples opens "sqlite" but does not register it)
)

// watchConfig tunes the scheduler the app builds; tests shorten its intervals.
var watchConfig watch.Config

// WatchCheck is one row of the watchable checks, for the settings form.
type WatchCheck struct {
	Check             string  `json:"check"`
	Label             string  `json:"label"` // catalog key of its name
	SuggestedSec      int     `json:"suggestedSec"`
	DefaultDegradedMs float64 `json:"defaultDegradedMs"`
}

// WatchSettingsResult is the answer of WatchSettings and SetWatch.
type WatchSettingsResult struct {
	OK             bool                       `json:"ok"`
	Code           string                     `json:"code"`    // OK, INVALID_INPUT, WATCH_NOT_SAVED, PROFILE_NOT_FOUND, STORE_UNAVAILABLE
	Message        string                     `json:"message"` // English detail for logs
	Params         map[string]string          `json:"params"`
	FieldErrors    map[string]i18n.FieldError `json:"fieldErrors"` // "checks.database.intervalSec" → field.<code>
	Settings       watch.Settings             `json:"settings"`    // as in force after the call
	Checks         []WatchCheck               `json:"checks"`
	MinIntervalSec int                        `json:"minIntervalSec"`
	MaxIntervalSec int                        `json:"maxIntervalSec"`
	MaxFailures    int                        `json:"maxFailures"`
	// Warning: watch.json or the history database could not be used at start (moved aside).
	Warning        *watch.Warning   `json:"warning,omitempty"`
	HistoryWarning *samples.Warning `json:"historyWarning,omitempty"`
}

// CardHistoryResult is what a card shows of a check's watch: state, uptimes, sparkline, incidents.
type CardHistoryResult struct {
	OK          bool              `json:"ok"`
	Code        string            `json:"code"` // OK, WATCH_UNKNOWN_CHECK, HISTORY_*, PROFILE_NOT_FOUND, STORE_UNAVAILABLE
	Message     string            `json:"message"`
	Params      map[string]string `json:"params"`
	Check       string            `json:"check"`
	State       watch.State       `json:"state" ts_type:"'unknown' | 'up' | 'degraded' | 'down'"`
	Watched     bool              `json:"watched"`
	IntervalSec int               `json:"intervalSec"`
	DegradedMs  float64           `json:"degradedMs"`
	History     samples.Card      `json:"history"`
	CheckedAt   time.Time         `json:"checkedAt" ts_type:"string"`
}

// CheckHistoryResult is a check's history over a range, for the zoomable chart.
type CheckHistoryResult struct {
	OK      bool              `json:"ok"`
	Code    string            `json:"code"` // OK, HISTORY_INVALID_RANGE, WATCH_UNKNOWN_CHECK, HISTORY_*, PROFILE_NOT_FOUND, STORE_UNAVAILABLE
	Message string            `json:"message"`
	Params  map[string]string `json:"params"`
	Check   string            `json:"check"`
	Series  samples.Series    `json:"series"`
}

// ExportHistoryResult is the answer of ExportHistory.
type ExportHistoryResult struct {
	OK      bool              `json:"ok"`
	Code    string            `json:"code"` // OK, CANCELED, DIALOG_FAILED, WRITE_FAILED, HISTORY_INVALID_FORMAT, WATCH_UNKNOWN_CHECK, HISTORY_*
	Message string            `json:"message"`
	Params  map[string]string `json:"params"`
	Path    string            `json:"path"`
	Rows    int               `json:"rows"`
}

// WatchSettings returns how the profile's checks are watched (defaults: nothing watched).
func (a *App) WatchSettings(profileID string) WatchSettingsResult {
	res := a.watchSettingsResult(check.CodeOK, a.w().watch.Settings(profileID))
	if _, bad := a.settings.Profile(profileID); bad != nil {
		res.OK, res.Code, res.Message, res.Params = false, bad.Code, bad.Message, bad.Params
	}
	return res
}

// SetWatch replaces how the profile's checks are watched; refused settings change nothing.
func (a *App) SetWatch(profileID string, s watch.Settings) WatchSettingsResult {
	if _, bad := a.settings.Profile(profileID); bad != nil {
		res := a.watchSettingsResult(bad.Code, a.w().watch.Settings(profileID))
		res.Message, res.Params = bad.Message, bad.Params
		return res
	}
	if bad := a.w().watch.Set(profileID, s); bad != nil {
		res := a.watchSettingsResult(settings.CodeInvalidInput, a.w().watch.Settings(profileID))
		for _, f := range bad {
			res.FieldErrors[f.Field] = i18n.FieldError{Code: f.Code}
		}
		return res
	}
	st := a.w().watch.Settings(profileID)
	if err := a.w().watchFile.Put(profileID, st); err != nil {
		a.log.Error("watch settings not saved", "err", err)
		return a.watchSettingsResult(watch.CodeNotSaved, st)
	}
	a.log.Info("watch settings saved", "profile", profileID, "watching", st.Watching())
	return a.watchSettingsResult(check.CodeOK, st)
}

// CardHistory returns the card's view of a check's watch: current state, uptime over 24 h / 7 d / 30 d, the
// last 24 h as a sparkline and the latest incidents.
func (a *App) CardHistory(profileID, checkKind string) CardHistoryResult {
	res := CardHistoryResult{Check: checkKind, State: watch.StateUnknown, History: samples.Card{Sparkline: []samples.Point{}, Incidents: []samples.Incident{}}}
	res.CheckedAt = time.Now() // the moment this view was read (a deferred assignment would not reach the copy returned)
	if code, p := a.watchTarget(profileID, checkKind); code != check.CodeOK {
		return sayWatch(res, code, p)
	}
	cs := a.w().watch.Settings(profileID).For(checkKind)
	res.State, res.Watched, res.IntervalSec, res.DegradedMs = a.w().watch.State(profileID, checkKind), cs.Enabled, cs.IntervalSec, cs.DegradedMs
	card, err := a.w().samples.Card(a.ctx, profileID, checkKind)
	if err != nil {
		return sayWatch(res, a.historyCode(err), nil)
	}
	res.History = card
	return sayWatch(res, check.CodeOK, nil)
}

// CheckHistory returns a check's history between from and to (RFC 3339): raw samples for a short recent
// range, else buckets (at most samples.MaxSeriesPoints points), with the incidents in it.
func (a *App) CheckHistory(profileID, checkKind, from, to string) CheckHistoryResult {
	res := CheckHistoryResult{Check: checkKind, Series: samples.Series{Points: []samples.Point{}, Incidents: []samples.Incident{}}}
	if code, p := a.watchTarget(profileID, checkKind); code != check.CodeOK {
		return sayWatch(res, code, p)
	}
	f, errF := time.Parse(time.RFC3339, from)
	t, errT := time.Parse(time.RFC3339, to)
	if errF != nil || errT != nil || !t.After(f) || t.Sub(f) > samples.AggregateRetention+24*time.Hour {
		return sayWatch(res, samples.CodeInvalidRange, nil)
	}
	series, err := a.w().samples.Range(a.ctx, profileID, checkKind, f, t)
	if err != nil {
		return sayWatch(res, a.historyCode(err), nil)
	}
	res.Series = series
	return sayWatch(res, check.CodeOK, nil)
}

// ExportHistory writes everything kept of a check (format "csv" or "json") where the save dialog says.
func (a *App) ExportHistory(profileID, checkKind, format string) ExportHistoryResult {
	var res ExportHistoryResult
	if code, p := a.watchTarget(profileID, checkKind); code != check.CodeOK {
		return sayWatch(res, code, p)
	}
	if !samples.ValidFormat(format) {
		return sayWatch(res, samples.CodeInvalidFormat, nil)
	}
	e, err := a.w().samples.Export(a.ctx, profileID, checkKind)
	if err != nil {
		return sayWatch(res, a.historyCode(err), nil)
	}
	var body bytes.Buffer
	if err := samples.Write(&body, e, format); err != nil {
		return sayWatch(res, check.CodeInternal, nil)
	}
	path, err := a.rt.SaveFile(a.ctx, a.word("watch.exportTitle"), "siyana-"+checkKind+"-history."+format,
		[]platform.FileFilter{{DisplayName: format, Pattern: "*." + format}})
	switch {
	case err != nil:
		return sayWatch(res, CodeDiagDialog, nil)
	case path == "":
		return sayWatch(res, check.CodeCanceled, nil)
	}
	if err := atomicfile.WriteFile(path, body.Bytes()); err != nil {
		a.log.Error("history not exported", "err", err)
		return sayWatch(res, CodeDiagWrite, nil)
	}
	res.Path, res.Rows = path, len(e.Rows)
	return sayWatch(res, check.CodeOK, map[string]string{"rows": strconv.Itoa(len(e.Rows))})
}

// watchingAnything says whether any check of any profile is watched: the window then hides on close.
func (a *App) watchingAnything() bool { return a.w().watch.Active() }

func (a *App) watchSettingsResult(code string, s watch.Settings) WatchSettingsResult {
	res := WatchSettingsResult{OK: code == check.CodeOK, Code: code, Params: map[string]string{}, FieldErrors: map[string]i18n.FieldError{},
		Settings: s, MinIntervalSec: watch.MinIntervalSec, MaxIntervalSec: watch.MaxIntervalSec, MaxFailures: watch.MaxFailuresDown,
		Warning: a.w().watchFile.Warning(), HistoryWarning: a.w().samples.Warning()}
	for _, c := range watch.Checks {
		res.Checks = append(res.Checks, WatchCheck{Check: c.Check, Label: c.Label, SuggestedSec: int(c.Suggested / time.Second), DefaultDegradedMs: c.DegradedMs})
	}
	res.Message = i18n.Detail("watch", code, res.Params)
	return res
}

// watchTarget says whether profileID exists and checkKind can be watched.
func (a *App) watchTarget(profileID, checkKind string) (string, map[string]string) {
	if _, bad := a.settings.Profile(profileID); bad != nil {
		return bad.Code, bad.Params
	}
	if _, ok := watch.SpecOf(checkKind); !ok {
		return watch.CodeUnknownCheck, nil
	}
	return check.CodeOK, nil
}

func (a *App) historyCode(err error) string {
	a.log.Error("history query failed", "err", err)
	if a.w().samples.Warning() != nil && a.w().samples.Warning().Code == samples.CodeUnavailable {
		return samples.CodeUnavailable
	}
	return samples.CodeQueryFailed
}

// sayWatch fills ok, code, params and the English detail of one of the watch results.
func sayWatch[T CardHistoryResult | CheckHistoryResult | ExportHistoryResult](res T, code string, p map[string]string) T {
	if p == nil {
		p = map[string]string{}
	}
	msg := i18n.Detail("watch", code, p)
	switch r := any(&res).(type) {
	case *CardHistoryResult:
		r.OK, r.Code, r.Params, r.Message = code == check.CodeOK, code, p, msg
	case *CheckHistoryResult:
		r.OK, r.Code, r.Params, r.Message = code == check.CodeOK, code, p, msg
	case *ExportHistoryResult:
		r.OK, r.Code, r.Params, r.Message = code == check.CodeOK, code, p, msg
	}
	return res
}

// watchParts are the watch side of the app, set once by openWatch.
type watchParts struct {
	watch     *watch.Scheduler
	watchFile *watch.File
	samples   *samples.Store
}

// w returns the watch side, waiting until openWatch has built it (a few ms after start; a method called
// sooner, or shutdown, waits for it rather than finding nothing).
func (a *App) w() *watchParts {
	<-a.watchReady
	return &a.wp
}

// openWatch builds the history database, the settings file and the scheduler (init runs it in its own
// goroutine), and starts watching what watch.json says; then w() answers.
func (a *App) openWatch(ctx context.Context) {
	defer close(a.watchReady)
	var p watchParts
	p.samples = samples.Open(a.inConfigDir(samples.FileName), nil)
	p.samples.OnError = func(err error) { a.log.Error("watch sample not stored", "err", err) }
	if w := p.samples.Warning(); w != nil {
		a.log.Warn("watch history", "code", w.Code, "movedTo", w.MovedTo, "detail", w.Detail)
	}
	p.watchFile = watch.OpenFile(a.inConfigDir(watch.FileName), time.Now)
	if w := p.watchFile.Warning(); w != nil {
		a.log.Warn("watch settings", "code", w.Code, "movedTo", w.MovedTo, "detail", w.Detail)
	}
	cfg := watchConfig
	if iv := desktop.TestWatchInterval(); iv > 0 { // dev builds only: tests/binary sees down and recovery in seconds
		cfg.MinInterval, cfg.IntervalOverride = iv, iv
	}
	cfg.Restore = p.samples.OpenIncident
	p.watch = watch.New(cfg, a.watchRun, p.samples, watch.SinkFunc(a.watchNotify))
	for id, st := range p.watchFile.All() {
		if _, bad := a.settings.Profile(id); bad == nil { // a profile deleted while its settings stayed is not watched
			p.watch.Set(id, st)
		}
	}
	a.wp = p
	p.watch.Start(ctx)
}

// closeWatch stops the scheduler (runs in progress are canceled) and closes the history (shutdown).
func (a *App) closeWatch() {
	a.w().watch.Stop()
	_ = a.w().samples.Close()
}

// watchRun is the scheduler's RunFunc: the same runner call as the card's button (runner.Watched), kept in
// history like it, scrubbed. A stop reason (profile gone, keychain refused) is no sample.
func (a *App) watchRun(ctx context.Context, profileID, checkKind string) watch.Outcome {
	res, ran := a.run().Watched(ctx, profileID, checkKind)
	if !ran {
		return watch.Outcome{Skipped: true}
	}
	_ = a.history.Put(profileID, checkKind, res)
	return watch.OutcomeOf(scrubbed(a, res))
}

// watchNotify is the scheduler's notification sink: a native notification per state change the admin
// cares about (down, recovered, degraded), in the admin's language, when the profile's switch is on and
// the runtime can show one.
func (a *App) watchNotify(_ watch.Sample, ev *watch.Event) {
	if ev == nil || ev.Kind == watch.EventRestored || !a.w().watch.Settings(ev.ProfileID).Notify {
		return
	}
	n, ok := a.rt.(platform.Notifier)
	if !ok {
		return
	}
	p, bad := a.settings.Profile(ev.ProfileID)
	if bad != nil {
		return
	}
	note := watchNotification(a.lang.Language(), p.Name, ev, a.w().watch.Settings(ev.ProfileID))
	if err := n.Notify(a.ctx, note); err != nil {
		a.log.Error("notification not shown", "err", err)
	}
}

// watchNotification is the notification of ev in lang: title and body from the catalog (watch.notify.*).
func watchNotification(lang, profileName string, ev *watch.Event, st watch.Settings) platform.Notification {
	spec, _ := watch.SpecOf(ev.Check)
	// The profile's name may be Latin inside an Arabic sentence: an isolate keeps the bidi order.
	p := i18n.Params{"profile": "\u2068" + profileName + "\u2069", "check": i18n.T(lang, spec.Label, nil), "code": ev.Code,
		"codeLabel": i18n.T(lang, "code."+ev.Code+".label", nil), "n": strconv.Itoa(st.FailuresToDown),
		"latency": fmt.Sprintf("%.0f ms", ev.LatencyMs), "threshold": fmt.Sprintf("%.0f ms", st.For(ev.Check).DegradedMs)}
	var title, body string
	switch ev.Kind {
	case watch.EventDown:
		title, body = "watch.notify.downTitle", "watch.notify.downBody"
	case watch.EventDegraded:
		title, body = "watch.notify.degradedTitle", "watch.notify.degradedBody"
	default:
		title = "watch.notify.recoveredTitle"
		body, p["n"] = durationKey(ev.DownFor)
	}
	return platform.Notification{ID: "watch:" + ev.ProfileID + ":" + ev.Check, Title: i18n.T(lang, title, p), Body: i18n.T(lang, body, p)}
}

// durationKey is the recovery sentence for a down time of d and its count: seconds, minutes or hours.
func durationKey(d time.Duration) (string, string) {
	switch {
	case d < time.Minute:
		return "watch.notify.recoveredSeconds", strconv.Itoa(int(d.Round(time.Second) / time.Second))
	case d < time.Hour:
		return "watch.notify.recoveredMinutes", strconv.Itoa(int(d / time.Minute))
	default:
		return "watch.notify.recoveredHours", strconv.Itoa(int(d / time.Hour))
	}
}

// forgetWatch stops watching a deleted profile and drops its settings and history.
func (a *App) forgetWatch(profileID string) {
	a.w().watch.Forget(profileID)
	_ = a.w().watchFile.Forget(profileID)
	if err := a.w().samples.Forget(a.ctx, profileID); err != nil {
		a.log.Error("history not forgotten", "err", err)
	}
}
