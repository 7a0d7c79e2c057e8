package update

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"github.com/Masterminds/semver/v3"

	"siyana/backend/atomicfile"
	"siyana/backend/check"
	"siyana/backend/i18n"
)

// FileName is the settings file under the config dir.
const FileName = "update.json"

// Settings is what the admin chooses in Settings → Updates.
type Settings struct {
	Enabled bool   `json:"enabled"` // off until the admin turns it on
	FeedURL string `json:"feedUrl"` // "" means DefaultFeedURL
}

// SettingsResult answers UpdateSettings and SaveUpdateSettings.
type SettingsResult struct {
	OK          bool                       `json:"ok"`
	Code        string                     `json:"code"`        // CodeSaved, CodeInvalidInput, CodeStoreFailed
	Message     string                     `json:"message"`     // English detail for logs; the UI renders Code
	FieldErrors map[string]i18n.FieldError `json:"fieldErrors"` // "feedUrl" -> rule (field.<code>)
	Settings    Settings                   `json:"settings"`    // as stored after the call
	DefaultFeed string                     `json:"defaultFeed"` // shown as the field's placeholder
}

// Result is one check, as the banner and the Settings panel show it.
type Result struct {
	Code       string    `json:"code"`                       // one of the Code* constants
	Message    string    `json:"message"`                    // English detail for logs; the UI renders Code (+ Status)
	Current    string    `json:"current"`                    // the running version as stamped into the binary
	Latest     string    `json:"latest,omitempty"`           // the newest release's tag (UPDATE_AVAILABLE, UP_TO_DATE)
	Name       string    `json:"name,omitempty"`             // its title
	Notes      string    `json:"notes,omitempty"`            // its notes, plain text, at most MaxNotesRunes
	URL        string    `json:"url,omitempty"`              // its page (http/https only), opened in the browser
	Status     int       `json:"status,omitempty"`           // HTTP status for FEED_HTTP_STATUS
	FeedURL    string    `json:"feedUrl"`                    // the feed asked (or that would be)
	CheckedAt  time.Time `json:"checkedAt" ts_type:"string"` // when the feed was asked; zero when it was not
	Cached     bool      `json:"cached"`                     // the last check's answer, less than Interval old
	DurationMs float64   `json:"durationMs"`                 // time spent asking the feed
}

// state is the file: the settings and the last check.
type state struct {
	Settings
	Last *Result `json:"last,omitempty"`
}

// Service checks for updates. The zero value is not usable: use New.
type Service struct {
	path    string
	current string
	// Transport carries the feed request; nil means http.DefaultTransport. Tests put a loopback or a
	// failing transport here.
	Transport http.RoundTripper
	// Now is the clock; nil means time.Now.
	Now check.Clock

	mu sync.Mutex
}

// New returns a service keeping its settings in configDir/update.json; current is the running version.
// Without a config dir (it could not be opened) nothing is kept: the notice stays off and saving answers
// SETTINGS_UNWRITABLE, so the service is never missing.
func New(configDir, current string) *Service {
	if configDir == "" {
		return &Service{current: current}
	}
	return &Service{path: filepath.Join(configDir, FileName), current: current}
}

var errNoConfigDir = errors.New("update: no config dir")

// load reads the file; a missing file is the defaults (off), an unreadable one too (and says so).
func (s *Service) load() (state, error) {
	var st state
	if s.path == "" {
		return st, nil
	}
	b, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return state{}, err
	}
	// A hand-edited file gets the same rule as the form.
	if u, err := ValidateFeedURL(st.FeedURL); err != nil {
		st.FeedURL, st.Enabled = "", false
	} else {
		st.FeedURL = u
	}
	return st, nil
}

func (s *Service) save(st state) error {
	if s.path == "" {
		return errNoConfigDir
	}
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(s.path, b)
}

// Settings returns the stored settings (off when nothing is stored).
func (s *Service) Settings() SettingsResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, _ := s.load()
	return SettingsResult{OK: true, Code: CodeSaved, Settings: st.Settings, FieldErrors: map[string]i18n.FieldError{}, DefaultFeed: DefaultFeedURL}
}

// SaveSettings validates and stores the settings. A refused feed URL changes nothing. Changing the feed
// forgets the last check, so the next check asks the new feed.
func (s *Service) SaveSettings(in Settings) SettingsResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, _ := s.load()
	r := SettingsResult{FieldErrors: map[string]i18n.FieldError{}, Settings: st.Settings, DefaultFeed: DefaultFeedURL}
	feed, err := ValidateFeedURL(in.FeedURL)
	if err != nil {
		r.Code, r.Message = CodeInvalidInput, message(CodeInvalidInput)
		r.FieldErrors["feedUrl"] = i18n.FieldError{Code: fieldCodes[err]}
		return r
	}
	if feed != st.FeedURL {
		st.Last = nil
	}
	st.Settings = Settings{Enabled: in.Enabled, FeedURL: feed}
	if !st.Enabled {
		st.Last = nil
	}
	if err := s.save(st); err != nil {
		r.Code, r.Message = CodeStoreFailed, message(CodeStoreFailed)
		return r
	}
	r.OK, r.Code, r.Message, r.Settings = true, CodeSaved, message(CodeSaved), st.Settings
	return r
}

// Check answers whether a newer release is out. Off: DISABLED, and nothing leaves this computer. On: the
// last answer while it is less than Interval old, else one bounded request to the feed, whose answer is
// stored with the time it was asked.
func (s *Service) Check(ctx context.Context) Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, _ := s.load()
	feed := st.FeedURL
	if feed == "" {
		feed = DefaultFeedURL
	}
	r := Result{Current: s.current, FeedURL: feed}
	if !st.Enabled {
		return withCode(r, CodeDisabled)
	}
	current, ok := runningVersion(s.current)
	if !ok {
		return withCode(r, CodeVersionUnknown)
	}
	now := s.Now.Now()
	if last := st.Last; last != nil && last.FeedURL == feed && last.Current == s.current &&
		!last.CheckedAt.After(now) && now.Sub(last.CheckedAt) < Interval {
		cached := *last
		cached.Cached = true
		return cached
	}

	start := time.Now()
	r = s.ask(ctx, r, current)
	r.CheckedAt, r.DurationMs = now, check.Ms(time.Since(start))
	if r.Code != CodeCanceled {
		st.Last = &r
		_ = s.save(st) // a read-only config dir only means asking again next start
	}
	return r
}

// ask makes the one request and reads the answer.
func (s *Service) ask(parent context.Context, r Result, current *semver.Version) Result {
	ctx, cancel := check.Bound(parent, Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.FeedURL, nil)
	if err != nil {
		return withCode(r, CodeFeedUnreachable)
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("User-Agent", "Siyana/"+s.current)
	resp, err := s.client().Do(req)
	if err != nil {
		return withCode(r, transportCode(parent, err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		r.Status = resp.StatusCode
		r = withCode(r, CodeFeedStatus)
		r.Message = fmt.Sprintf("%s (HTTP %d)", r.Message, resp.StatusCode) // English; Status is its own field
		return r
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxFeedBytes+1))
	if err != nil {
		return withCode(r, transportCode(parent, err))
	}
	if len(body) > MaxFeedBytes {
		return withCode(r, CodeFeedTooLarge)
	}
	releases, err := parseFeed(body)
	if err != nil {
		return withCode(r, CodeFeedMalformed)
	}
	newest, v, found, err := pick(releases, current.Prerelease() != "")
	if err != nil {
		return withCode(r, CodeFeedMalformed)
	}
	if !found {
		return withCode(r, CodeUpToDate)
	}
	r.Latest = newest.TagName
	if !v.GreaterThan(current) {
		return withCode(r, CodeUpToDate)
	}
	r.Name, r.Notes, r.URL = plainNotes(newest.Name), plainNotes(newest.Body), safeLink(newest.HTMLURL)
	return withCode(r, CodeUpdateAvailable)
}

// client follows at most 5 redirects and never from https down to plain http.
func (s *Service) client() *http.Client {
	t := s.Transport
	if t == nil {
		t = http.DefaultTransport
	}
	return &http.Client{Transport: t, Timeout: Timeout, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("too many redirects")
		}
		if _, err := ValidateFeedURL(req.URL.String()); err != nil {
			return err
		}
		return nil
	}}
}

// pick returns the newest release that counts: no drafts, and no pre-releases unless the running version
// is one. found is false for an empty list; err when no entry has a version tag at all.
func pick(releases []release, allowPre bool) (best release, bestV *semver.Version, found bool, err error) {
	parsed := 0
	for _, rel := range releases {
		v, ok := parseVersion(rel.TagName)
		if !ok {
			continue
		}
		parsed++
		if rel.Draft || ((rel.Prerelease || v.Prerelease() != "") && !allowPre) {
			continue
		}
		if bestV == nil || v.GreaterThan(bestV) {
			best, bestV, found = rel, v, true
		}
	}
	if parsed == 0 && len(releases) > 0 {
		return best, nil, false, errMalformed
	}
	return best, bestV, found, nil
}

// describeSuffix is what `git describe` adds after the tag: commits since it, and a dirty tree.
var describeSuffix = regexp.MustCompile(`(-\d+-g[0-9a-f]{4,40})?(-dirty)?$`)

// runningVersion reads the stamped version: a tag (v1.2.3, v1.2.3-rc.1), possibly with git describe's
// suffix, which is read as the tag itself. A bare commit hash or "dev" is no version.
func runningVersion(stamped string) (*semver.Version, bool) {
	return parseVersion(describeSuffix.ReplaceAllString(stamped, ""))
}

// parseVersion reads X.Y.Z[-pre][+build] with an optional leading v. Strict: "1234567" (a commit hash
// made of digits) or "1.2" are no versions.
func parseVersion(s string) (*semver.Version, bool) {
	if len(s) > 1 && (s[0] == 'v' || s[0] == 'V') {
		s = s[1:]
	}
	v, err := semver.StrictNewVersion(s)
	if err != nil {
		return nil, false
	}
	return v, true
}

func withCode(r Result, code string) Result {
	r.Code, r.Message = code, message(code)
	return r
}

// transportCode tells the app closing from a deadline and from a network failure.
func transportCode(parent context.Context, err error) string {
	switch check.Transport(parent, err) {
	case check.CodeCanceled:
		return CodeCanceled
	case check.CodeTimeout:
		return CodeFeedTimeout
	default:
		return CodeFeedUnreachable
	}
}
