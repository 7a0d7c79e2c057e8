package profile

// Binding REVALIDATE_SECRET to the origins it was saved for. The secret travels in an Authorization header to
// the profile's site and instance URLs, so whoever can repoint those URLs (a slip in the form, a hostile page
// talking to a dev build) could otherwise make the app hand it to another host. The profile records the
// origins the admin saved, imported or confirmed the secret for; a URL on any other origin gets nothing until
// the admin confirms the secret for it or enters it again.

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"siyana/backend/secrets"
)

// Origin is the scheme://host[:port] of a site or instance URL, lower-case, without the default port, or ""
// when raw is not a usable http(s) URL. Two URLs on one origin are one destination for the secret (a
// basePath changes nothing); a different host, port or scheme is another one.
func Origin(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.User != nil {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return ""
	}
	host := strings.ToLower(u.Host)
	if port := u.Port(); (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		host = strings.TrimSuffix(host, ":"+port)
	}
	if validHostPort(host) != nil {
		return ""
	}
	return scheme + "://" + host
}

// OriginsOf returns the distinct origins of urls in order; a URL that has no origin is returned as it is,
// so it can never match a bound origin by accident.
func OriginsOf(urls ...string) []string {
	out := make([]string, 0, len(urls))
	for _, u := range urls {
		o := Origin(u)
		if o == "" {
			o = u
		}
		if u != "" && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// UnboundOrigins returns the origins of urls that are not in bound: where the secret must not go. It is the
// one rule every sender applies (package revalidate before any request leaves the machine).
func UnboundOrigins(bound []string, urls ...string) []string {
	var out []string
	for _, o := range OriginsOf(urls...) {
		if !slices.Contains(bound, o) {
			out = append(out, o)
		}
	}
	return out
}

// Origins returns the origins of the site URL and the instance URLs.
func (p Profile) Origins() []string { return OriginsOf(p.URLs()...) }

// BindRevalidateSecret records that REVALIDATE_SECRET is meant for the profile's current origins. Call it
// when the secret is saved, imported or confirmed by the admin, never on a mere profile save.
func (p *Profile) BindRevalidateSecret() {
	p.RevalidateSecretOrigins = nil
	if o := p.Origins(); len(o) > 0 {
		p.RevalidateSecretOrigins = o
	}
}

// UnbindRevalidateSecret forgets the origins (the secret was cleared, or replaced without a known target).
func (p *Profile) UnbindRevalidateSecret() { p.RevalidateSecretOrigins = nil }

// migrateToV2 binds a saved REVALIDATE_SECRET to the origins the profile points to when the v1 file is read:
// schema 1 had no binding, and the admin who upgrades must not be locked out of the site they use today.
func (p *Profile) migrateToV2() {
	if p.HasSecret(secrets.RevalidateSecret) {
		p.BindRevalidateSecret()
	} else {
		p.UnbindRevalidateSecret()
	}
}

// validateSecretOrigins keeps the bound origins canonical and bounded; anything else is a corrupt file.
func validateSecretOrigins(in []string, bad func(string, FieldError)) []string {
	if len(in) == 0 {
		return nil
	}
	out := make([]string, 0, len(in))
	for _, o := range in {
		if Origin(o) != o {
			bad("revalidateSecretOrigins", fe("originsInvalid"))
			continue
		}
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	if len(out) > MaxInstanceURLs+1 {
		bad("revalidateSecretOrigins", fe("tooManyItems", "max", strconv.Itoa(MaxInstanceURLs+1)))
	}
	return out
}
