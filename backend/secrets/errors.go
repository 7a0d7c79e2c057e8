package secrets

import "errors"

// Error is a keychain failure the UI can explain: a stable Code the frontend renders from the catalog
// (code.<CODE>.label and .hint), and an English Message for logs. Neither ever contains a secret value.
type Error struct {
	code    string
	english string
}

func (e *Error) Error() string { return "secrets: " + e.english }

// Code is the stable string the frontend maps to a label.
func (e *Error) Code() string { return e.code }

// Message is the English explanation, for logs; the UI says it from Code.
func (e *Error) Message() string { return e.english }

// The codes of the errors below, one per way the keychain can fail.
const (
	CodeNoKeychain   = "KEYCHAIN_UNAVAILABLE"
	CodeLocked       = "KEYCHAIN_LOCKED"
	CodeTimeout      = "KEYCHAIN_TIMEOUT"
	CodeCanceled     = "KEYCHAIN_CANCELED"
	CodeNotFound     = "SECRET_NOT_FOUND"
	CodeTooBig       = "SECRET_TOO_BIG"
	CodeInvalidName  = "SECRET_INVALID_NAME"
	CodeInvalidValue = "SECRET_INVALID_VALUE"
	CodeNotASCII     = "SECRET_NOT_ASCII"
	CodeKeychain     = "KEYCHAIN_ERROR"
)

// The errors every Store returns, wrapped with %w around the raw cause where there is one.
var (
	ErrNoKeychain   = &Error{CodeNoKeychain, "the OS keychain is not available"}
	ErrLocked       = &Error{CodeLocked, "the OS keychain is locked"}
	ErrTimeout      = &Error{CodeTimeout, "the OS keychain did not answer in time"}
	ErrCanceled     = &Error{CodeCanceled, "the keychain call was canceled"}
	ErrNotFound     = &Error{CodeNotFound, "secret not found in the keychain"}
	ErrTooBig       = &Error{CodeTooBig, "secret value is too big"}
	ErrInvalidName  = &Error{CodeInvalidName, "invalid secret name or profile id"}
	ErrInvalidValue = &Error{CodeInvalidValue, "invalid secret value"}
	ErrNotASCII     = &Error{CodeNotASCII, "the secret must be printable ASCII (it is sent in an HTTP header)"}
	ErrKeychain     = &Error{CodeKeychain, "the OS keychain refused the call"}
)

// CodeOf returns the stable code of err, "KEYCHAIN_ERROR" for an error that is not one of ours, "" for nil.
func CodeOf(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.code
	}
	return ErrKeychain.code
}

// MessageOf returns the English message of err (see CodeOf), for logs and details.
func MessageOf(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.english
	}
	return ErrKeychain.english
}
