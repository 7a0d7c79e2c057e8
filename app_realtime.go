package main

import (
	"siyana/backend/history"
	"siyana/backend/realtime"
	"siyana/backend/secrets"
)

// PusherPresence says which Pusher settings are missing or inconsistent and whether each check can run.
// No network call; PUSHER_SECRET is looked at as saved or not, never read into the result.
func (a *App) PusherPresence(profileID string) realtime.PresenceResult {
	p, bad := a.settings.Profile(profileID)
	if bad != nil {
		return realtime.PresenceResult{Code: bad.Code, Message: bad.Message, Reason: bad.Message, Missing: []string{}, Problems: []realtime.Problem{}}
	}
	status := a.settings.SecretStatus(a.ctx, profileID)
	return realtime.Presence(p.Pusher, status.Saved[secrets.PusherSecret])
}

// ValidatePusher sends one signed trigger with the server credentials and classifies the answer.
func (a *App) ValidatePusher(profileID string) realtime.CredentialsResult {
	return recorded(a, profileID, history.KindPusherCreds, a.run().PusherCredentials)
}

// PusherLiveTest connects like the site's browsers, triggers health-ping and waits for it to arrive.
func (a *App) PusherLiveTest(profileID string) realtime.LiveTestResult {
	return recorded(a, profileID, history.KindPusherLive, a.run().PusherLive)
}
