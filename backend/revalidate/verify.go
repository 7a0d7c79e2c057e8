package revalidate

import (
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"strings"
	"time"

	"siyana/backend/buildinfo"
	"siyana/backend/check"
	"siyana/backend/pages"
)

// verifyCheck is one page on one instance.
type verifyCheck struct {
	base, path string
}

// pageSnap is what one GET of a page tells: enough to see whether it was rendered again.
type pageSnap struct {
	err    error
	status int
	cache  string // x-vercel-cache, else x-nextjs-cache, upper case; "" on dynamic pages
	etag   string
	sum    [32]byte
}

// verifyChecks lists the pages to GET: the revalidated paths then the extra ones, on every instance, capped.
func verifyChecks(urls []string, paths []PathSpec, extra []string) []verifyCheck {
	var list []string
	seen := map[string]bool{}
	for _, p := range paths {
		if !seen[p.Path] {
			seen[p.Path] = true
			list = append(list, p.Path)
		}
	}
	for _, e := range extra {
		p := strings.TrimSpace(ParsePath(e).Path) // a typed default path is verified as its own page
		if p != "" && !seen[p] && pathProblem(PathSpec{Path: p}) == "" {
			seen[p] = true
			list = append(list, p)
		}
	}
	var out []verifyCheck
	for _, p := range list {
		for _, u := range urls {
			if len(out) == MaxVerifyChecks {
				return out
			}
			out = append(out, verifyCheck{base: u, path: p})
		}
	}
	return out
}

// baseline GETs every page before the run, so verification can tell a new render from the old one.
func (s *Service) baseline(ctx context.Context, checks []verifyCheck, sink *progressSink) []pageSnap {
	out := make([]pageSnap, len(checks))
	forEachLimit(ctx, len(checks), s.concurrency, func(i int) {
		out[i] = s.getPage(ctx, checks[i].base+checks[i].path)
		sink.update(func(p *Progress) { p.Phase, p.Current = "baseline", checks[i].path; p.Step++ })
	})
	return out
}

// verify polls each page until it shows a new render or the bound passes. The GET is also what rebuilds a
// revalidated page: Next renders lazily, on the first request after the revalidation.
func (s *Service) verify(ctx context.Context, checks []verifyCheck, befores []pageSnap, sink *progressSink) []VerifyResult {
	out := make([]VerifyResult, len(checks))
	for i, c := range checks {
		out[i] = VerifyResult{Path: c.path, Instance: c.base, State: StateUnknown, Reason: "canceled"}
	}
	forEachLimit(ctx, len(checks), s.concurrency, func(i int) {
		sink.update(func(p *Progress) { p.Phase, p.Current = "verify", checks[i].path })
		out[i] = s.verifyOne(ctx, checks[i], befores[i])
		sink.update(func(p *Progress) { p.Phase = "verify"; p.Step++ })
	})
	return out
}

func (s *Service) verifyOne(ctx context.Context, c verifyCheck, before pageSnap) VerifyResult {
	start := time.Now()
	deadline := start.Add(s.VerifyBound)
	v := VerifyResult{Path: c.path, Instance: c.base, CacheBefore: before.cache, State: StateStale}
	delay := 100 * time.Millisecond
	sawStale := false
	for {
		after := s.getPage(ctx, c.base+c.path)
		v.Attempts++
		v.HTTPStatus, v.CacheAfter = after.status, after.cache
		v.ETagChanged = before.err == nil && after.etag != "" && before.etag != "" && after.etag != before.etag
		v.BodyChanged = before.err == nil && after.err == nil && after.sum != before.sum
		changed := v.ETagChanged || v.BodyChanged
		done := true
		switch {
		case after.err != nil:
			v.State, v.Reason, v.Note, done = StateUnknown, "fetchFailed", s.Redact.Truncate(after.err.Error(), maxDetail), false
		case after.status >= 300 && after.status < 400:
			v.State, v.Reason, v.Note = StateUnknown, "redirect", ""
		case after.status >= 400:
			v.State, v.Reason, v.Note, done = StateUnknown, "httpError", "", after.status < 500
		case after.cache == "STALE":
			// Stale-while-revalidate: this GET started the render; the next ones show its result.
			sawStale, done = true, false
			v.State, v.Reason, v.Note = StateStale, "stale", ""
		case after.cache == "MISS" || after.cache == "REVALIDATED":
			v.State, v.Reason, v.Note = StateFresh, "", "" // rendered for this very request
		case changed:
			v.State, v.Reason, v.Note = StateFresh, "", ""
		case after.cache != "" && sawStale:
			v.State, v.Reason, v.Note = StateFresh, "", "" // the render started by the STALE answer is now served
		case after.cache == "":
			v.State, v.Reason, v.Note = StateUnknown, "dynamic", ""
			done = v.Attempts >= dynamicTries
		default:
			v.State, v.Reason, v.Note, done = StateStale, "staleCached", "", false
		}
		if done || ctx.Err() != nil || time.Now().Add(delay).After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(delay):
		}
		delay = min(delay*2, time.Second)
	}
	v.DurationMs = check.Ms(time.Since(start))
	return v
}

// getPage GETs a page without the secret, without following redirects, hashing a bounded body.
func (s *Service) getPage(ctx context.Context, u string) pageSnap {
	rctx, cancel := context.WithTimeout(ctx, s.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u, nil)
	if err != nil {
		return pageSnap{err: err}
	}
	req.Header.Set("Accept", "text/html")
	req.Header.Set("User-Agent", "Siyana/"+buildinfo.Version)
	resp, err := s.noRedirect.Do(req)
	if err != nil {
		return pageSnap{err: err}
	}
	defer resp.Body.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(resp.Body, maxVerifyBody)); err != nil {
		return pageSnap{err: err, status: resp.StatusCode}
	}
	snap := pageSnap{status: resp.StatusCode, etag: resp.Header.Get("ETag")}
	h.Sum(snap.sum[:0])
	snap.cache = pages.CacheState(resp.Header)
	return snap
}
