// Package atlas asks the MongoDB Atlas Administration API (v2) what the site's cluster is: tier, provider,
// state, version, paused. It authenticates with an API key pair over HTTP Digest (Atlas rejects Basic).
package atlas

import (
	"time"

	"siyana/backend/check"
	"siyana/backend/i18n"
)

// Codes specific to the Atlas lookup; NOT_CONFIGURED, TIMEOUT, UNREACHABLE, CANCELED and INTERNAL come from
// package check.
const (
	CodeInvalidConfig   = "INVALID_CONFIG"
	CodeUnauthorized    = "ATLAS_UNAUTHORIZED"
	CodeIPNotAllowed    = "ATLAS_IP_NOT_ALLOWED"
	CodeClusterNotFound = "CLUSTER_NOT_FOUND"
	CodeProjectNotFound = "PROJECT_NOT_FOUND"
	CodeRateLimited     = "RATE_LIMITED"
	CodeAtlasError      = "ATLAS_ERROR"
)

// Phases are where the time of the lookup went, from net/http/httptrace. DNS, connect and TLS are zero when
// a kept-alive connection was reused; FirstByte is the wait for the answer to the authenticated request.
type Phases struct {
	DNSMs       float64 `json:"dnsMs"`       // name resolution
	ConnectMs   float64 `json:"connectMs"`   // TCP connect
	TLSMs       float64 `json:"tlsMs"`       // TLS handshake
	FirstByteMs float64 `json:"firstByteMs"` // request written → first response byte (server time + one RTT)
	Reused      bool    `json:"reused"`      // the connection was kept alive from an earlier lookup
}

// Result is the outcome of one Atlas lookup. It never contains the API keys.
type Result struct {
	OK      bool   `json:"ok"`      // the cluster was found and described
	Code    string `json:"code"`    // stable code: check.CodeOK or one of the Code* constants
	Message string `json:"message"` // English detail for logs; the card renders code + params from the catalog
	Hint    string `json:"hint"`    // English next step for logs; empty when OK
	// Params fill the code's catalog sentence (RATE_LIMITED: seconds, when Atlas said how long to wait).
	Params map[string]string `json:"params"`

	ClusterName     string `json:"clusterName"`     // as configured
	InstanceSize    string `json:"instanceSize"`    // "M10", "M0", ...; "FLEX" for Flex clusters
	Provider        string `json:"provider"`        // AWS, GCP, AZURE, TENANT (shared tiers) or FLEX
	BackingProvider string `json:"backingProvider"` // the cloud under TENANT/FLEX; "" otherwise
	Flex            bool   `json:"flex"`            // answered by the flexClusters API
	State           string `json:"state"`           // stateName: IDLE, CREATING, UPDATING, DELETING, REPAIRING
	MongoDBVersion  string `json:"mongoDBVersion"`  // e.g. "7.0.15"
	Paused          bool   `json:"paused"`          // a paused cluster refuses connections

	HTTPStatus        int    `json:"httpStatus"`        // status of the last API answer; 0 if none
	AtlasErrorCode    string `json:"atlasErrorCode"`    // errorCode from Atlas's error body, e.g. CLUSTER_NOT_FOUND
	RetryAfterSeconds int    `json:"retryAfterSeconds"` // with RATE_LIMITED: wait this long; 0 if unknown
	Phases            Phases `json:"phases"`            // timings of the last request

	CheckedAt  time.Time `json:"checkedAt" ts_type:"string"` // when the lookup started
	DurationMs float64   `json:"durationMs"`                 // wall time of the whole lookup (all requests)
}

// area names this lookup's sentences in the catalogs (atlas.msg.<code>, atlas.hints.<code>).
const area = "atlas"

// fill sets code, params and the English detail together; the card renders code + params from the catalog.
func (r *Result) fill(code string, p i18n.Params) {
	r.Code, r.Params = code, p
	r.OK, r.Message, r.Hint = check.Said(area, code, p)
}
