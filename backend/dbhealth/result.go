// Package dbhealth checks the site's MongoDB database: can this profile's DATABASE_URL log in and read, how
// long a warm round trip takes, and (on request) how big the database is. One driver client is cached per
// profile so that the reported latency is a warm round trip, not a fresh DNS + TCP + TLS + SCRAM handshake.
package dbhealth

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"siyana/backend/check"
	"siyana/backend/i18n"
)

// Codes specific to the database check; shared ones (OK, NOT_CONFIGURED, TIMEOUT, UNREACHABLE, CANCELED,
// INTERNAL) come from package check.
const (
	CodeInvalidURI   = "INVALID_URI"
	CodeDNSNotFound  = "DNS_NOT_FOUND"
	CodeDNSError     = "DNS_ERROR"
	CodeUnauthorized = "UNAUTHORIZED"
	CodeTLSError     = "TLS_ERROR"
	CodeIPNotAllowed = "IP_NOT_ALLOWED"
	CodeDBError      = "DB_ERROR"
)

// Options tune one check. The zero value is a plain health check bounded by check.DefaultTimeout.
type Options struct {
	// Plan is the label the admin gave this database (profile.DBPlan, e.g. "M10"); echoed in the result.
	Plan string
	// Stats also runs dbStats (one more round trip); off by default because it is not free on big databases.
	Stats bool
	// Timeout bounds the whole check; zero means check.DefaultTimeout. The caller's deadline still wins if
	// it is earlier.
	Timeout time.Duration
}

// Stats are the dbStats figures of the URI's database. Sizes are bytes as reported by the server
// (FerretDB reports approximations).
type Stats struct {
	Collections int64 `json:"collections"` // number of collections
	Objects     int64 `json:"objects"`     // number of documents
	DataSize    int64 `json:"dataSize"`    // uncompressed data size, bytes
	StorageSize int64 `json:"storageSize"` // space allocated on disk for data, bytes
	IndexSize   int64 `json:"indexSize"`   // space used by indexes, bytes
}

// Result is the outcome of one database check. It never contains the URI or credentials.
type Result struct {
	OK      bool   `json:"ok"`      // the probe logged in and read the database
	Code    string `json:"code"`    // stable code: check.CodeOK or one of the Code* constants
	Message string `json:"message"` // English detail for logs; the card renders code + params from the catalog
	Hint    string `json:"hint"`    // English next step for logs; empty when OK
	// Params fill the code's catalog sentence (INVALID_URI: reason, char, enc); nil for most codes.
	Params map[string]string `json:"params"`

	// LatencyMs is one warm round trip of the probe on the reused client (what the site pays per query).
	LatencyMs float64 `json:"latencyMs"`
	// ConnectMs is what the client's first connection cost (SRV/DNS + TCP + TLS + handshake + SCRAM + the
	// first probe). On a reused client it is the figure from when that client was made (see ConnectedAt).
	ConnectMs float64 `json:"connectMs"`
	// Reused tells whether this check ran on a client cached by an earlier check (ConnectMs not re-paid).
	Reused bool `json:"reused"`
	// ConnectedAt is when the cached client made its first connection; zero if it never connected.
	ConnectedAt time.Time `json:"connectedAt" ts_type:"string"`

	DBName        string `json:"dbName"`        // database from the URI path ("" when the URI names none)
	Host          string `json:"host"`          // host list from the URI, without user or password
	SRV           bool   `json:"srv"`           // the URI is mongodb+srv (hosts come from DNS)
	Plan          string `json:"plan"`          // Options.Plan, echoed for the badge
	ServerVersion string `json:"serverVersion"` // from buildInfo at connect time; "" if unknown
	Stats         *Stats `json:"stats"`         // only when Options.Stats was set and dbStats succeeded

	CheckedAt  time.Time `json:"checkedAt" ts_type:"string"` // when the check started
	DurationMs float64   `json:"durationMs"`                 // wall time of the whole check
}

// area names this check's sentences in the catalogs (database.msg.<code>, database.hints.<code>).
const area = "database"

// fill sets code, params and the English detail together so they never disagree; the card renders the
// code and params in the admin's language.
func (r *Result) fill(code string, p i18n.Params) {
	r.Code, r.Params = code, p
	r.OK, r.Message, r.Hint = check.Said(area, code, p)
}

// uriParams are the INVALID_URI params for a refused URI: which rule it broke (reason), the character to
// encode and its encoding, never the URI or any of its text.
func uriParams(err error) i18n.Params {
	var ue *URIError
	if !errors.As(err, &ue) {
		return nil
	}
	p := i18n.Params{"char": charParam(ue.Char), "enc": percent(ue.Char)}
	cred := ue.Part == PartPassword || ue.Part == PartUser
	switch {
	case ue.Char == utf8.RuneError && (cred || ue.After):
		p["reason"] = "uriBadBytes"
	case ue.After:
		p["reason"] = "uriAtAfter"
	case ue.Char == '%' && cred:
		p["reason"] = "uriPercent_" + string(ue.Part)
	case ue.Char != noChar && cred:
		p["reason"] = "uriUnencoded_" + string(ue.Part)
	case ue.Part == PartHost && ue.Char == ',':
		p["reason"] = "uriSrvMany"
	case ue.Part == PartHost && ue.Char == ':':
		p["reason"] = "uriSrvPort"
	case ue.Part == PartHost:
		p["reason"] = "uriHost"
	case ue.Char == '#':
		p["reason"] = "uriHash"
	case ue.Part == PartDatabase:
		p["reason"] = "uriDatabase"
	case ue.Part == PartOptions:
		p["reason"] = "uriOptions"
	default:
		return nil
	}
	return p
}

// charParam names a character without words: printable ones as themselves, others by code point (a space or
// a control character would be invisible).
func charParam(r rune) string {
	switch {
	case r == noChar:
		return ""
	case unicode.IsGraphic(r) && !unicode.IsSpace(r) && r != utf8.RuneError:
		return string(r)
	}
	return fmt.Sprintf("U+%04X", r)
}

// percent is the percent-encoding of r as the drivers decode it.
func percent(r rune) string {
	if r == utf8.RuneError || r == noChar {
		return ""
	}
	var b strings.Builder
	for _, c := range []byte(string(r)) {
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
