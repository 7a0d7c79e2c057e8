package dbhealth

import (
	"crypto/sha256"
	"errors"
	"net/url"
	"strings"
)

// ErrInvalidURI is returned for a URI that is not mongodb:// or mongodb+srv:// with a host. Its text never
// includes the URI (which holds the password).
var ErrInvalidURI = errors.New("dbhealth: invalid MongoDB URI")

// target is what the card may show about a URI: no user, no password, no query options.
type target struct {
	host   string // "a:27017,b:27017" or the SRV name
	dbName string // path without the slash, unescaped
	srv    bool
}

// parseTarget reads host and database with net/url, not the driver's parser: the driver resolves SRV
// records while parsing, and the card must show the host even when DNS is what fails.
func parseTarget(uri string) (target, error) {
	var t target
	switch {
	case strings.HasPrefix(uri, "mongodb+srv://"):
		t.srv = true
	case strings.HasPrefix(uri, "mongodb://"):
	default:
		return t, ErrInvalidURI
	}
	u, err := url.Parse(uri)
	if err == nil {
		t.host, t.dbName = u.Host, strings.TrimPrefix(u.Path, "/")
	} else {
		// net/url rejects seed lists of bracketed IPv6 hosts ("[::1]:1,[::1]:2"); split by hand then.
		// The parse error is dropped on purpose: its text quotes the whole URI, password included.
		t.host, t.dbName, err = splitByHand(uri)
		if err != nil {
			return t, err
		}
	}
	if t.host == "" || strings.ContainsAny(t.dbName, "/\\. \"$") {
		return t, ErrInvalidURI
	}
	return t, nil
}

func splitByHand(uri string) (host, db string, err error) {
	rest := uri[strings.Index(uri, "://")+3:]
	hostAndPath := rest
	if i := strings.IndexAny(rest, "?"); i >= 0 {
		hostAndPath = rest[:i]
	}
	if i := strings.LastIndex(hostAndPath, "@"); i >= 0 {
		hostAndPath = hostAndPath[i+1:]
	}
	host, path, _ := strings.Cut(hostAndPath, "/")
	db, err = url.PathUnescape(path)
	if err != nil {
		return "", "", ErrInvalidURI
	}
	return host, db, nil
}

// uriKey identifies a URI in the client cache without keeping the URI (and its password) in memory longer
// than the driver does.
func uriKey(uri string) [sha256.Size]byte { return sha256.Sum256([]byte(uri)) }
