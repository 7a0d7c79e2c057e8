package revalidate

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"math"
	"net/http"
	"sync"
	"time"

	"siyana/backend/check"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/redact"
)

// Config holds the service's dependencies; zero fields get defaults.
type Config struct {
	HTTP     *http.Client     // default: a client without its own timeout (each request gets RequestTimeout)
	Now      check.Clock      // default time.Now; drives cooldowns and timestamps
	Runtime  platform.Runtime // progress events; nil drops them
	LogDir   string           // config dir holding revalidate-log.jsonl; "" keeps no log
	Cooldown time.Duration    // default DefaultCooldown; a Request may override it

	RequestTimeout time.Duration // per request, default check.DefaultTimeout
	VerifyBound    time.Duration // per verified page, default VerifyBound
	LogMaxEntries  int           // default DefaultLogMaxEntries
	LogMaxBytes    int64         // default DefaultLogMaxBytes

	// Redact removes secrets from the site's words before they are kept anywhere (result, history,
	// operation log); default a private registry that learns each run's secret. The app passes its own,
	// which knows every secret read this session.
	Redact *redact.Registry
}

// Service runs revalidations. It is safe for concurrent use; one run at a time per profile.
type Service struct {
	Config
	noRedirect *http.Client // the same transport, refusing redirects: a redirect must not carry the secret
	log        *opLog

	mu       sync.Mutex
	profiles map[string]*profileState

	// Set only by tests in this package.
	skipValidation bool // send input as given, to see the route's own 422
	batchSize      int
	concurrency    int
}

// profileState is what the service remembers per profile between runs (not across restarts, except via the log).
type profileState struct {
	runID         string
	cancel        context.CancelFunc
	sink          *progressSink
	cooldownUntil time.Time
	// siteRetryUntil is when the site's own Retry-After (a 429) ends; unlike the cooldown it holds back dry
	// runs too, since the route's token bucket counts every authenticated call.
	siteRetryUntil time.Time
	nextVersion    string
	last           *Result // the previous run, for RetryFailed with full detail
}

// New builds a Service.
func New(c Config) *Service {
	if c.HTTP == nil {
		c.HTTP = &http.Client{}
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Cooldown == 0 {
		c.Cooldown = DefaultCooldown
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = check.DefaultTimeout
	}
	if c.VerifyBound <= 0 {
		c.VerifyBound = VerifyBound
	}
	if c.LogMaxEntries <= 0 {
		c.LogMaxEntries = DefaultLogMaxEntries
	}
	if c.LogMaxBytes <= 0 {
		c.LogMaxBytes = DefaultLogMaxBytes
	}
	if c.Redact == nil {
		c.Redact = redact.NewRegistry()
	}
	nr := *c.HTTP
	nr.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	s := &Service{Config: c, noRedirect: &nr, profiles: map[string]*profileState{}, batchSize: BatchSize, concurrency: Concurrency}
	if c.LogDir != "" {
		s.log = newOpLog(c.LogDir, c.LogMaxEntries, c.LogMaxBytes, c.Redact)
	}
	return s
}

// RevalidateTags revalidates req.Tags (req.Paths is ignored).
func (s *Service) RevalidateTags(ctx context.Context, req Request) Result {
	req.Paths = nil
	return s.run(ctx, KindTags, req, false, "")
}

// RevalidatePaths revalidates req.Paths (req.Tags is ignored).
func (s *Service) RevalidatePaths(ctx context.Context, req Request) Result {
	req.Tags = nil
	return s.run(ctx, KindPaths, req, false, "")
}

// FullRefresh revalidates tags then paths, like the site's refreshAllCaches; empty lists take the defaults.
func (s *Service) FullRefresh(ctx context.Context, req Request) Result {
	if req.Production && !req.Confirmed {
		return s.refused(KindFull, CodeConfirmRequired, nil, s.Now())
	}
	if len(req.Tags) == 0 {
		req.Tags = profile.DefaultTags
	}
	if len(req.Paths) == 0 {
		req.Paths = Paths(profile.DefaultPaths...)
	}
	return s.run(ctx, KindFull, req, false, "")
}

// TestConnection sends a dry run (the route checks the secret and the input, revalidates nothing) with the
// request's items, or the defaults. It is not throttled by the cooldown and starts none, nor is it logged.
func (s *Service) TestConnection(ctx context.Context, req Request) Result {
	if len(req.Tags) == 0 && len(req.Paths) == 0 {
		req.Tags, req.Paths = profile.DefaultTags, Paths(profile.DefaultPaths...)
	}
	req.Verify = false
	return s.run(ctx, KindTest, req, true, "")
}

// RetryFailed re-runs only the items that were not done in run runID of req.ProfileID, with that run's mode,
// against the URLs and secret in req (req's items are ignored).
func (s *Service) RetryFailed(ctx context.Context, req Request, runID string) Result {
	start := s.Now()
	tags, paths, mode, found := s.failedItems(req.ProfileID, runID)
	if !found {
		return s.refused(KindRetry, CodeNotFound, nil, start)
	}
	if len(tags)+len(paths) == 0 {
		r := s.refused(KindRetry, CodeOK, i18n.Params{"reason": "nothingToRetry"}, start)
		r.OK, r.RetryOf = true, runID
		return r
	}
	req.Tags, req.Paths, req.Mode = tags, paths, mode
	return s.run(ctx, KindRetry, req, false, runID)
}

// failedItems finds a run in memory (full detail) or in the log (possibly cut, see LogEntry.Truncated).
func (s *Service) failedItems(profileID, runID string) (tags []string, paths []PathSpec, mode string, found bool) {
	s.mu.Lock()
	st := s.profiles[profileID]
	var last *Result
	if st != nil {
		last = st.last
	}
	s.mu.Unlock()
	var failed []ItemResult
	if last != nil && last.RunID == runID {
		failed, mode, found = last.Items, last.Mode, true
	} else if s.log != nil {
		entries, _, _ := s.log.read()
		for _, e := range entries {
			if e.RunID == runID && e.ProfileID == profileID {
				failed, mode, found = e.Errors, e.Mode, true
			}
		}
	}
	for _, it := range failed {
		if it.OK {
			continue
		}
		if it.Kind == "tag" {
			tags = append(tags, it.Item)
		} else {
			paths = append(paths, PathSpec{Path: it.Item, Type: it.Type})
		}
	}
	return tags, paths, mode, found
}

// Cancel stops the running run of a profile; it reports whether there was one. The run returns CANCELED
// with what was done before.
func (s *Service) Cancel(profileID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.profiles[profileID]; st != nil && st.cancel != nil {
		st.cancel()
		return true
	}
	return false
}

// CancelRun stops a run by its id.
func (s *Service) CancelRun(runID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.profiles {
		if st.runID == runID && st.cancel != nil {
			st.cancel()
			return true
		}
	}
	return false
}

// Status tells whether a run is going and how long the cooldown lasts, for a view opened mid-run.
func (s *Service) Status(profileID string) Status {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	out := Status{ProfileID: profileID, CheckedAt: now}
	st := s.profiles[profileID]
	if st == nil {
		return out
	}
	out.NextVersion = st.nextVersion
	if st.cancel != nil {
		out.Running, out.RunID = true, st.runID
		if st.sink != nil {
			p := st.sink.snapshot()
			out.Progress = &p
		}
	}
	until := st.cooldownUntil
	if st.siteRetryUntil.After(until) {
		until = st.siteRetryUntil
	}
	if left := until.Sub(now); left > 0 {
		out.CooldownSeconds, out.CooldownUntil = ceilSeconds(left), until
	}
	return out
}

// LastNextVersion is the Next.js version last reported by the route for this profile (memory, then log).
func (s *Service) LastNextVersion(profileID string) string {
	s.mu.Lock()
	if st := s.profiles[profileID]; st != nil && st.nextVersion != "" {
		s.mu.Unlock()
		return st.nextVersion
	}
	s.mu.Unlock()
	if s.log == nil {
		return ""
	}
	entries, _, _ := s.log.read()
	for i := len(entries) - 1; i >= 0; i-- {
		if e := entries[i]; e.ProfileID == profileID && e.NextVersion != "" {
			return s.Redact.Scrub(e.NextVersion) // the only field used: scrub just it
		}
	}
	return ""
}

// Last returns the newest n runs of a profile from the log (n <= 0 means 5); it survives restarts.
func (s *Service) Last(profileID string, n int) History {
	start := s.Now()
	if n <= 0 {
		n = 5
	}
	h := History{OK: true, Code: CodeOK, Entries: []LogEntry{}}
	if s.log != nil {
		entries, skipped, err := s.log.read()
		if err != nil {
			h.OK, h.Code, h.Reason = false, check.CodeInternal, "logUnreadable"
			h.Message = say(h.Code, i18n.Params{"reason": h.Reason})
		}
		h.SkippedLines = skipped
		for i := len(entries) - 1; i >= 0 && len(h.Entries) < n; i-- {
			if entries[i].ProfileID == profileID {
				e := entries[i]
				if clean, serr := s.log.scrub(e); serr == nil {
					e = clean
				} else {
					continue // fail closed: an entry that cannot be scrubbed is not shown
				}
				h.Entries = append(h.Entries, e)
			}
		}
	}
	if h.OK && h.SkippedLines > 0 {
		h.Reason = "logLinesSkipped"
		h.Message = say(h.Code, i18n.Params{"reason": h.Reason})
	}
	h.CheckedAt = s.Now()
	h.DurationMs = check.Ms(h.CheckedAt.Sub(start))
	return h
}

// acquire marks a run as going, or says why not (BUSY, THROTTLED with the seconds left).
func (s *Service) acquire(ctx context.Context, profileID string, dryRun bool) (runID string, rctx context.Context, code string, wait int) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.profiles[profileID]
	if st == nil {
		st = &profileState{}
		s.profiles[profileID] = st
	}
	if st.cancel != nil {
		return "", nil, CodeBusy, 0
	}
	if left := st.siteRetryUntil.Sub(now); left > 0 {
		return "", nil, CodeThrottled, ceilSeconds(left)
	}
	if left := st.cooldownUntil.Sub(now); left > 0 && !dryRun {
		return "", nil, CodeThrottled, ceilSeconds(left)
	}
	st.runID = newRunID()
	rctx, st.cancel = context.WithCancel(ctx)
	return st.runID, rctx, "", 0
}

// setSink publishes the running run's progress for Status.
func (s *Service) setSink(profileID string, sink *progressSink) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.profiles[profileID].sink = sink
}

// release ends the run and starts the cooldown after a run that sent something.
func (s *Service) release(profileID string, cooldown time.Duration, res *Result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.profiles[profileID]
	st.cancel()
	st.cancel, st.sink = nil, nil
	if !res.DryRun && cooldown > 0 {
		st.cooldownUntil = s.Now().Add(cooldown)
	}
	if res.Code == CodeThrottled && res.RetryAfterSeconds > 0 {
		st.siteRetryUntil = s.Now().Add(time.Duration(res.RetryAfterSeconds) * time.Second)
	}
	if res.NextVersion != "" {
		st.nextVersion = res.NextVersion
	}
	if !res.DryRun {
		st.last = res
	}
}

func (s *Service) cooldownFor(req Request) time.Duration {
	switch {
	case req.CooldownSeconds < 0:
		return 0
	case req.CooldownSeconds > 0:
		return time.Duration(req.CooldownSeconds) * time.Second
	case s.Cooldown < 0:
		return 0
	default:
		return s.Cooldown
	}
}

func ceilSeconds(d time.Duration) int { return int(math.Ceil(d.Seconds())) }

func newRunID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
