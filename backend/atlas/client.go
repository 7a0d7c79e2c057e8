package atlas

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mongodb-forks/digest"

	"siyana/backend/check"
	"siyana/backend/i18n"
)

// DefaultBaseURL is the Atlas Administration API host.
const DefaultBaseURL = "https://cloud.mongodb.com"

// Resource versions: 2023-xx versions of the cluster resource are deprecated; Flex clusters have their own.
const (
	acceptCluster = "application/vnd.atlas.2024-08-05+json"
	acceptFlex    = "application/vnd.atlas.2024-11-13+json"
)

// maxBody bounds what is read of any answer; a cluster description is a few kilobytes.
const maxBody = 1 << 20

// The patterns compile on first use: their counted repetitions make programs that took about 0.2 ms of
// every start of siyanactl, which asks Atlas only when the Atlas check is configured.
var (
	groupIDPattern     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-fA-F]{24}$`) })
	clusterNamePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,63}$`) })
)

// Config identifies the cluster and holds the API key pair (read from the keychain by the caller).
type Config struct {
	GroupID     string // project id, 24 hex digits
	ClusterName string
	PublicKey   string // Digest user
	PrivateKey  string // Digest password
	// Disabled: the profile turned the Atlas lookup off; the answer is NOT_CONFIGURED, saying so.
	Disabled bool
	// Missing names, by the site's variable names (sitevars.Missing), what the profile lacks; any entry
	// answers NOT_CONFIGURED naming them.
	Missing []string
}

// Options tune one lookup.
type Options struct {
	// Timeout bounds the whole lookup (both requests for a Flex cluster); zero means check.DefaultTimeout.
	Timeout time.Duration
}

// Client looks clusters up. The zero value is ready: it talks to DefaultBaseURL over its own transport.
type Client struct {
	// BaseURL is scheme://host of the API; "" means DefaultBaseURL. Tests point it at a loopback server.
	BaseURL string
	// Transport carries the requests under the Digest layer; nil means a private clone of
	// http.DefaultTransport, so kept-alive connections are reused between lookups.
	Transport http.RoundTripper
	// Now is the wall clock for CheckedAt; nil means time.Now.
	Now check.Clock

	once      sync.Once
	transport http.RoundTripper
}

// apiError is Atlas's error body. HTTP status comes first: a 401 arrives without errorCode.
type apiError struct {
	Error     int    `json:"error"`
	ErrorCode string `json:"errorCode"`
	Detail    string `json:"detail"`
	Reason    string `json:"reason"`
}

// answer is one API response, read and closed.
type answer struct {
	status     int
	body       []byte
	apiErr     apiError
	retryAfter int
	phases     Phases
}

// CheckCluster describes cfg's cluster. It never panics and returns within the timeout.
func (c *Client) CheckCluster(ctx context.Context, cfg Config, opts Options) (res Result) {
	begin := time.Now()
	res.CheckedAt = c.Now.Now()
	res.ClusterName = cfg.ClusterName
	defer func() {
		if r := recover(); r != nil {
			res.fill(check.CodeInternal, nil)
		}
		res.DurationMs = check.Ms(time.Since(begin))
	}()

	switch {
	case cfg.Disabled:
		res.fill(check.CodeNotConfigured, i18n.Params{"reason": "lookupOff"})
		return res
	case len(cfg.Missing) > 0:
		res.fill(check.CodeNotConfigured, i18n.Params{"reason": "missing", "list": i18n.List(cfg.Missing)})
		return res
	case cfg.GroupID == "" || cfg.ClusterName == "" || cfg.PublicKey == "" || cfg.PrivateKey == "":
		res.fill(check.CodeNotConfigured, nil)
		return res
	}
	// Validate before sending: a malformed id would only earn a 400, and the name goes into the path.
	if !groupIDPattern().MatchString(cfg.GroupID) || !clusterNamePattern().MatchString(cfg.ClusterName) {
		res.fill(CodeInvalidConfig, nil)
		return res
	}
	ctx, cancel := check.Bound(ctx, opts.Timeout)
	defer cancel()

	hc := &http.Client{
		Transport: digest.NewTransportWithHTTPRoundTripper(cfg.PublicKey, cfg.PrivateKey, c.baseTransport()),
		// Never follow a redirect: the Digest layer would answer a challenge from wherever it points.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	base := strings.TrimRight(c.BaseURL, "/")
	if base == "" {
		base = DefaultBaseURL
	}
	prefix := base + "/api/atlas/v2/groups/" + cfg.GroupID

	a, err := get(ctx, hc, prefix+"/clusters/"+cfg.ClusterName, acceptCluster)
	if err == nil && isFlexAnswer(a) {
		fa, ferr := get(ctx, hc, prefix+"/flexClusters/"+cfg.ClusterName, acceptFlex)
		res.Flex = ferr == nil && fa.status == http.StatusOK
		// After a plain CLUSTER_NOT_FOUND, a failed flex lookup says nothing new: keep the first answer.
		if res.Flex || a.status == http.StatusBadRequest {
			a, err = fa, ferr
		}
	}
	if err != nil {
		res.fill(transportCode(ctx, err), nil)
		return res
	}
	res.HTTPStatus, res.AtlasErrorCode, res.Phases = a.status, a.apiErr.ErrorCode, a.phases
	if a.status != http.StatusOK {
		code, p := statusCode(a), i18n.Params(nil)
		if code == CodeRateLimited && a.retryAfter > 0 {
			res.RetryAfterSeconds = a.retryAfter
			p = i18n.Params{"reason": "retryAfter", "seconds": strconv.Itoa(a.retryAfter)}
		}
		res.fill(code, p)
		return res
	}
	if err := describe(&res, a.body); err != nil {
		res.fill(CodeAtlasError, nil)
		return res
	}
	res.fill(check.CodeOK, nil)
	return res
}

// isFlexAnswer: the cluster API refuses Flex clusters with 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API (what
// Atlas answers today); a plain CLUSTER_NOT_FOUND may also hide one, so the flex API gets a look then too.
func isFlexAnswer(a *answer) bool {
	code := a.apiErr.ErrorCode
	return (a.status == http.StatusBadRequest && strings.Contains(code, "FLEX")) ||
		(a.status == http.StatusNotFound && code == "CLUSTER_NOT_FOUND")
}

func (c *Client) baseTransport() http.RoundTripper {
	if c.Transport != nil {
		return c.Transport
	}
	c.once.Do(func() { c.transport = http.DefaultTransport.(*http.Transport).Clone() })
	return c.transport
}

// get performs one GET (two round trips: the Digest challenge, then the signed request) and reads the
// status first, the body second, bounded.
func get(ctx context.Context, hc *http.Client, rawURL, accept string) (*answer, error) {
	tr := &tracer{}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, tr.trace()), http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", accept)
	req.Header.Set("User-Agent", "siyana")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	a := &answer{status: resp.StatusCode, retryAfter: retryAfter(resp.Header, time.Now())}
	// A 401 without a Digest challenge comes back with its body already closed by the Digest layer: the
	// status alone decides then, so a read error is not a failure.
	a.body, _ = io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if a.status != http.StatusOK {
		_ = json.Unmarshal(a.body, &a.apiErr)
	}
	a.phases = tr.phases()
	return a, nil
}

// statusCode maps a non-200 answer. Status decides first; errorCode refines it.
func statusCode(a *answer) string {
	code := a.apiErr.ErrorCode
	switch a.status {
	case http.StatusUnauthorized:
		return CodeUnauthorized
	case http.StatusForbidden:
		if strings.Contains(code, "ACCESS_LIST") || strings.Contains(code, "IP_ADDRESS") {
			return CodeIPNotAllowed
		}
		return CodeUnauthorized
	case http.StatusNotFound:
		if strings.Contains(code, "CLUSTER_NOT_FOUND") {
			return CodeClusterNotFound
		}
		return CodeProjectNotFound // GROUP_NOT_FOUND, RESOURCE_NOT_FOUND, NOT_IN_GROUP
	case http.StatusTooManyRequests:
		return CodeRateLimited
	case http.StatusBadRequest:
		if code == "INVALID_GROUP_ID" || code == "PATH_PARAM_PARSE_ERROR" {
			return CodeInvalidConfig
		}
	}
	return CodeAtlasError
}

// transportCode maps an error before any answer.
func transportCode(ctx context.Context, err error) string {
	if c := check.Transport(ctx, err); c != check.CodeUnreachable {
		return c
	}
	var (
		dnsErr *net.DNSError
		opErr  *net.OpError
		cve    *tls.CertificateVerificationError
		uae    x509.UnknownAuthorityError
	)
	if errors.As(err, &dnsErr) || errors.As(err, &opErr) || errors.As(err, &cve) || errors.As(err, &uae) {
		return check.CodeUnreachable
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) && (errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)) {
		return check.CodeUnreachable
	}
	return CodeAtlasError
}

// retryAfter reads the wait hint of a 429 in seconds: Retry-After (seconds or HTTP date), else the
// RateLimit-Reset family. 0 when none.
func retryAfter(h http.Header, now time.Time) int {
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			return n
		}
		if t, err := http.ParseTime(v); err == nil {
			if d := t.Sub(now); d > 0 {
				return int((d + time.Second - 1) / time.Second)
			}
			return 0
		}
	}
	for _, k := range []string{"RateLimit-Reset", "X-RateLimit-Reset"} {
		if n, err := strconv.Atoi(strings.TrimSpace(h.Get(k))); err == nil && n > 0 && n < 86400 {
			return n
		}
	}
	return 0
}
