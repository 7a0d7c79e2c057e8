package update

import "siyana/backend/i18n"

// Result codes: stable strings the UI maps to labels (code.<CODE>.label in backend/i18n/catalog) and tests assert on.
const (
	CodeUpdateAvailable = "UPDATE_AVAILABLE" // a newer release is out
	CodeUpToDate        = "UP_TO_DATE"       // the running version is the newest (or the feed lists none)
	CodeDisabled        = "DISABLED"         // the admin has not turned the notice on: nothing was asked
	CodeVersionUnknown  = "VERSION_UNKNOWN"  // this build has no release version (a development build)
	CodeFeedMalformed   = "FEED_MALFORMED"   // the answer is not a release list
	CodeFeedTooLarge    = "FEED_TOO_LARGE"   // the answer is larger than MaxFeedBytes
	CodeFeedStatus      = "FEED_HTTP_STATUS" // the feed answered with another status than 200
	CodeFeedTimeout     = "FEED_TIMEOUT"     // no full answer before the deadline
	CodeFeedUnreachable = "FEED_UNREACHABLE" // no connection (DNS, refused, TLS, offline)
	CodeCanceled        = "CANCELED"         // the app was closing
	CodeInvalidInput    = "INVALID_INPUT"    // a setting was refused; nothing changed
	CodeSaved           = "OK"               // settings saved
	CodeStoreFailed     = "SETTINGS_UNWRITABLE"
)

// area names this notice's sentences in the catalogs (update.msg.<code>); Go keeps English, for logs.
const area = "update"

func message(code string) string { return i18n.Detail(area, code, nil) }

// fieldCodes name ValidateFeedURL's refusals (field.<code> in the catalogs), keyed by sentinel.
var fieldCodes = map[error]string{
	ErrFeedURLInvalid:  "feedUrlInvalid",
	ErrFeedURLScheme:   "feedUrlScheme",
	ErrFeedURLUserinfo: "feedUrlUserinfo",
	ErrFeedURLTooLong:  "feedUrlTooLong",
}
