// Package realtime checks a site's Pusher Channels setup the way the site uses it: the settings are present and
// consistent (Presence), the server credentials are accepted by the REST API (ValidateCredentials), and an
// event triggered with the server credentials reaches a browser-like WebSocket client that connected with the
// public key (LiveTest). Every check returns a result with a stable code and an actionable Arabic message.
package realtime

import (
	"siyana/backend/check"
	"siyana/backend/i18n"
)

// Codes specific to Pusher. The shared ones (OK, TIMEOUT, UNREACHABLE, CANCELED, INTERNAL) come from check.
const (
	CodeOK          = check.CodeOK
	CodeTimeout     = check.CodeTimeout
	CodeUnreachable = check.CodeUnreachable
	CodeCanceled    = check.CodeCanceled
	CodeInternal    = check.CodeInternal

	// Settings (Presence, and the guard of the network checks).
	CodeMissingConfig   = "MISSING_CONFIG"
	CodeKeyMismatch     = "KEY_MISMATCH"
	CodeClusterMismatch = "CLUSTER_MISMATCH" // also WebSocket 4001 "not in this cluster"

	// REST API (ValidateCredentials, and the trigger inside LiveTest).
	CodeInvalidSecret       = "INVALID_SECRET"
	CodeClockSkew           = "CLOCK_SKEW"
	CodeInvalidKeyOrCluster = "INVALID_KEY_OR_CLUSTER"
	CodeAppNotFound         = "APP_NOT_FOUND"
	CodeForbidden           = "FORBIDDEN"
	CodePayloadTooLarge     = "PAYLOAD_TOO_LARGE"
	CodeUnexpectedResponse  = "UNEXPECTED_RESPONSE"

	// WebSocket (LiveTest).
	CodeAppKeyNotFound    = "APP_KEY_NOT_FOUND"
	CodeAppDisabled       = "APP_DISABLED"
	CodeConnectionQuota   = "CONNECTION_QUOTA"
	CodeUnauthorized      = "UNAUTHORIZED"
	CodeServiceBusyRetry  = "SERVICE_BUSY_RETRY"
	CodeProtocolError     = "PROTOCOL_ERROR"
	CodeHandshakeFailed   = "HANDSHAKE_FAILED"
	CodeSubscribeFailed   = "SUBSCRIBE_FAILED"
	CodeEventNotReceived  = "EVENT_NOT_RECEIVED"
	CodeConnectionDropped = "CONNECTION_DROPPED"
)

// The health channel and event. A public channel, so the live test needs no auth endpoint on the site.
const (
	HealthChannel = "maintenance-health"
	HealthEvent   = "health-ping"
)

// area names this check's sentences in the catalogs (realtime.msg.<code>, realtime.hints.<code>).
const area = "realtime"

// Message returns the English detail for a code and its params (logs, a CLI); the card renders the code
// and params from the catalog in the admin's language.
func Message(code string, p i18n.Params) string { return i18n.Detail(area, code, p) }
