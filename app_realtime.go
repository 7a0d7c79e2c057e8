package main

import (
	"errors"

	"siyana/backend/history"
	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/realtime"
	"siyana/backend/secrets"
	"siyana/backend/settings"
)

// pusherProfile returns the profile's Pusher settings, or the code and Arabic message that stop the check
// (settings unavailable, profile gone).
func (a *App) pusherProfile(profileID string) (profile.Pusher, string, string) {
	if a.settings == nil || a.realtime == nil {
		o := a.unavailable()
		return profile.Pusher{}, o.Code, o.Message
	}
	p, err := a.profiles.Get(profileID)
	if err != nil {
		return profile.Pusher{}, settings.CodeProfileNotFound, i18n.Detail("settings", settings.CodeProfileNotFound, nil)
	}
	return p.Pusher, "", ""
}

// pusherSecret reads PUSHER_SECRET for a network check. A secret that is not saved is "" (the check then
// answers MISSING_CONFIG naming it); any other keychain failure comes back as its code and message.
func (a *App) pusherSecret(profileID string) (secret, code, message string) {
	v, err := a.settings.SecretValue(a.ctx, profileID, secrets.PusherSecret)
	switch {
	case err == nil:
		return v, "", ""
	case errors.Is(err, secrets.ErrNotFound):
		return "", "", ""
	default:
		return "", secrets.CodeOf(err), secrets.MessageOf(err)
	}
}

// PusherPresence says which Pusher settings are missing or inconsistent and whether each check can run.
// No network call; PUSHER_SECRET is looked at as saved or not, never read into the result.
func (a *App) PusherPresence(profileID string) realtime.PresenceResult {
	p, code, msg := a.pusherProfile(profileID)
	if code != "" {
		return realtime.PresenceResult{Code: code, Message: msg, Reason: msg, Missing: []string{}, Problems: []realtime.Problem{}}
	}
	status := a.settings.SecretStatus(a.ctx, profileID)
	return realtime.Presence(p, status.Saved[secrets.PusherSecret])
}

// ValidatePusher sends one signed trigger with the server credentials and classifies the answer.
func (a *App) ValidatePusher(profileID string) realtime.CredentialsResult {
	p, code, msg := a.pusherProfile(profileID)
	if code != "" {
		return realtime.CredentialsResult{Code: code, Message: msg, Missing: []string{}}
	}
	secret, code, msg := a.pusherSecret(profileID)
	if code != "" {
		return realtime.CredentialsResult{Code: code, Message: msg, Missing: []string{}}
	}
	res := a.realtime.ValidateCredentials(a.ctx, realtime.ConfigFromProfile(p, secret))
	_ = a.history.Put(profileID, history.KindPusherCreds, res)
	return scrubbed(a, res)
}

// PusherLiveTest connects like the site's browsers, triggers health-ping and waits for it to arrive.
func (a *App) PusherLiveTest(profileID string) realtime.LiveTestResult {
	p, code, msg := a.pusherProfile(profileID)
	if code != "" {
		return realtime.LiveTestResult{Code: code, Message: msg, Stage: realtime.StageConfig, Missing: []string{}}
	}
	secret, code, msg := a.pusherSecret(profileID)
	if code != "" {
		return realtime.LiveTestResult{Code: code, Message: msg, Stage: realtime.StageConfig, Missing: []string{}}
	}
	res := a.realtime.LiveTest(a.ctx, realtime.ConfigFromProfile(p, secret))
	_ = a.history.Put(profileID, history.KindPusherLive, res)
	return scrubbed(a, res)
}
