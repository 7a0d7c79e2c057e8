package main

import (
	"siyana/backend/atlas"
	"siyana/backend/dbhealth"
	"siyana/backend/history"
	"siyana/backend/pages"
	"siyana/backend/realtime"
)

// LastResults is the last kept result of each check a card shows after a restart; nil for a check never
// run (or whose kept JSON no longer reads). A typed struct rather than a map of raw JSON, so the generated
// TypeScript model names each result's type and the UI needs no cast.
type LastResults struct {
	Database          *dbhealth.Result            `json:"database,omitempty"`
	Atlas             *atlas.Result               `json:"atlas,omitempty"`
	PusherCredentials *realtime.CredentialsResult `json:"pusherCredentials,omitempty"`
	PusherLive        *realtime.LiveTestResult    `json:"pusherLive,omitempty"`
	Pages             *pages.Result               `json:"pages,omitempty"`
}

// LastResults returns the last stored result of each check of the profile. An unknown profile gets an
// empty LastResults.
func (a *App) LastResults(profileID string) LastResults {
	var out LastResults
	kept := func(kind string, dst any) bool {
		ok, err := a.history.Get(profileID, kind, dst)
		return ok && err == nil
	}
	if r := new(dbhealth.Result); kept(history.KindDatabase, r) {
		out.Database = r
	}
	if r := new(atlas.Result); kept(history.KindAtlas, r) {
		out.Atlas = r
	}
	if r := new(realtime.CredentialsResult); kept(history.KindPusherCreds, r) {
		out.PusherCredentials = r
	}
	if r := new(realtime.LiveTestResult); kept(history.KindPusherLive, r) {
		out.PusherLive = r
	}
	if r := new(pages.Result); kept(history.KindPages, r) {
		out.Pages = r
	}
	return out
}
