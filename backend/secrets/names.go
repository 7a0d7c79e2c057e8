package secrets

// Names of the secrets Siyana keeps per profile, as the site's environment variables call them.
const (
	DatabaseURL      = "DATABASE_URL"
	PusherSecret     = "PUSHER_SECRET"
	AtlasPublicKey   = "ATLAS_PUBLIC_KEY"
	AtlasPrivateKey  = "ATLAS_PRIVATE_KEY"
	RevalidateSecret = "REVALIDATE_SECRET"
)

// Known lists every secret name, in display order.
var Known = []string{DatabaseURL, PusherSecret, AtlasPublicKey, AtlasPrivateKey, RevalidateSecret}
