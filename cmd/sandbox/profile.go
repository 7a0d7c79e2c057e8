package main

import (
	"context"
	"fmt"

	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/settings"
)

// SandboxProfileName names the profile make sandbox creates or refreshes.
const SandboxProfileName = "Sandbox (local)"

// openSettings is the settings service over the real profiles file and the production keychain service
// (`make run` builds the production binary, which reads service "siyana").
func openSettings() (*settings.Service, *profile.Store, secrets.Store, error) {
	store, err := profile.Open("")
	if err != nil {
		return nil, nil, nil, err
	}
	kc := secrets.NewKeychain(secrets.Options{})
	return settings.New(store, kc), store, kc, nil
}

// seedProfile creates or refreshes the "Sandbox (local)" profile (kind development) pointing at the
// running peers, stores its secrets through svc and selects it. Atlas has no local equivalent and stays
// unconfigured. It returns the profile id.
func seedProfile(ctx context.Context, svc *settings.Service, p *Peers) (string, error) {
	var prof profile.Profile
	list := svc.ListProfiles(ctx)
	for _, existing := range list.Profiles {
		if existing.Name == SandboxProfileName {
			prof = existing
		}
	}
	prof.Name = SandboxProfileName
	prof.Kind = profile.KindDevelopment
	prof.DBPlan = "FerretDB (local)"
	prof.Atlas = profile.Atlas{}
	secretValues := map[string]string{}
	if p.Mongo != nil {
		secretValues[secrets.DatabaseURL] = p.Mongo.URI
	}
	if p.Pusher != nil {
		prof.Pusher = profile.Pusher{
			AppID: p.Pusher.App.ID, Key: p.Pusher.App.Key, PublicKey: p.Pusher.App.Key,
			Cluster: "local", PublicCluster: "local", Host: p.Pusher.Host, Insecure: true,
		}
		secretValues[secrets.PusherSecret] = p.Pusher.App.Secret
	}
	if p.Site != nil {
		prof.SiteURL = p.Site.URL
		prof.InstanceURLs = nil
		secretValues[secrets.RevalidateSecret] = p.Site.Secret
	}
	saved := svc.SaveProfile(ctx, prof)
	if !saved.OK {
		return "", fmt.Errorf("saving the sandbox profile: %s %s %v", saved.Code, saved.Message, saved.FieldErrors)
	}
	// A refresh also clears what this run does not provide (a peer that is not installed, Atlas keys pasted
	// in by hand): a stale value would point a card at a dead port and look like a real failure.
	for _, name := range secrets.Known {
		if _, ok := secretValues[name]; !ok {
			svc.ClearSecret(ctx, saved.Profile.ID, name)
		}
	}
	for name, value := range secretValues {
		if res := svc.SetSecret(ctx, saved.Profile.ID, name, value); !res.OK {
			return "", fmt.Errorf("storing %s in the keychain: %s %s", name, res.Code, res.Message)
		}
	}
	if res := svc.SelectProfile(ctx, saved.Profile.ID); !res.OK {
		return "", fmt.Errorf("selecting the sandbox profile: %s", res.Message)
	}
	return saved.Profile.ID, nil
}
