package pages

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"siyana/backend/buildinfo"
	"siyana/backend/check"
	"siyana/backend/i18n"
	"siyana/backend/profile"
)

// RunTimeout bounds a whole run (below the bridge's 30 s); each page has check.DefaultTimeout of it.
const RunTimeout = 25 * time.Second

// Service fetches pages. The zero value is ready: the system's trusted authorities, time.Now.
type Service struct {
	// RootCAs, when set, replaces the system's trusted authorities (tests trust their own CA this way;
	// verification is never turned off).
	RootCAs *x509.CertPool
	// Clock gives the time certificates are judged against (expiry warnings).
	Clock check.Clock
	// PageTimeout bounds one page, redirects included; 0 is check.DefaultTimeout.
	PageTimeout time.Duration
}

// Request is what one run fetches: the site and its pages (profile.PageList).
type Request struct {
	SiteURL string
	Pages   []profile.Page
}

// Check fetches every page of req, MaxConcurrent at a time, within RunTimeout (or ctx's earlier deadline).
// A site without a URL is NOT_CONFIGURED, naming the variable.
func (s *Service) Check(ctx context.Context, req Request) Result {
	start := s.Clock.Now()
	res := Result{SiteURL: req.SiteURL, Pages: []Page{}, CheckedAt: start.UTC()}
	if strings.TrimSpace(req.SiteURL) == "" {
		res.Fill(check.CodeNotConfigured, i18n.Params{"reason": "missing", "list": "NEXT_PUBLIC_SITE_URL"})
		return res
	}
	ctx, cancel := check.Bound(ctx, RunTimeout)
	defer cancel()
	tr := s.transport()
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	base := strings.TrimRight(req.SiteURL, "/")
	res.Pages = make([]Page, len(req.Pages))
	sem := make(chan struct{}, MaxConcurrent)
	var wg sync.WaitGroup
	for i, pg := range req.Pages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
				res.Pages[i] = s.fetch(ctx, client, base, pg)
			case <-ctx.Done():
				res.Pages[i] = s.unfetched(ctx, base, pg)
			}
		}()
	}
	wg.Wait()
	res.Fill(summarize(res.Pages))
	res.Level = LevelOK
	for _, p := range res.Pages {
		if rank(p.Level) > rank(res.Level) {
			res.Level = p.Level
		}
	}
	res.DurationMs = check.Ms(s.Clock.Now().Sub(start))
	return res
}

// transport is a fresh one per run, so each run pays DNS, connect and TLS as a new visitor does; no proxy
// credentials, no cookie jar (the client has none).
func (s *Service) transport() *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: s.RootCAs, MinVersion: tls.VersionTLS12}
	tr.MaxIdleConnsPerHost = MaxConcurrent
	return tr
}

// newRequest is a visitor's GET: a browser's Accept, Arabic first, a User-Agent naming Siyana; no cookie,
// no Authorization (a URL's user-info is removed before it gets here).
func newRequest(ctx context.Context, u string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	req.Header.Set("Accept-Language", "ar,en;q=0.8")
	req.Header.Set("User-Agent", "Mozilla/5.0 (compatible; Siyana/"+buildinfo.Version+"; storefront check)")
	return req, nil
}

func rank(level string) int {
	switch level {
	case LevelDown:
		return 2
	case LevelWarn:
		return 1
	}
	return 0
}

// summarize is the run's code: OK, PAGES_WARN or PAGES_DOWN naming the first page of the worst level.
func summarize(pages []Page) (string, i18n.Params) {
	down, warn, first := 0, 0, -1
	for i, p := range pages {
		switch p.Level {
		case LevelDown:
			if down == 0 {
				first = i
			}
			down++
		case LevelWarn:
			if down == 0 && warn == 0 {
				first = i
			}
			warn++
		}
	}
	total := strconv.Itoa(len(pages))
	switch {
	case down > 0:
		return CodePagesDown, i18n.Params{"total": total, "down": strconv.Itoa(down), "path": pages[first].Path, "code": pages[first].Code}
	case warn > 0:
		return CodePagesWarn, i18n.Params{"total": total, "warn": strconv.Itoa(warn), "path": pages[first].Path, "code": pages[first].Code}
	}
	return check.CodeOK, i18n.Params{"reason": "allUp", "total": total}
}
