package main

import (
	"time"

	"siyana/backend/history"
	"siyana/backend/revalidate"
)

// Wails runs every bound call on its own goroutine (desktop and dev bridge alike), so a long run here does
// not block Status, Cancel or any other card; cancellation goes through the service, keyed by profile.

// RevalidateTags revalidates the given tags on the profile's site (and its extra instances).
func (a *App) RevalidateTags(profileID string, tags []string) revalidate.Result {
	return a.revalidateRun(profileID, history.KindRevalidation, false, func(req revalidate.Request) revalidate.Result {
		req.Tags = tags
		return a.reval.RevalidateTags(a.ctx, req)
	})
}

// RevalidatePaths revalidates the given page paths.
func (a *App) RevalidatePaths(profileID string, paths []string) revalidate.Result {
	return a.revalidateRun(profileID, history.KindRevalidation, false, func(req revalidate.Request) revalidate.Result {
		req.Paths = revalidate.Paths(paths...)
		return a.reval.RevalidatePaths(a.ctx, req)
	})
}

// FullRefresh revalidates the profile's default tags then paths (the site's refreshAllCaches). On a
// production profile the service answers CONFIRM_REQUIRED unless confirmed is true.
func (a *App) FullRefresh(profileID string, confirmed bool) revalidate.Result {
	return a.revalidateRun(profileID, history.KindRevalidation, confirmed, func(req revalidate.Request) revalidate.Result {
		return a.reval.FullRefresh(a.ctx, req)
	})
}

// TestSiteConnection sends a dry run: checks the URL, the secret and the route; changes nothing.
func (a *App) TestSiteConnection(profileID string) revalidate.Result {
	return a.revalidateRun(profileID, history.KindSite, false, func(req revalidate.Request) revalidate.Result {
		return a.reval.TestConnection(a.ctx, req)
	})
}

// RetryFailedRevalidation re-runs only the items that failed in run runID.
func (a *App) RetryFailedRevalidation(profileID, runID string) revalidate.Result {
	return a.revalidateRun(profileID, history.KindRevalidation, false, func(req revalidate.Request) revalidate.Result {
		return a.reval.RetryFailed(a.ctx, req, runID)
	})
}

// CancelRevalidation stops the profile's running run; false when none was running.
func (a *App) CancelRevalidation(profileID string) bool { return a.reval.Cancel(profileID) }

// RevalidationStatus says whether a run is going (with its last progress) and the cooldown left.
func (a *App) RevalidationStatus(profileID string) revalidate.Status {
	return a.reval.Status(profileID)
}

// RevalidationHistory returns the profile's last five runs from the operation log, newest first.
func (a *App) RevalidationHistory(profileID string) revalidate.History {
	if _, bad := a.settings.Profile(profileID); bad != nil {
		return revalidate.History{Code: bad.Code, Message: bad.Message, Entries: []revalidate.LogEntry{}, CheckedAt: time.Now()}
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
func (a *App) revalidateRun(profileID, kind string, confirmed bool, call func(revalidate.Request) revalidate.Result) revalidate.Result {
	res, ran := a.run().Revalidate(a.ctx, profileID, confirmed, call)
	if !ran {
		return scrubbed(a, res)
	}
	_ = a.history.Put(profileID, kind, res)
	res = scrubbed(a, res)
	if res.Code != revalidate.CodeBusy {
		a.sampled(profileID, kind, res) // the site check (TestSiteConnection) joins the watch history
	}
	return res
}
