package main

import (
	"siyana/backend/atlas"
	"siyana/backend/dbhealth"
	"siyana/backend/history"
)

// CheckDatabase logs in to the profile's DATABASE_URL and measures a warm round trip (plus dbStats when the
// profile's DBStats feature is on). A missing URL is the check's NOT_CONFIGURED result; the URL never
// leaves Go.
func (a *App) CheckDatabase(profileID string) dbhealth.Result {
	return recorded(a, profileID, history.KindDatabase, a.run().Database)
}

// CheckAtlas describes the profile's cluster through the Atlas Administration API. It is NOT_CONFIGURED,
// naming what is missing, when the profile turned the Atlas lookup off or lacks the project id, cluster
// name or key pair.
func (a *App) CheckAtlas(profileID string) atlas.Result {
	return recorded(a, profileID, history.KindAtlas, a.run().Cluster)
}
