// Package profile holds the environments an admin maintains (production, staging, ...) and stores them as
// JSON under the user config dir. A profile holds no secret: secrets live in the OS keychain (package
// secrets) under the profile's ID; the profile only records which secret names were saved.
package profile

// Kind is the environment type shown as a coloured badge.
type Kind string

const (
	KindProduction  Kind = "production"
	KindStaging     Kind = "staging"
	KindDevelopment Kind = "development"
)

// Pusher holds the non-secret Pusher settings. The secret lives in the keychain as PUSHER_SECRET.
type Pusher struct {
	AppID   string `json:"appId"`   // PUSHER_APP_ID
	Key     string `json:"key"`     // PUSHER_KEY (server side)
	Cluster string `json:"cluster"` // PUSHER_CLUSTER (server side)
	// PublicKey / PublicCluster are what the browser uses (NEXT_PUBLIC_PUSHER_KEY / _CLUSTER).
	PublicKey     string `json:"publicKey"`
	PublicCluster string `json:"publicCluster"`
	// Host overrides the cluster for self-hosted Pusher-compatible servers, as "host" or "host:port".
	Host string `json:"host,omitempty"`
	// Insecure uses plain http/ws with Host (a self-hosted server without TLS); ignored without Host.
	Insecure bool `json:"insecure,omitempty"`
}

// Atlas identifies the cluster for the Atlas Administration API. The API key pair is in the keychain.
type Atlas struct {
	GroupID     string `json:"groupId"`     // ATLAS_GROUP_ID (project id)
	ClusterName string `json:"clusterName"` // ATLAS_CLUSTER_NAME
}

// Revalidation holds the defaults for the revalidation card.
type Revalidation struct {
	Tags            []string `json:"tags"`
	Paths           []string `json:"paths"`
	CooldownSeconds int      `json:"cooldownSeconds"`
}

// Features are the per-profile toggles.
type Features struct {
	DBStats     bool `json:"dbStats"`     // fetch database stats with each check (off by default)
	AtlasLookup bool `json:"atlasLookup"` // query the Atlas Admin API when configured
	VerifyPaths bool `json:"verifyPaths"` // GET each path after revalidating it (on by default)
}

// Profile is one environment.
type Profile struct {
	ID           string       `json:"id"`
	Name         string       `json:"name"`
	Kind         Kind         `json:"kind" ts_type:"'production' | 'staging' | 'development' | ''"`
	SiteURL      string       `json:"siteUrl"`
	InstanceURLs []string     `json:"instanceUrls"` // extra instances of a self-hosted multi-instance site
	Actor        string       `json:"actor"`        // name written to the revalidation log; default OS user
	DBPlan       string       `json:"dbPlan"`       // label shown on the database card, e.g. "M10"
	Pusher       Pusher       `json:"pusher"`
	Atlas        Atlas        `json:"atlas"`
	Revalidation Revalidation `json:"revalidation"`
	Features     Features     `json:"features"`
	// Pages are the storefront pages the pages card fetches; empty: the revalidation default paths
	// (PageList). Added in schema 3.
	Pages []Page `json:"pages"`
	// SavedSecrets lists the secret names stored in the keychain for this profile (go-keyring cannot list).
	SavedSecrets []string `json:"savedSecrets"`
	// RevalidateSecretOrigins are the origins (scheme://host[:port]) REVALIDATE_SECRET was saved, imported or
	// confirmed for. Nothing is sent to a site or instance URL on another origin (see origin.go). Like
	// SavedSecrets it is not the caller's to set through a profile save.
	RevalidateSecretOrigins []string `json:"revalidateSecretOrigins"`
}

// Default revalidation targets: the ones the site's refreshAllCaches uses.
var (
	DefaultTags  = []string{"products", "company", "categories", "promotions"}
	DefaultPaths = []string{"/", "/dashboard", "/dashboard/management-dashboard"}
)

const DefaultCooldownSeconds = 10

// URLs returns the site URL followed by the extra instance URLs, without empties.
func (p Profile) URLs() []string {
	out := make([]string, 0, 1+len(p.InstanceURLs))
	if p.SiteURL != "" {
		out = append(out, p.SiteURL)
	}
	for _, u := range p.InstanceURLs {
		if u != "" {
			out = append(out, u)
		}
	}
	return out
}

// HasSecret reports whether the keychain index says the secret name was saved.
func (p Profile) HasSecret(name string) bool {
	for _, s := range p.SavedSecrets {
		if s == name {
			return true
		}
	}
	return false
}
