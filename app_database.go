package main

import (
	"errors"

	"siyana/backend/atlas"
	"siyana/backend/dbhealth"
	"siyana/backend/history"
	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/settings"
	"siyana/backend/sitevars"
)

// CheckDatabase logs in to the profile's DATABASE_URL and measures a warm round trip (plus dbStats when the
// profile's DBStats feature is on). A missing URL is the check's NOT_CONFIGURED result; the URL never
// leaves Go.
func (a *App) CheckDatabase(profileID string) dbhealth.Result {
	p, vals, bad := a.inputs(profileID, secrets.DatabaseURL)
	// Without a profile the check runs on an empty URL: it answers at once, without a connection, and the
	// stop reason replaces its code.
	res := a.db.Check(a.ctx, profileID, vals[secrets.DatabaseURL], dbhealth.Options{Plan: p.DBPlan, Stats: p.Features.DBStats})
	if bad != nil {
		res.OK, res.Code, res.Message, res.Hint, res.Params = false, bad.Code, bad.Message, "", bad.Params
		return res
	}
	_ = a.history.Put(profileID, history.KindDatabase, res) // a failed write only costs "last result"
	return scrubbed(a, res)
}

// CheckAtlas describes the profile's cluster through the Atlas Administration API. It is NOT_CONFIGURED,
// naming what is missing, when the profile turned the Atlas lookup off or lacks the project id, cluster
// name or key pair.
func (a *App) CheckAtlas(profileID string) atlas.Result {
	p, vals, bad := a.inputs(profileID, secrets.AtlasPublicKey, secrets.AtlasPrivateKey)
	saved := map[string]bool{}
	for name, v := range vals {
		saved[name] = v != ""
	}
	res := a.atlas.CheckCluster(a.ctx, atlas.Config{GroupID: p.Atlas.GroupID, ClusterName: p.Atlas.ClusterName,
		PublicKey: vals[secrets.AtlasPublicKey], PrivateKey: vals[secrets.AtlasPrivateKey],
		Disabled: !p.Features.AtlasLookup, Missing: sitevars.Missing(sitevars.CardAtlas, p, saved)}, atlas.Options{})
	if bad != nil {
		res.OK, res.Code, res.Message, res.Hint, res.Params = false, bad.Code, bad.Message, "", bad.Params
		return res
	}
	_ = a.history.Put(profileID, history.KindAtlas, res)
	return scrubbed(a, res)
}

// inputs is what a check of the profile starts from: the profile and the named secrets ("" when not saved,
// so the check says NOT_CONFIGURED). bad is the one reason that stops it: the profile is not found, the
// store is unavailable, or the keychain could not be asked (which is not "not configured": it says what to
// fix). Secrets are read only for a profile that exists.
func (a *App) inputs(profileID string, names ...string) (profile.Profile, map[string]string, *settings.Outcome) {
	vals := map[string]string{}
	p, bad := a.settings.Profile(profileID)
	if bad != nil {
		return profile.Profile{}, vals, bad
	}
	for _, name := range names {
		v, err := a.settings.SecretValue(a.ctx, profileID, name)
		if err != nil && !errors.Is(err, secrets.ErrNotFound) {
			o := settings.Explain(err)
			return p, map[string]string{}, &o
		}
		vals[name] = v
	}
	return p, vals, nil
}
