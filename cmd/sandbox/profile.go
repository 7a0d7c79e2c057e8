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

// seedProfile creates or refreshes the "Sandbox (local)" profile (kind development) pointing at the
// running peers, with its secrets in the keychain the app uses. Atlas has no local equivalent and stays
// unconfigured.
func seedProfile(ctx context.Context, p *Peers, logf func(string, ...any)) error {
	store, err := profile.Open("")
	if err != nil {
		return err
	}
	svc := settings.New(store, secrets.NewKeychain(secrets.Options{}))
	var prof profile.Profile
	list := svc.ListProfiles(ctx)
	for _, existing := range list.Profiles {
		if existing.Name == SandboxProfileName {
			prof = existing
		}
	}
	prof.Name = SandboxProfileName
	prof.Kind = profile.KindDevelopment
	prof.DBPlan = "FerretDB (محلي)"
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
		return fmt.Errorf("saving the sandbox profile: %s %s %v", saved.Code, saved.Message, saved.FieldErrors)
	}
	for name, value := range secretValues {
		if res := svc.SetSecret(ctx, saved.Profile.ID, name, value); !res.OK {
			return fmt.Errorf("storing %s in the keychain: %s %s", name, res.Code, res.Message)
		}
	}
	if res := svc.SelectProfile(ctx, saved.Profile.ID); !res.OK {
		return fmt.Errorf("selecting the sandbox profile: %s", res.Message)
	}
	logf("profile %q (%s) is ready in %s; its secrets are in the keychain", SandboxProfileName, saved.Profile.ID, store.Path())
	return nil
}
