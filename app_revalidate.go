package main

import (
	"errors"
	"time"

	"siyana/backend/check"
	"siyana/backend/history"
	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/revalidate"
	"siyana/backend/secrets"
)

// CodeConfirmRequired: a full refresh of a production site needs the admin's explicit confirmation; the UI
// asks first and calls again with confirmed=true. It is a guard against a slip, not an authorisation.
const CodeConfirmRequired = "CONFIRM_REQUIRED"

// Wails runs every bound call on its own goroutine (desktop and dev bridge alike), so a long run here does
// not block Status, Cancel or any other card; cancellation goes through the service, keyed by profile.

// RevalidateTags revalidates the given tags on the profile's site (and its extra instances).
func (a *App) RevalidateTags(profileID string, tags []string) revalidate.Result {
	return a.revalidateRun(profileID, history.KindRevalidation, func(p profile.Profile, req revalidate.Request) revalidate.Result {
		req.Tags = tags
		return a.reval.RevalidateTags(a.ctx, req)
	})
}

// RevalidatePaths revalidates the given page paths.
func (a *App) RevalidatePaths(profileID string, paths []string) revalidate.Result {
	return a.revalidateRun(profileID, history.KindRevalidation, func(p profile.Profile, req revalidate.Request) revalidate.Result {
		req.Paths = revalidate.Paths(paths...)
		return a.reval.RevalidatePaths(a.ctx, req)
	})
}

// FullRefresh revalidates the profile's default tags then paths (the site's refreshAllCaches). On a
// production profile it answers CONFIRM_REQUIRED unless confirmed is true.
func (a *App) FullRefresh(profileID string, confirmed bool) revalidate.Result {
	return a.revalidateRun(profileID, history.KindRevalidation, func(p profile.Profile, req revalidate.Request) revalidate.Result {
		if !confirmed && p.Kind == profile.KindProduction {
			return rvRefused(revalidate.KindFull, CodeConfirmRequired, nil)
		}
		return a.reval.FullRefresh(a.ctx, req)
	})
}

// TestSiteConnection sends a dry run: checks the URL, the secret and the route; changes nothing.
func (a *App) TestSiteConnection(profileID string) revalidate.Result {
	return a.revalidateRun(profileID, history.KindSite, func(p profile.Profile, req revalidate.Request) revalidate.Result {
		return a.reval.TestConnection(a.ctx, req)
	})
}

// RetryFailedRevalidation re-runs only the items that failed in run runID.
func (a *App) RetryFailedRevalidation(profileID, runID string) revalidate.Result {
	return a.revalidateRun(profileID, history.KindRevalidation, func(p profile.Profile, req revalidate.Request) revalidate.Result {
		return a.reval.RetryFailed(a.ctx, req, runID)
	})
}

// CancelRevalidation stops the profile's running run; false when none was running.
func (a *App) CancelRevalidation(profileID string) bool {
	return a.reval != nil && a.reval.Cancel(profileID)
}

// RevalidationStatus says whether a run is going (with its last progress) and the cooldown left.
func (a *App) RevalidationStatus(profileID string) revalidate.Status {
	if a.reval == nil {
		return revalidate.Status{ProfileID: profileID, CheckedAt: time.Now()}
	}
	return a.reval.Status(profileID)
}

// RevalidationHistory returns the profile's last five runs from the operation log, newest first.
func (a *App) RevalidationHistory(profileID string) revalidate.History {
	if a.reval == nil {
		return revalidate.History{Code: check.CodeInternal, Message: a.unavailable().Message, Entries: []revalidate.LogEntry{}, CheckedAt: time.Now()}
	}
	return a.reval.Last(profileID, 5)
}

// ValidateRevalidation applies the route's rules to typed input (no network), for per-item reasons live.
func (a *App) ValidateRevalidation(tags, paths []string) revalidate.Validated {
	v := revalidate.Validate(tags, revalidate.Paths(paths...))
	if v.Invalid == nil {
		v.Invalid = []revalidate.ItemResult{}
	}
	return v
}

// revalidateRun builds the request from the profile and the keychain, runs one service call and records it.
func (a *App) revalidateRun(profileID, kind string, call func(profile.Profile, revalidate.Request) revalidate.Result) revalidate.Result {
	if a.reval == nil || a.profiles == nil {
		return rvRefused("", check.CodeInternal, nil)
	}
	p, err := a.profiles.Get(profileID)
	if err != nil {
		return rvRefused("", check.CodeNotConfigured, i18n.Params{"reason": "noProfile"})
	}
	secret, err := a.settings.SecretValue(a.ctx, profileID, secrets.RevalidateSecret)
	if err != nil && !errors.Is(err, secrets.ErrNotFound) {
		// A locked or missing keychain is not "not configured": say what to fix.
		return rvRefused("", secrets.CodeOf(err), nil)
	}
	verify := p.Revalidation.Paths
	if len(verify) == 0 {
		verify = profile.DefaultPaths
	}
	res := call(p, revalidate.Request{
		ProfileID: p.ID, Actor: p.Actor, SiteURL: p.SiteURL, InstanceURLs: p.InstanceURLs,
		Secret: secret, SecretOrigins: p.RevalidateSecretOrigins,
		Tags: p.Revalidation.Tags, Paths: revalidate.Paths(p.Revalidation.Paths...),
		Verify: p.Features.VerifyPaths, VerifyPaths: verify, CooldownSeconds: p.Revalidation.CooldownSeconds,
	})
	if res.Code != CodeConfirmRequired {
		_ = a.history.Put(profileID, kind, res)
	}
	return scrubbed(a, res)
}

// rvRefused is a result for a call that never reached the service; lists are empty, not null, for the UI.
func rvRefused(kind, code string, p i18n.Params) revalidate.Result {
	now := time.Now()
	return revalidate.Result{Code: code, Message: i18n.Detail("revalidate", code, p), Params: p, Kind: kind, Items: []revalidate.ItemResult{},
		Instances: []revalidate.InstanceResult{}, Verify: []revalidate.VerifyResult{}, StartedAt: now, CheckedAt: now}
}
