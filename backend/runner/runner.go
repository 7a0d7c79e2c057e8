// Package runner is the glue both front ends share (the desktop facade in package main and cmd/siyanactl):
// "profile + secrets → one service call". It reads the profile and the secrets a check needs through
// settings.Service, turns a stop reason (profile not found, store unavailable, keychain refused) into the
// check's own result type, and calls the service. It records nothing and scrubs nothing: the caller keeps
// history and passes results through its redactor (both read secrets through redact.Recording).
package runner

import (
	"context"
	"errors"
	"time"

	"siyana/backend/atlas"
	"siyana/backend/buildinfo"
	"siyana/backend/check"
	"siyana/backend/dbhealth"
	"siyana/backend/diagnostics"
	"siyana/backend/history"
	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/realtime"
	"siyana/backend/redact"
	"siyana/backend/revalidate"
	"siyana/backend/samples"
	"siyana/backend/secrets"
	"siyana/backend/settings"
	"siyana/backend/sitevars"
	"siyana/backend/watch"
)

// Deps are the services a front end built once; every field is required but Samples.
type Deps struct {
	Settings *settings.Service
	DB       *dbhealth.Service
	Atlas    *atlas.Client
	Realtime *realtime.Service
	Reval    *revalidate.Service
	Redact   *redact.Registry
	Samples  *samples.Store // the watch history, summarised in diagnostics; nil: none
}

// Inputs is what a check of the profile starts from: the profile and the named secrets ("" when not saved,
// so the check says NOT_CONFIGURED). bad is the one reason that stops it: the profile is not found, the
// store is unavailable, or the keychain could not be asked (which is not "not configured": it says what to
// fix). Secrets are read only for a profile that exists.
func (d Deps) Inputs(ctx context.Context, profileID string, names ...string) (profile.Profile, map[string]string, *settings.Outcome) {
	vals := map[string]string{}
	p, bad := d.Settings.Profile(profileID)
	if bad != nil {
		return profile.Profile{}, vals, bad
	}
	for _, name := range names {
		v, err := d.Settings.SecretValue(ctx, profileID, name)
		if err != nil && !errors.Is(err, secrets.ErrNotFound) {
			o := settings.Explain(err)
			return p, map[string]string{}, &o
		}
		vals[name] = v
	}
	return p, vals, nil
}

// Database logs in to the profile's DATABASE_URL and measures a warm round trip. ran is false when a stop
// reason replaced the result (nothing to record).
func (d Deps) Database(ctx context.Context, profileID string) (res dbhealth.Result, ran bool) {
	p, vals, bad := d.Inputs(ctx, profileID, secrets.DatabaseURL)
	// Without a profile the check runs on an empty URL: it answers at once, without a connection, and the
	// stop reason replaces its code.
	res = d.DB.Check(ctx, profileID, vals[secrets.DatabaseURL], dbhealth.Options{Plan: p.DBPlan, Stats: p.Features.DBStats})
	if bad != nil {
		res.OK, res.Code, res.Message, res.Hint, res.Params = false, bad.Code, bad.Message, "", bad.Params
		return res, false
	}
	return res, true
}

// Cluster describes the profile's cluster through the Atlas Administration API (NOT_CONFIGURED, naming what
// is missing, when the lookup is off or an input lacks).
func (d Deps) Cluster(ctx context.Context, profileID string) (res atlas.Result, ran bool) {
	p, vals, bad := d.Inputs(ctx, profileID, secrets.AtlasPublicKey, secrets.AtlasPrivateKey)
	saved := map[string]bool{}
	for name, v := range vals {
		saved[name] = v != ""
	}
	res = d.Atlas.CheckCluster(ctx, atlas.Config{GroupID: p.Atlas.GroupID, ClusterName: p.Atlas.ClusterName,
		PublicKey: vals[secrets.AtlasPublicKey], PrivateKey: vals[secrets.AtlasPrivateKey],
		Disabled: !p.Features.AtlasLookup, Missing: sitevars.Missing(sitevars.CardAtlas, p, saved)}, atlas.Options{})
	if bad != nil {
		res.OK, res.Code, res.Message, res.Hint, res.Params = false, bad.Code, bad.Message, "", bad.Params
		return res, false
	}
	return res, true
}

// PusherCredentials sends one signed trigger with the server credentials and classifies the answer.
func (d Deps) PusherCredentials(ctx context.Context, profileID string) (realtime.CredentialsResult, bool) {
	p, vals, bad := d.Inputs(ctx, profileID, secrets.PusherSecret)
	if bad != nil {
		return realtime.CredentialsResult{Code: bad.Code, Message: bad.Message, Missing: []string{}}, false
	}
	return d.Realtime.ValidateCredentials(ctx, realtime.ConfigFromProfile(p.Pusher, vals[secrets.PusherSecret])), true
}

// PusherLive connects like the site's browsers, triggers health-ping and waits for it to arrive.
func (d Deps) PusherLive(ctx context.Context, profileID string) (realtime.LiveTestResult, bool) {
	p, vals, bad := d.Inputs(ctx, profileID, secrets.PusherSecret)
	if bad != nil {
		return realtime.LiveTestResult{Code: bad.Code, Message: bad.Message, Stage: realtime.StageConfig, Missing: []string{}}, false
	}
	return d.Realtime.LiveTest(ctx, realtime.ConfigFromProfile(p.Pusher, vals[secrets.PusherSecret])), true
}

// Revalidate builds the request from the profile and the keychain and runs one revalidate service call.
// ran is false when nothing was asked of the site (a stop reason or CONFIRM_REQUIRED): nothing to record.
func (d Deps) Revalidate(ctx context.Context, profileID string, confirmed bool, call func(revalidate.Request) revalidate.Result) (revalidate.Result, bool) {
	p, vals, bad := d.Inputs(ctx, profileID, secrets.RevalidateSecret)
	if bad != nil {
		return d.Reval.Refused("", bad.Code, bad.Params), false
	}
	res := call(revalidate.RequestFor(p, vals[secrets.RevalidateSecret], confirmed))
	return res, res.Code != revalidate.CodeConfirmRequired
}

// Bundle is a built diagnostics bundle (or why none was built: OK false, Code and Params say why).
type Bundle struct {
	OK         bool
	Code       string
	Message    string
	Params     i18n.Params
	Body       []byte // diagnostics.json exactly as it may be shared (scrubbed)
	Redactions []diagnostics.Redaction
}

// Diagnostics builds diagnostics.json for the profile. It fails closed: the profile's secrets are read
// first (which teaches the redactor every one of them), and when the keychain cannot give them nothing is
// built. hist may be nil (no recorded checks); webview is the front end's web view version ("" unknown).
func (d Deps) Diagnostics(ctx context.Context, profileID string, hist *history.Store, webview string) Bundle {
	p, bad := d.Settings.Profile(profileID)
	if bad != nil {
		return Bundle{Code: bad.Code, Message: bad.Message, Params: bad.Params, Redactions: []diagnostics.Redaction{}}
	}
	ctx, cancel := check.Bound(ctx, 0)
	defer cancel()
	if err := d.Settings.ReadSecrets(ctx, profileID); err != nil {
		return Bundle{Code: secrets.CodeOf(err), Params: i18n.Params{"reason": "secretsUnreadable"}, Redactions: []diagnostics.Redaction{}}
	}
	st := d.Settings.SecretStatus(ctx, profileID)
	kc := diagnostics.Keychain{OK: st.OK, Code: st.Code, Source: st.Source}
	if !st.OK {
		kc.Message = st.Message
	}
	var checks map[string]history.Entry
	if hist != nil {
		checks = hist.All(profileID)
	}
	runs, next := d.Reval.Last(profileID, diagnostics.MaxRuns).Entries, d.Reval.LastNextVersion(profileID)
	var watched []samples.CheckSummary
	if d.Samples != nil {
		kinds := make([]string, 0, len(watch.Checks))
		for _, c := range watch.Checks {
			kinds = append(kinds, c.Check)
		}
		watched, _ = d.Samples.Summary(ctx, profileID, kinds) // a failed read only costs the summary
	}
	b := diagnostics.Build(diagnostics.Input{
		Now:   time.Now(),
		Build: buildinfo.Get(),
		Wails: diagnostics.ModuleVersion("github.com/wailsapp/wails/v2"), Webview: webview,
		Profile: p, Saved: st.Saved, Keychain: kc,
		Checks: checks, Runs: runs, NextVersion: next, Watch: watched,
		Scrubber: d.Redact.Scrubber(),
	})
	body, err := diagnostics.Encode(b)
	if err != nil {
		return Bundle{Code: check.CodeInternal, Redactions: []diagnostics.Redaction{}}
	}
	return Bundle{OK: true, Code: check.CodeOK, Params: i18n.Params{"reason": "ready"}, Body: body, Redactions: b.Redactions}
}

// Watched runs the check of kind (a watch.Checks row) for the scheduler of either front end and returns
// its result as the check's own type; ran is false when nothing was asked of the site (a stop reason, or
// the site check found a revalidation of the admin's going: BUSY). A kind without a row is not run. The
// caller records and scrubs, as for the buttons. A check added to watch.Checks adds its case here.
func (d Deps) Watched(ctx context.Context, profileID, kind string) (result any, ran bool) {
	switch kind {
	case history.KindDatabase:
		return d.Database(ctx, profileID)
	case history.KindAtlas:
		return d.Cluster(ctx, profileID)
	case history.KindPusherCreds:
		return d.PusherCredentials(ctx, profileID)
	case history.KindPusherLive:
		return d.PusherLive(ctx, profileID)
	case history.KindSite:
		res, ran := d.Revalidate(ctx, profileID, false, func(req revalidate.Request) revalidate.Result { return d.Reval.TestConnection(ctx, req) })
		return res, ran && res.Code != revalidate.CodeBusy
	}
	return nil, false
}
