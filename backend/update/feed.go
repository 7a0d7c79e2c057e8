// Package update tells the admin when a newer Siyana release is out. It is off until the admin turns it
// on. Then it reads a releases feed (GitHub's releases API by default, any URL serving the same JSON for
// self-hosted releases) at most once a day, compares semantic versions and returns what a banner shows:
// the version, its notes as plain text and a link. It never downloads or installs anything, and when off
// it makes no network call of any kind. No Wails here: app_update.go is the facade.
package update

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"siyana/backend/check"
	"siyana/backend/redact"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// DefaultRepo is the GitHub owner/name releases are published under. A placeholder until the project has
// its public home: this one constant feeds the default feed URL, the packages' homepage (scripts/dist.sh)
// and nothing else.
const DefaultRepo = "siyana-app/siyana"

// DefaultFeedURL lists the newest releases of DefaultRepo, pre-releases included (the latest-release
// endpoint hides them, and an admin running a pre-release should hear of the next one).
const DefaultFeedURL = "https://api.github.com/repos/" + DefaultRepo + "/releases?per_page=30"

// Bounds of one check.
const (
	Interval      = 24 * time.Hour // at most one feed request per interval
	Timeout       = check.DefaultTimeout
	MaxFeedBytes  = 2 << 20 // 30 releases with long notes stay far below this
	MaxNotesRunes = 4000
	MaxURLBytes   = 2048
)

// Sentinel errors of ValidateFeedURL.
var (
	ErrFeedURLInvalid  = errors.New("feed URL is not a valid absolute URL")
	ErrFeedURLScheme   = errors.New("feed URL must use https (http only on this computer)")
	ErrFeedURLUserinfo = errors.New("feed URL must not carry a user name or password")
	ErrFeedURLTooLong  = errors.New("feed URL is too long")
)

// ValidateFeedURL checks a feed URL typed by the admin and returns it trimmed; "" means the default.
// https only, except http to a loopback host (a self-hosted feed on this computer, and the tests). No
// credentials in the URL: it is stored in a plain settings file.
func ValidateFeedURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", nil
	}
	if len(raw) > MaxURLBytes {
		return "", ErrFeedURLTooLong
	}
	for _, r := range raw {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return "", ErrFeedURLInvalid
		}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Hostname() == "" || u.Opaque != "" {
		return "", ErrFeedURLInvalid
	}
	if u.User != nil {
		return "", ErrFeedURLUserinfo
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return "", ErrFeedURLScheme
		}
	default:
		return "", ErrFeedURLScheme
	}
	return u.String(), nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// release is the part of a GitHub release object (and of a self-hosted feed) that is read.
type release struct {
	TagName     string `json:"tag_name"`
	Name        string `json:"name"`
	Body        string `json:"body"`
	HTMLURL     string `json:"html_url"`
	Draft       bool   `json:"draft"`
	Prerelease  bool   `json:"prerelease"`
	PublishedAt string `json:"published_at"`
}

// errMalformed marks a feed that is not a release list.
var errMalformed = errors.New("feed is not a list of releases")

// parseFeed reads a release list (GitHub's /releases) or one release (/releases/latest).
func parseFeed(b []byte) ([]release, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || !utf8.Valid(b) {
		return nil, errMalformed
	}
	var list []release
	switch b[0] {
	case '[':
		if err := json.Unmarshal(b, &list); err != nil {
			return nil, fmt.Errorf("%w: %v", errMalformed, err)
		}
	case '{':
		var one release
		if err := json.Unmarshal(b, &one); err != nil {
			return nil, fmt.Errorf("%w: %v", errMalformed, err)
		}
		if one.TagName == "" {
			return nil, errMalformed
		}
		list = []release{one}
	default:
		return nil, errMalformed
	}
	return list, nil
}

// plainNotes keeps release notes as plain text for the banner: control characters other than newlines
// and tabs dropped, at most MaxNotesRunes runes. The UI renders them as text, never as HTML.
func plainNotes(s string) string {
	var b strings.Builder
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		if r == utf8.RuneError || (unicode.IsControl(r) && r != '\n' && r != '\t') {
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(redact.Truncate(b.String(), MaxNotesRunes)) // outside text: scrubbed, then cut
}

// safeLink returns the release page when it is an absolute http(s) URL, else "": the link is opened in
// the system browser, so javascript:, file: and the like never reach it.
func safeLink(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.User != nil || len(raw) > MaxURLBytes || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	return u.String()
}
