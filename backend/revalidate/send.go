package revalidate

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"siyana/backend/check"
	"strconv"
	"strings"
	"time"

	"siyana/backend/buildinfo"
	"siyana/backend/profile"
	"siyana/backend/redact"
)

// batch is what one request carries.
type batch struct {
	tags  []string
	paths []PathSpec
}

func (b batch) size() int { return len(b.tags) + len(b.paths) }

// first names the batch in progress events.
func (b batch) first() string {
	if len(b.tags) > 0 {
		return b.tags[0]
	}
	if len(b.paths) > 0 {
		return b.paths[0].Path
	}
	return ""
}

// routeRequest is the JSON body of the route. A path without a type is sent as a plain string, the form the
// route has always accepted.
type routeRequest struct {
	Tags   []string `json:"tags,omitempty"`
	Paths  []any    `json:"paths,omitempty"`
	Mode   string   `json:"mode,omitempty"`
	DryRun bool     `json:"dryRun,omitempty"`
}

// routeAnswer is the route's JSON answer, success or error.
type routeAnswer struct {
	OK          bool   `json:"ok"`
	Code        string `json:"code"`
	Error       string `json:"error"`
	Message     string `json:"message"`
	NextVersion string `json:"nextVersion"`
	Results     []struct {
		Item  string `json:"item"`
		Kind  string `json:"kind"`
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	} `json:"results"`
}

// itemKey identifies an item inside one answer.
type itemKey struct{ kind, item string }

// answer is the outcome of one request to one instance.
type answer struct {
	code        string
	detail      string // the route's own explanation, redacted then truncated (maxDetail runes)
	reason      string // revalidate.item.<reason>: what we found, when the code alone does not say it
	status      int
	nextVersion string
	retryAfter  int
	items       map[itemKey]string // per item: "" when done, else the error; nil when the request failed whole
	duration    time.Duration
}

// maxDetail bounds the site's words kept in a result, in runes.
const maxDetail = 300

// post sends one batch to one instance. It never returns the secret in any field: the site's words are
// redacted (every registered secret, every form) before they are cut, so a secret straddling the cut cannot
// survive as a prefix.
func (s *Service) post(ctx context.Context, base, secret, actor, mode string, dryRun bool, b batch) answer {
	start := time.Now()
	a := s.postOnce(ctx, base, secret, actor, mode, dryRun, b)
	a.duration = time.Since(start)
	a.detail = s.Redact.Truncate(a.detail, maxDetail)
	for k, msg := range a.items {
		a.items[k] = s.Redact.Truncate(msg, maxDetail)
	}
	return a
}

func (s *Service) postOnce(ctx context.Context, base, secret, actor, mode string, dryRun bool, b batch) answer {
	body := routeRequest{Tags: b.tags, Mode: mode, DryRun: dryRun}
	for _, p := range b.paths {
		if p.Type == "" {
			body.Paths = append(body.Paths, p.Path)
		} else {
			body.Paths = append(body.Paths, p)
		}
	}
	payload, err := json.Marshal(body)
	if err != nil {
		return answer{code: CodeInvalidInput, detail: err.Error()}
	}
	rctx, cancel := context.WithTimeout(ctx, s.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodPost, base+Endpoint, bytes.NewReader(payload))
	if err != nil {
		return answer{code: CodeInvalidInput, detail: err.Error()}
	}
	req.Header.Set("Authorization", "Bearer "+secret)
	req.Header.Set("X-Siyana-Actor", headerActor(actor))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Cache-Control", "no-store")
	req.Header.Set("User-Agent", "Siyana/"+buildinfo.Version)

	resp, err := s.noRedirect.Do(req)
	if err != nil {
		code := transportCode(ctx, err)
		if r := dialReason(err); code == CodeUnreachable && r != "" {
			return answer{code: code, reason: r} // this computer's failure, said by its reason
		}
		return answer{code: code, detail: err.Error()}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswerBody))
	if err != nil {
		return answer{code: transportCode(ctx, err), detail: err.Error(), status: resp.StatusCode}
	}
	var ra routeAnswer
	jsonErr := json.Unmarshal(raw, &ra)
	a := answer{status: resp.StatusCode, nextVersion: ra.NextVersion, detail: firstNonEmpty(ra.Error, ra.Message)}

	switch st := resp.StatusCode; {
	case st == http.StatusOK:
		if jsonErr != nil || (ra.Results == nil && !ra.OK) {
			a.code = CodeSiteError
			a.reason, a.detail = "notRoute", ""
			return a
		}
		a.code = CodeOK
		a.items = make(map[itemKey]string, len(ra.Results))
		for _, r := range ra.Results {
			msg := ""
			if !r.OK {
				msg = firstNonEmpty(r.Error, "refused")
			}
			a.items[itemKey{r.Kind, r.Item}] = msg
		}
	case st == http.StatusUnauthorized:
		a.code = CodeUnauthorized
	case st == http.StatusNotFound:
		a.code = CodeRouteMissing
		a.detail = "" // a 404 page's text says nothing useful
	case st == http.StatusBadRequest, st == http.StatusUnprocessableEntity:
		a.code = CodeInvalidInput
	case st == http.StatusRequestEntityTooLarge:
		a.code = CodeTooLarge
	case st == http.StatusTooManyRequests:
		a.code = CodeThrottled
		a.retryAfter = retryAfterSeconds(resp.Header.Get("Retry-After"), time.Now())
	case st >= 500 && ra.Code == "NOT_CONFIGURED":
		a.code = CodeSiteSecretMissing
	case st >= 500 && ra.Code == "WEAK_SECRET":
		a.code = CodeSiteSecretWeak
	case st >= 300 && st < 400:
		a.code = CodeSiteError
		// Scheme, host and path only: a redirect's query is where a login page puts tokens.
		a.reason, a.detail = "redirect", redact.Location(resp.Header.Get("Location"))
	default:
		a.code = CodeSiteError
		if a.detail == "" {
			a.detail = "HTTP " + strconv.Itoa(st)
		}
	}
	return a
}

// transportCode tells a cancel by the user from a deadline and from a network failure.
func transportCode(parent context.Context, err error) string {
	return check.Transport(parent, err)
}

// headerActor percent-encodes the actor like encodeURIComponent: header values must be ASCII to survive
// Node's parser, and names here are often Arabic. The route decodes it with decodeURIComponent.
func headerActor(actor string) string {
	actor = strings.TrimSpace(actor)
	actor = profile.CutActor(actor)
	var b strings.Builder
	for _, c := range []byte(actor) {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
