package dbhealth

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrInvalidURI is returned for a URI that is not mongodb:// or mongodb+srv:// with a host. Its text never
// includes the URI (which holds the password).
var ErrInvalidURI = errors.New("dbhealth: invalid MongoDB URI")

// URIError says which part of a URI was refused and for which character, never quoting the URI: the part
// names where to look, the character what to encode. It matches ErrInvalidURI with errors.Is.
type URIError struct {
	Part URIPart
	// Char is the offending character; noChar when the part is wrong as a whole (empty host, bad port...).
	Char rune
	// After is set when Char was found only because an "@" follows it: the URI is ambiguous (a password
	// holding Char, or an option holding "@") and is refused rather than guessed.
	After bool
}

// noChar is URIError.Char when no single character is to blame (NUL is a character like any other).
const noChar rune = -1

// URIPart names a part of a connection string.
type URIPart string

// Parts of a connection string that URIError can name.
const (
	PartScheme   URIPart = "scheme"
	PartUser     URIPart = "username"
	PartPassword URIPart = "password"
	PartHost     URIPart = "host"
	PartDatabase URIPart = "database"
	PartOptions  URIPart = "options"
)

func (e *URIError) Error() string {
	if e.Char != noChar {
		return fmt.Sprintf("%v: unencoded %s in the %s", ErrInvalidURI, charName(e.Char), e.Part)
	}
	return fmt.Sprintf("%v: bad %s", ErrInvalidURI, e.Part)
}

func (e *URIError) Is(target error) bool { return target == ErrInvalidURI }

// target is what the card may show about a URI: no user, no password, no query options.
type target struct {
	host   string // "a:27017,b:27017" or the SRV name
	dbName string // path without the slash, unescaped
	srv    bool
	tls    bool // the driver will speak TLS: mongodb+srv, or tls=true / ssl=true in the options
}

// userinfoReserved are the characters a user name or password must percent-encode: the ones that end
// the user-info or the host in either driver the site may use (Go's cuts at the first "@", Node's at the
// first "/", "?" or "#" and then the last "@"), plus the IPv6 brackets and ":" that the drivers refuse.
const userinfoReserved = ":/?#[]@"

// parseTarget reads host and database by hand, not with the driver's parser (which resolves SRV records
// while parsing: the card must show the host even when DNS is what fails) and not with net/url (which,
// for a password holding "?", returns the user and the start of the password as the host).
//
// It accepts only URIs that every MongoDB driver splits the same way: exactly one "@" (when there is a
// user-info), before any "/", "?" or "#", and no reserved character left unencoded in the user-info. So
// the host it shows, the names the service looks up and the hosts the driver dials are the same, and
// none is a piece of a password. The error never quotes the URI.
func parseTarget(uri string) (target, error) {
	var t target
	var rest string
	switch {
	case strings.HasPrefix(uri, "mongodb+srv://"):
		t.srv, rest = true, uri[len("mongodb+srv://"):]
	case strings.HasPrefix(uri, "mongodb://"):
		rest = uri[len("mongodb://"):]
	default:
		return t, &URIError{Part: PartScheme, Char: noChar}
	}

	// The authority ends at the first "/", "?" or "#". An "@" after that point means a password holding
	// one of them (the user-info really ends at that later "@") or an option holding "@": refuse both.
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if end < len(rest) && strings.Contains(rest[end:], "@") {
		return t, &URIError{Part: PartPassword, Char: rune(rest[end]), After: true}
	}
	authority := rest[:end]
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		if err := checkUserinfo(authority[:at]); err != nil {
			return t, err
		}
		authority = authority[at+1:]
	}
	if err := checkHosts(authority, t.srv); err != nil {
		return t, err
	}
	t.host = authority

	tail := rest[end:]
	t.tls = wantsTLS(tail, t.srv)
	if strings.Contains(tail, "#") {
		part := PartOptions
		if !strings.Contains(tail[:strings.Index(tail, "#")], "?") {
			part = PartDatabase
		}
		return t, &URIError{Part: part, Char: '#'}
	}
	switch {
	case tail == "":
	case tail[0] == '/':
		path, _, _ := strings.Cut(tail[1:], "?")
		db, err := url.PathUnescape(path)
		if err != nil || strings.ContainsAny(db, "/\\. \"$") || strings.ContainsFunc(db, unicode.IsControl) {
			return t, &URIError{Part: PartDatabase, Char: noChar}
		}
		t.dbName = db
	default: // "?" straight after the hosts: the Go driver wants "/?"
		return t, &URIError{Part: PartOptions, Char: noChar}
	}
	return t, nil
}

// wantsTLS reads the tls/ssl option the way the driver does (names case-insensitive; mongodb+srv defaults
// to TLS). A malformed value is left to the driver, which refuses the URI.
func wantsTLS(tail string, srv bool) bool {
	on := srv
	_, query, _ := strings.Cut(tail, "?")
	for _, kv := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if k := strings.ToLower(k); k == "tls" || k == "ssl" {
			on = strings.EqualFold(v, "true")
		}
	}
	return on
}

// checkUserinfo refuses a user-info that a driver could split differently from us: a reserved character,
// a "%" that starts no escape, whitespace or a control character. Only the part and the character are
// reported.
func checkUserinfo(ui string) error {
	user, password, hasPassword := strings.Cut(ui, ":")
	if err := checkCredential(user, PartUser); err != nil {
		return err
	}
	if hasPassword {
		return checkCredential(password, PartPassword)
	}
	return nil
}

func checkCredential(s string, part URIPart) error {
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			return &URIError{Part: part, Char: utf8.RuneError}
		case strings.ContainsRune(userinfoReserved, r), unicode.IsSpace(r), unicode.IsControl(r):
			return &URIError{Part: part, Char: r}
		case r == '%' && !(i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])):
			return &URIError{Part: part, Char: '%'}
		}
	}
	return nil
}

// checkHosts accepts a comma-separated seed list of name[:port] and [IPv6][:port], and for mongodb+srv
// exactly one name without a port (what the driver demands before it looks the name up).
func checkHosts(hosts string, srv bool) error {
	list := strings.Split(hosts, ",")
	if srv && len(list) != 1 {
		return &URIError{Part: PartHost, Char: ','}
	}
	for _, h := range list {
		name, port := h, ""
		if strings.HasPrefix(h, "[") {
			rb := strings.IndexByte(h, ']')
			if rb < 2 || strings.Trim(h[1:rb], "0123456789abcdefABCDEF:.") != "" {
				return &URIError{Part: PartHost, Char: noChar}
			}
			name, port = h[:rb+1], h[rb+1:]
			if port != "" && port[0] != ':' {
				return &URIError{Part: PartHost, Char: noChar}
			}
			port = strings.TrimPrefix(port, ":")
		} else if i := strings.LastIndexByte(h, ':'); i >= 0 {
			name, port = h[:i], h[i+1:]
		}
		if name == "" {
			return &URIError{Part: PartHost, Char: noChar}
		}
		if !strings.HasPrefix(name, "[") {
			for i, r := range name {
				ok := r == '.' || r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) ||
					(r == '%' && i+2 < len(name) && isHex(name[i+1]) && isHex(name[i+2]))
				if !ok {
					return &URIError{Part: PartHost, Char: r}
				}
			}
		}
		if port != "" || strings.HasSuffix(h, ":") {
			if srv {
				return &URIError{Part: PartHost, Char: ':'}
			}
			if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || port[0] == '+' {
				return &URIError{Part: PartHost, Char: noChar}
			}
		}
	}
	return nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// charName is how an error names a character in English (logs, tests); the card uses charParam.
func charName(r rune) string {
	if unicode.IsGraphic(r) && !unicode.IsSpace(r) {
		return strconv.QuoteRune(r)
	}
	return fmt.Sprintf("U+%04X", r)
}

// uriKey identifies a URI in the client cache without keeping the URI (and its password) in memory longer
// than the driver does.
func uriKey(uri string) [sha256.Size]byte { return sha256.Sum256([]byte(uri)) }
