package revalidate

import "siyana/backend/profile"

// RequestFor is the request every run of the profile starts from: its site and instances, actor, default
// tags and paths, verification and cooldown, and the secret read from the keychain ("" when not saved, so
// the run answers NOT_CONFIGURED). A production profile's full refresh needs confirmed.
func RequestFor(p profile.Profile, secret string, confirmed bool) Request {
	verify := p.Revalidation.Paths
	if len(verify) == 0 {
		verify = profile.DefaultPaths
	}
	return Request{
		ProfileID: p.ID, Actor: p.Actor, SiteURL: p.SiteURL, InstanceURLs: p.InstanceURLs,
		Secret: secret, SecretOrigins: p.RevalidateSecretOrigins,
		Tags: p.Revalidation.Tags, Paths: Paths(p.Revalidation.Paths...),
		Verify: p.Features.VerifyPaths, VerifyPaths: verify, CooldownSeconds: p.Revalidation.CooldownSeconds,
		Production: p.Kind == profile.KindProduction, Confirmed: confirmed,
	}
}
