package pages

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"siyana/backend/check"
	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/redact"
	"siyana/backend/safetext"
)

// fetch GETs one page, following at most MaxRedirects redirects by hand (so each hop is reported and no
// user-info of a Location is ever sent), and reads at most MaxBodyBytes of the final answer.
func (s *Service) fetch(ctx context.Context, client *http.Client, base string, pg profile.Page) (out Page) {
	out = Page{Path: pg.Path, URL: redact.Location(base + pg.Path), MustContain: pg.MustContain, Redirects: []Hop{}}
	ctx, cancel := check.Bound(ctx, s.PageTimeout)
	defer cancel()
	tr := &tracer{}
	ctx = httptrace.WithClientTrace(ctx, tr.trace())
	start := time.Now()
	defer func() { out.Timings = tr.timings(time.Since(start)) }()

	next, err := url.Parse(base + pg.Path)
	if err != nil || (next.Scheme != "http" && next.Scheme != "https") {
		out.fill(LevelDown, CodeBadRedirect, nil)
		return out
	}
	var cert *x509.Certificate
	for hop := 0; ; hop++ {
		next.User = nil
		req, err := newRequest(ctx, next.String())
		if err != nil {
			out.fill(LevelDown, CodeBadRedirect, nil)
			return out
		}
		tr.beginRequest()
		resp, err := client.Do(req)
		if err != nil {
			s.failed(ctx, &out, err)
			return out
		}
		out.Status = resp.StatusCode
		if resp.TLS != nil && len(resp.TLS.PeerCertificates) > 0 {
			if leaf := resp.TLS.PeerCertificates[0]; cert == nil || leaf.NotAfter.Before(cert.NotAfter) {
				cert = leaf
			}
		}
		if resp.StatusCode >= 300 && resp.StatusCode < 400 && resp.StatusCode != http.StatusNotModified {
			loc := resp.Header.Get("Location")
			drain(resp)
			target, err := next.Parse(strings.TrimSpace(loc))
			if loc == "" || err != nil || (target.Scheme != "http" && target.Scheme != "https") || target.Host == "" {
				out.Redirects = append(out.Redirects, Hop{Status: resp.StatusCode, Location: redact.Location(loc)})
				out.fill(LevelDown, CodeBadRedirect, nil)
				return out
			}
			out.Redirects = append(out.Redirects, Hop{Status: resp.StatusCode, Location: hopLocation(target)})
			if hop == MaxRedirects {
				out.fill(LevelDown, CodeTooManyRedirects, i18n.Params{"max": strconv.Itoa(MaxRedirects)})
				return out
			}
			next = target
			continue
		}
		out.Cache = cacheOf(resp.Header)
		found, err := s.read(resp, &out)
		if err != nil {
			s.failed(ctx, &out, err)
			return out
		}
		out.Found = found
		break
	}
	if cert != nil {
		out.Cert = &Cert{NotAfter: cert.NotAfter.UTC(), DaysLeft: int(cert.NotAfter.Sub(s.Clock.Now()).Hours() / 24)}
	}
	switch {
	case out.Status >= 400:
		out.fill(LevelDown, CodeHTTPError, i18n.Params{"status": strconv.Itoa(out.Status)})
	case out.MustContain != "" && !out.Found:
		out.fill(LevelDown, CodeTextMissing, i18n.Params{"text": out.MustContain})
	case out.Cert != nil && cert.NotAfter.Sub(s.Clock.Now()) < CertWarnDays*24*time.Hour:
		out.fill(LevelWarn, CodeCertExpiring, i18n.Params{"days": strconv.Itoa(max(out.Cert.DaysLeft, 0)),
			"notAfter": out.Cert.NotAfter.Format(time.DateOnly)})
	default:
		out.fill(LevelOK, check.CodeOK, nil)
	}
	return out
}

// read counts the body up to MaxBodyBytes and searches it for the page's text; the body is never kept.
func (s *Service) read(resp *http.Response, out *Page) (found bool, err error) {
	defer resp.Body.Close()
	var buf bytes.Buffer
	var w io.Writer = io.Discard
	if out.MustContain != "" {
		w = &buf
	}
	n, err := io.Copy(w, io.LimitReader(resp.Body, MaxBodyBytes+1))
	out.SizeBytes, out.Truncated = min(n, MaxBodyBytes), n > MaxBodyBytes
	if err != nil {
		return false, err
	}
	if out.MustContain == "" {
		return false, nil
	}
	body := buf.Bytes()[:out.SizeBytes]
	return bytes.Contains(body, []byte(out.MustContain)), nil
}

// hopLocation is where a redirect points, as redact.Location reports it, from the parsed target: its
// user-info, query and fragment are dropped before it is printed, so no '@' in them can move the cut.
func hopLocation(target *url.URL) string {
	u := url.URL{Scheme: target.Scheme, Host: target.Host, Path: target.Path}
	return redact.Location(u.String())
}

func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
}

// failed classifies a page that got no (complete) answer: a certificate problem by its kind, else the
// shared transport classifier.
func (s *Service) failed(ctx context.Context, out *Page, err error) {
	var (
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
		unknown x509.UnknownAuthorityError
		verr    *tls.CertificateVerificationError
		alert   tls.AlertError
		record  tls.RecordHeaderError
	)
	switch {
	case ctx.Err() != nil:
		out.fill(LevelDown, check.Transport(ctx, err), nil)
	case errors.As(err, &host):
		out.fill(LevelDown, CodeCertWrongHost, i18n.Params{"host": host.Host})
		out.Cert = s.certOf(host.Certificate)
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		out.Cert = s.certOf(invalid.Cert)
		p := i18n.Params{"notAfter": ""}
		if out.Cert != nil {
			p["notAfter"] = out.Cert.NotAfter.Format(time.DateOnly)
		}
		out.fill(LevelDown, CodeCertExpired, p)
	case errors.As(err, &unknown):
		out.fill(LevelDown, CodeCertUntrusted, nil)
		out.Cert = s.certOf(unknown.Cert)
	case errors.As(err, &verr), errors.As(err, &invalid), errors.As(err, &alert), errors.As(err, &record):
		out.fill(LevelDown, CodeTLSFailed, nil)
	default:
		out.fill(LevelDown, check.Transport(ctx, err), nil)
	}
}

func (s *Service) certOf(c *x509.Certificate) *Cert {
	if c == nil {
		return nil
	}
	return &Cert{NotAfter: c.NotAfter.UTC(), DaysLeft: int(c.NotAfter.Sub(s.Clock.Now()).Hours() / 24)}
}

// unfetched is a page the run's deadline reached before its turn.
func (s *Service) unfetched(ctx context.Context, base string, pg profile.Page) Page {
	out := Page{Path: pg.Path, URL: redact.Location(base + pg.Path), MustContain: pg.MustContain, Redirects: []Hop{}}
	out.fill(LevelDown, check.Transport(ctx, ctx.Err()), nil)
	return out
}

// token is ^[A-Za-z0-9_-]{1,32}$ and digits ^[0-9]{1,12}$, as loops: the regexps' counted repetitions
// compiled to large programs at every start of siyanactl (0.17 ms of the pages package's init).
func token(v string) bool {
	return len(v) >= 1 && len(v) <= 32 && !strings.ContainsFunc(v, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	})
}

func digits(v string) bool {
	return len(v) >= 1 && len(v) <= 12 && !strings.ContainsFunc(v, func(r rune) bool { return r < '0' || r > '9' })
}

// CacheState is the one reading of a Next.js answer's cache state: x-vercel-cache, else x-nextjs-cache,
// upper case (HIT, STALE, MISS, PRERENDER, REVALIDATED); "" on a dynamic page or for a value that is not a
// token. The revalidation card's verification reads it too.
func CacheState(h http.Header) string { return cacheOf(h).State }

// cacheOf reads the cache headers as sent: tokens and digits only, so a header carrying anything else (a
// hostile site echoing text) is dropped rather than shown.
func cacheOf(h http.Header) Cache {
	keep := func(name string, valid func(string) bool) string {
		if v := strings.TrimSpace(h.Get(name)); valid(v) {
			return v
		}
		return ""
	}
	c := Cache{NextJS: keep("X-Nextjs-Cache", token), Vercel: keep("X-Vercel-Cache", token), Age: keep("Age", digits)}
	c.State = strings.ToUpper(c.Vercel)
	if c.State == "" {
		c.State = strings.ToUpper(c.NextJS)
	}
	if cc := strings.TrimSpace(h.Get("Cache-Control")); safetext.Check(cc) == safetext.OK {
		c.CacheControl = safetext.Cut(cc, 200)
	}
	return c
}

// tracer sums the connection phases of a page's requests. Callbacks run on the transport's goroutines.
type tracer struct {
	mu                                        sync.Mutex
	dnsStart, connStart, tlsStart, wrote, got time.Time
	dns, conn, tls                            time.Duration
}

func (t *tracer) beginRequest() {
	t.mu.Lock()
	t.wrote, t.got = time.Time{}, time.Time{}
	t.mu.Unlock()
}

func (t *tracer) trace() *httptrace.ClientTrace {
	lock := func(f func()) { t.mu.Lock(); f(); t.mu.Unlock() }
	return &httptrace.ClientTrace{
		DNSStart:             func(httptrace.DNSStartInfo) { lock(func() { t.dnsStart = time.Now() }) },
		DNSDone:              func(httptrace.DNSDoneInfo) { lock(func() { t.dns += time.Since(t.dnsStart) }) },
		ConnectStart:         func(string, string) { lock(func() { t.connStart = time.Now() }) },
		ConnectDone:          func(string, string, error) { lock(func() { t.conn += time.Since(t.connStart) }) },
		TLSHandshakeStart:    func() { lock(func() { t.tlsStart = time.Now() }) },
		TLSHandshakeDone:     func(tls.ConnectionState, error) { lock(func() { t.tls += time.Since(t.tlsStart) }) },
		WroteRequest:         func(httptrace.WroteRequestInfo) { lock(func() { t.wrote = time.Now() }) },
		GotFirstResponseByte: func() { lock(func() { t.got = time.Now() }) },
	}
}

func (t *tracer) timings(total time.Duration) Timings {
	t.mu.Lock()
	defer t.mu.Unlock()
	tm := Timings{DNSMs: check.Ms(t.dns), ConnectMs: check.Ms(t.conn), TLSMs: check.Ms(t.tls), TotalMs: check.Ms(total)}
	if !t.wrote.IsZero() && t.got.After(t.wrote) {
		tm.FirstByteMs = check.Ms(t.got.Sub(t.wrote))
	}
	return tm
}
