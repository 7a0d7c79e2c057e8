// Package pages fetches the storefront's own pages the way a visitor's browser would (GET, a browser's
// Accept, no cookie, no credential) and says for each: status, size, where the time went, the Next.js cache
// state, the TLS certificate's expiry, the redirect chain and whether a chosen text is on the page. It
// reports headers and figures only, never a body. It knows nothing of Wails.
package pages

import (
	"time"

	"siyana/backend/check"
	"siyana/backend/i18n"
)

// Codes of one page (OK, TIMEOUT, UNREACHABLE and CANCELED come from package check).
const (
	// CodeHTTPError: the page answered 4xx or 5xx (params: status).
	CodeHTTPError = "PAGE_HTTP_ERROR"
	// CodeTooManyRedirects: more than MaxRedirects hops (params: max).
	CodeTooManyRedirects = "PAGE_TOO_MANY_REDIRECTS"
	// CodeBadRedirect: a redirect without a usable http(s) Location.
	CodeBadRedirect = "PAGE_BAD_REDIRECT"
	// CodeTextMissing: the page does not contain its must-contain text (params: text).
	CodeTextMissing = "PAGE_TEXT_MISSING"
	// CodeCertExpiring: the certificate expires in less than CertWarnDays (a warning; params: days, notAfter).
	CodeCertExpiring = "CERT_EXPIRING"
	// CodeCertExpired: the certificate has expired (params: notAfter).
	CodeCertExpired = "CERT_EXPIRED"
	// CodeCertWrongHost: the certificate is for another name (params: host).
	CodeCertWrongHost = "CERT_WRONG_HOST"
	// CodeCertUntrusted: no trusted authority signed the certificate.
	CodeCertUntrusted = "CERT_UNTRUSTED"
	// CodeTLSFailed: the TLS handshake failed for another reason.
	CodeTLSFailed = "PAGE_TLS_FAILED"
)

// Codes of a run (OK, NOT_CONFIGURED and the stop reasons come from package check).
const (
	// CodePagesWarn: every page is up, some with a warning (params: total, warn, path, code of the first).
	CodePagesWarn = "PAGES_WARN"
	// CodePagesDown: some pages are down (params: total, down, path, code of the first).
	CodePagesDown = "PAGES_DOWN"
)

// Levels of a page and of a run: up, up with a warning (a certificate about to expire), or down.
const (
	LevelOK   = "ok"
	LevelWarn = "warn"
	LevelDown = "down"
)

// Limits. A visitor's browser gives up on a redirect loop after 20 hops; five are plenty for a shop.
const (
	MaxRedirects  = 5
	MaxBodyBytes  = 4 << 20 // read at most this much of a page (size and the must-contain search stop there)
	MaxConcurrent = 4       // pages fetched at once
	CertWarnDays  = 14
)

// Timings are where one page's time went (net/http/httptrace), summed over its redirect hops: DNS, connect
// and TLS are zero when a connection was reused; FirstByte is the last request's wait for its answer.
type Timings struct {
	DNSMs       float64 `json:"dnsMs"`
	ConnectMs   float64 `json:"connectMs"`
	TLSMs       float64 `json:"tlsMs"`
	FirstByteMs float64 `json:"firstByteMs"`
	TotalMs     float64 `json:"totalMs"` // first request sent → last body byte read, all hops
}

// Cache is what the final answer says about caching, as sent (tokens only; anything else is dropped).
type Cache struct {
	// State is x-vercel-cache, else x-nextjs-cache, upper case (HIT, STALE, MISS, PRERENDER, REVALIDATED);
	// "" on a dynamic page, which sends neither.
	State        string `json:"state"`
	NextJS       string `json:"nextjs"`       // x-nextjs-cache
	Vercel       string `json:"vercel"`       // x-vercel-cache
	Age          string `json:"age"`          // age, in seconds (digits only)
	CacheControl string `json:"cacheControl"` // cache-control, cut to 200 characters
}

// Cert is the leaf certificate of a TLS answer (the one expiring first when the hops had several).
type Cert struct {
	NotAfter time.Time `json:"notAfter" ts_type:"string"`
	DaysLeft int       `json:"daysLeft"` // whole days until NotAfter; negative once expired
}

// Hop is one redirect: its status and where it pointed (scheme, host and path only: redact.Location).
type Hop struct {
	Status   int    `json:"status"`
	Location string `json:"location"`
}

// Page is the outcome of one page.
type Page struct {
	Path    string            `json:"path"`
	URL     string            `json:"url"`                                    // the first URL asked (scheme, host, path)
	OK      bool              `json:"ok"`                                     // up without warning
	Level   string            `json:"level" ts_type:"'ok' | 'warn' | 'down'"` // LevelOK, LevelWarn or LevelDown
	Code    string            `json:"code"`                                   // check.CodeOK or a Code* constant
	Params  map[string]string `json:"params"`
	Message string            `json:"message"` // English detail for logs; the card renders code + params
	Hint    string            `json:"hint"`

	Status      int     `json:"status"`    // the final answer's status; 0 without one
	SizeBytes   int64   `json:"sizeBytes"` // body bytes read (decompressed), at most MaxBodyBytes
	Truncated   bool    `json:"truncated"` // the body was longer than MaxBodyBytes
	Timings     Timings `json:"timings"`
	Cache       Cache   `json:"cache"`
	Cert        *Cert   `json:"cert"`      // nil for plain http or without an answer
	Redirects   []Hop   `json:"redirects"` // never nil
	MustContain string  `json:"mustContain"`
	Found       bool    `json:"found"` // the must-contain text was found ("" text: false)
}

// Result is the outcome of one run over the profile's pages.
type Result struct {
	OK      bool              `json:"ok"`                                     // every page up without warning
	Level   string            `json:"level" ts_type:"'ok' | 'warn' | 'down'"` // the worst page's level
	Code    string            `json:"code"`                                   // OK, PAGES_WARN, PAGES_DOWN, NOT_CONFIGURED or a stop reason
	Params  map[string]string `json:"params"`
	Message string            `json:"message"`
	Hint    string            `json:"hint"`

	SiteURL    string    `json:"siteUrl"`
	Pages      []Page    `json:"pages"` // in the profile's order; never nil
	CheckedAt  time.Time `json:"checkedAt" ts_type:"string"`
	DurationMs float64   `json:"durationMs"`
}

// area names this check's sentences in the catalogs (pages.msg.<code>, pages.hints.<code>).
const area = "pages"

func (p *Page) fill(level, code string, params i18n.Params) {
	if params == nil {
		params = i18n.Params{}
	}
	p.Level, p.Code, p.Params = level, code, params
	p.OK, p.Message, p.Hint = check.Said(area, code, params)
}

// Fill sets the run's code, params and English detail together (the runner uses it for a stop reason).
func (r *Result) Fill(code string, params i18n.Params) {
	if params == nil {
		params = i18n.Params{}
	}
	r.Code, r.Params = code, params
	r.OK, r.Message, r.Hint = check.Said(area, code, params)
	if r.Level == "" {
		r.Level = LevelDown
		if r.OK {
			r.Level = LevelOK
		}
	}
}
