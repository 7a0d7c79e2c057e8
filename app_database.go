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
	res, ran := a.run().Database(a.ctx, profileID)
	if !ran {
		return res
	}
	_ = a.history.Put(profileID, history.KindDatabase, res) // a failed write only costs "last result"
	return scrubbed(a, res)
}

// CheckAtlas describes the profile's cluster through the Atlas Administration API. It is NOT_CONFIGURED,
// naming what is missing, when the profile turned the Atlas lookup off or lacks the project id, cluster
// name or key pair.
func (a *App) CheckAtlas(profileID string) atlas.Result {
	res, ran := a.run().Cluster(a.ctx, profileID)
	if !ran {
		return res
	}
	_ = a.history.Put(profileID, history.KindAtlas, res)
	return scrubbed(a, res)
}
