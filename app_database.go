package main

import (
	"errors"
	"strings"

	"siyana/backend/atlas"
	"siyana/backend/check"
	"siyana/backend/dbhealth"
	"siyana/backend/history"
	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// CheckDatabase logs in to the profile's DATABASE_URL and measures a warm round trip (plus dbStats when the
// profile's DBStats feature is on). A missing URL is the check's NOT_CONFIGURED result; the URL never
// leaves Go.
func (a *App) CheckDatabase(profileID string) dbhealth.Result {
	p, perr := a.profile(profileID)
	uri, err := a.secret(profileID, secrets.DatabaseURL)
	res := a.db.Check(a.ctx, profileID, uri, dbhealth.Options{Plan: p.DBPlan, Stats: p.Features.DBStats})
	if err != nil {
		// The keychain could not be asked: say that, not "not configured".
		res.Code, res.Message, res.Hint, res.Params = secrets.CodeOf(err), secrets.MessageOf(err), "", nil
	}
	if perr == nil {
		_ = a.history.Put(profileID, history.KindDatabase, res) // a failed write only costs "last result"
	}
	return scrubbed(a, res)
}

// CheckAtlas describes the profile's cluster through the Atlas Administration API. It is NOT_CONFIGURED,
// with what is missing in the message, when the profile turned the Atlas lookup off or lacks the project
// id, cluster name or key pair.
func (a *App) CheckAtlas(profileID string) atlas.Result {
	p, perr := a.profile(profileID)
	var cfg atlas.Config
	var err error
	if p.Features.AtlasLookup {
		pub, e1 := a.secret(profileID, secrets.AtlasPublicKey)
		priv, e2 := a.secret(profileID, secrets.AtlasPrivateKey)
		cfg = atlas.Config{GroupID: p.Atlas.GroupID, ClusterName: p.Atlas.ClusterName, PublicKey: pub, PrivateKey: priv}
		err = errors.Join(e1, e2)
	}
	res := a.atlas.CheckCluster(a.ctx, cfg, atlas.Options{}) // an empty config answers without a request
	switch {
	case perr == nil && !p.Features.AtlasLookup:
		res.Params = i18n.Params{"reason": "lookupOff"}
		res.Message, res.Hint = i18n.Detail("atlas", res.Code, res.Params), i18n.DetailHint("atlas", res.Code, res.Params)
	case err != nil:
		res.Code, res.Message, res.Hint, res.Params = secrets.CodeOf(err), secrets.MessageOf(err), "", nil
	case res.Code == check.CodeNotConfigured:
		res.Params = i18n.Params{"reason": "missing", "list": i18n.List(atlasMissing(cfg))}
		res.Message = i18n.Detail("atlas", res.Code, res.Params)
	}
	if perr == nil {
		_ = a.history.Put(profileID, history.KindAtlas, res)
	}
	return scrubbed(a, res)
}

// atlasMissing names what the lookup lacks by the .env names the admin knows.
func atlasMissing(cfg atlas.Config) []string {
	var m []string
	for _, f := range []struct{ name, value string }{
		{"ATLAS_GROUP_ID", cfg.GroupID},
		{"ATLAS_CLUSTER_NAME", cfg.ClusterName},
		{secrets.AtlasPublicKey, cfg.PublicKey},
		{secrets.AtlasPrivateKey, cfg.PrivateKey},
	} {
		if strings.TrimSpace(f.value) == "" {
			m = append(m, f.name)
		}
	}
	return m
}

// profile returns the profile, or the zero profile (so checks answer NOT_CONFIGURED) when the store is
// unavailable or the profile is gone.
func (a *App) profile(id string) (profile.Profile, error) {
	if a.profiles == nil {
		return profile.Profile{}, a.initErr
	}
	return a.profiles.Get(id)
}

// secret reads one secret for a check. Not saved is "" without error (the check says NOT_CONFIGURED);
// any other keychain failure is returned so the card can say the keychain is the problem.
func (a *App) secret(profileID, name string) (string, error) {
	if a.settings == nil {
		return "", nil
	}
	v, err := a.settings.SecretValue(a.ctx, profileID, name)
	if errors.Is(err, secrets.ErrNotFound) {
		return "", nil
	}
	return v, err
}
