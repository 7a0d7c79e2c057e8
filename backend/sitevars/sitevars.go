// Package sitevars is the one table of the site's environment variables: for each, its name, whether it is a
// secret (kept in the OS keychain) or a profile field, the names .env files also use for it, and which card
// needs it. The .env import, the presence and missing lists, the diagnostics' configuration booleans and each
// card's readiness all read this table; nothing else lists the names.
package sitevars

import (
	"slices"
	"strings"

	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// Names of the site's variables that are not secrets (the secrets' names are package secrets' constants:
// they are also the keychain's account names).
const (
	PusherAppID         = "PUSHER_APP_ID"
	PusherKey           = "PUSHER_KEY"
	PusherCluster       = "PUSHER_CLUSTER"
	PusherPublicKey     = "NEXT_PUBLIC_PUSHER_KEY"
	PusherPublicCluster = "NEXT_PUBLIC_PUSHER_CLUSTER"
	PusherHost          = "PUSHER_HOST"
	AtlasGroupID        = "ATLAS_GROUP_ID"
	AtlasClusterName    = "ATLAS_CLUSTER_NAME"
	SiteURL             = "NEXT_PUBLIC_SITE_URL"

	DatabaseURL      = secrets.DatabaseURL
	PusherSecret     = secrets.PusherSecret
	AtlasPublicKey   = secrets.AtlasPublicKey
	AtlasPrivateKey  = secrets.AtlasPrivateKey
	RevalidateSecret = secrets.RevalidateSecret
)

// Card names a card of the main view that needs some of the variables.
type Card string

// The cards, in display order.
const (
	CardDatabase   Card = "database"
	CardAtlas      Card = "atlas"
	CardRealtime   Card = "realtime"
	CardRevalidate Card = "revalidate"
	CardPages      Card = "pages"
)

// Cards lists every card in display order.
var Cards = []Card{CardDatabase, CardAtlas, CardRealtime, CardRevalidate, CardPages}

// Var is one row of the table.
type Var struct {
	// Name is the name the site's code reads (process.env.NAME).
	Name string
	// Aliases are other names .env files use for the same value; on import the first non-empty of Name,
	// Aliases... wins and the others are reported as ignored.
	Aliases []string
	// Secret: the value lives in the OS keychain under Name and never leaves Go. Otherwise Field says
	// which profile field holds it.
	Secret bool
	// Field is the profile's JSON path ("pusher.appId") of a variable that is not secret; "" for a secret.
	Field string
	// Card is the card that needs it; Also, another one that needs it too (the storefront pages need the
	// site URL the revalidation card is set up with).
	Card Card
	Also Card
	// Browser marks the variables the site's browsers read (NEXT_PUBLIC_*) rather than its server.
	Browser bool
	// Optional variables are never missing (PUSHER_HOST: only for a self-hosted server).
	Optional bool
	// NoImport keeps the variable out of .env import (PUSHER_HOST: a self-hosted server is set in the form).
	NoImport bool
	// clusterless: not needed when the profile names a self-hosted Pusher host (which replaces the cluster).
	clusterless bool
	// field points into the profile for a variable that is not secret.
	field func(*profile.Profile) *string
}

// table is the site's variables in the order the diagnostics bundle and the missing lists report them.
var table = []Var{
	{Name: DatabaseURL, Aliases: []string{"MONGODB_URI"}, Secret: true, Card: CardDatabase},
	{Name: PusherAppID, Field: "pusher.appId", Card: CardRealtime, field: func(p *profile.Profile) *string { return &p.Pusher.AppID }},
	{Name: PusherKey, Field: "pusher.key", Card: CardRealtime, field: func(p *profile.Profile) *string { return &p.Pusher.Key }},
	{Name: PusherSecret, Secret: true, Card: CardRealtime},
	{Name: PusherCluster, Field: "pusher.cluster", Card: CardRealtime, clusterless: true, field: func(p *profile.Profile) *string { return &p.Pusher.Cluster }},
	{Name: PusherPublicKey, Field: "pusher.publicKey", Card: CardRealtime, Browser: true, field: func(p *profile.Profile) *string { return &p.Pusher.PublicKey }},
	{Name: PusherPublicCluster, Field: "pusher.publicCluster", Card: CardRealtime, Browser: true, clusterless: true, field: func(p *profile.Profile) *string { return &p.Pusher.PublicCluster }},
	{Name: PusherHost, Field: "pusher.host", Card: CardRealtime, Optional: true, NoImport: true, field: func(p *profile.Profile) *string { return &p.Pusher.Host }},
	{Name: AtlasPublicKey, Secret: true, Card: CardAtlas},
	{Name: AtlasPrivateKey, Secret: true, Card: CardAtlas},
	{Name: AtlasGroupID, Field: "atlas.groupId", Card: CardAtlas, field: func(p *profile.Profile) *string { return &p.Atlas.GroupID }},
	{Name: AtlasClusterName, Field: "atlas.clusterName", Card: CardAtlas, field: func(p *profile.Profile) *string { return &p.Atlas.ClusterName }},
	{Name: RevalidateSecret, Secret: true, Card: CardRevalidate},
	{Name: SiteURL, Aliases: []string{"SITE_URL"}, Field: "siteUrl", Card: CardRevalidate, Also: CardPages, field: func(p *profile.Profile) *string { return &p.SiteURL }},
}

// All returns the table (a copy), in report order.
func All() []Var { return slices.Clone(table) }

// Names returns every variable name, in report order.
func Names() []string {
	out := make([]string, len(table))
	for i, v := range table {
		out[i] = v.Name
	}
	return out
}

// Lookup returns the row of name (Name, not an alias).
func Lookup(name string) (Var, bool) {
	i := slices.IndexFunc(table, func(v Var) bool { return v.Name == name })
	if i < 0 {
		return Var{}, false
	}
	return table[i], true
}

// Value is the profile's value of a variable that is not secret ("" for a secret or an unknown name).
func Value(p profile.Profile, name string) string {
	if v, ok := Lookup(name); ok && v.field != nil {
		return *v.field(&p)
	}
	return ""
}

// Set writes value into the profile field of a variable that is not secret; false for a secret or unknown name.
func Set(p *profile.Profile, name, value string) bool {
	v, ok := Lookup(name)
	if !ok || v.field == nil {
		return false
	}
	*v.field(p) = value
	return true
}

// Present says whether the variable has a value: a saved secret (saved[name]) or a non-blank profile field.
func Present(p profile.Profile, saved map[string]bool, name string) bool {
	v, ok := Lookup(name)
	switch {
	case !ok:
		return false
	case v.Secret:
		return saved[name]
	default:
		return strings.TrimSpace(*v.field(&p)) != ""
	}
}

// needed says whether the card cannot work without v for this profile.
func (v Var) needed(p profile.Profile) bool {
	return !v.Optional && !(v.clusterless && strings.TrimSpace(p.Pusher.Host) != "")
}

// Missing lists, by name and in table order, the variables the card needs that the profile lacks; saved
// says which secrets the keychain holds. Never nil.
func Missing(card Card, p profile.Profile, saved map[string]bool) []string {
	out := []string{}
	for _, v := range table {
		if (v.Card == card || v.Also == card) && v.needed(p) && !Present(p, saved, v.Name) {
			out = append(out, v.Name)
		}
	}
	return out
}
