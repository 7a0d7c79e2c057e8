package realtime

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	pusher "github.com/pusher/pusher-http-go/v5"

	"siyana/backend/check"
	"siyana/backend/i18n"
	"siyana/backend/redact"
	"siyana/backend/secrets"
)

// SkewWarnSec is the clock difference that earns a warning; Pusher itself rejects beyond 600 s.
const SkewWarnSec = 60

// pusherSkewLimit is the REST API's tolerance for auth_timestamp.
const pusherSkewLimit = 600 * time.Second

// maxServerMessage bounds the server text echoed to the UI, in runes (after redaction).
const maxServerMessage = 300

// CredentialsResult is the outcome of ValidateCredentials.
type CredentialsResult struct {
	// OK is true when the REST API accepted a signed trigger.
	OK bool `json:"ok"`
	// Code is OK, MISSING_CONFIG, INVALID_SECRET, CLOCK_SKEW, INVALID_KEY_OR_CLUSTER, APP_NOT_FOUND, FORBIDDEN,
	// PAYLOAD_TOO_LARGE, UNEXPECTED_RESPONSE, UNREACHABLE, TIMEOUT, CANCELED or INTERNAL.
	Code string `json:"code"`
	// Message is the English explanation for Code (logs); the UI renders Code and Params from the catalog.
	Message string `json:"message"`
	// Params fill Code's catalog sentence (MISSING_CONFIG: list; EVENT_NOT_RECEIVED: reason; UNREACHABLE
	// before any server answered: reason dialRefused/dialNoHost/dialDNS/dialFailed and host).
	Params map[string]string `json:"params"`
	// HTTPStatus is the HTTP status of the response; 0 when none arrived.
	HTTPStatus int `json:"httpStatus"`
	// BodyStatus is the status a self-hosted server (soketi) put in the body of an HTTP 200; 0 when none.
	BodyStatus int `json:"bodyStatus"`
	// ServerMessage is the server's error text, redacted then shortened; empty on success.
	ServerMessage string `json:"serverMessage"`
	// Missing lists the missing settings by environment name when Code is MISSING_CONFIG.
	Missing []string `json:"missing"`
	// ClockChecked is true when the response carried a Date header, so ClockSkewSec is meaningful.
	ClockChecked bool `json:"clockChecked"`
	// ClockSkewSec is the server's clock minus the local clock, in seconds (Date has 1 s resolution).
	ClockSkewSec int64 `json:"clockSkewSec"`
	// Warning is an English warning that does not fail the check (clock skew over 60 s); empty when none. The
	// card says it from ClockSkewSec (realtime.why.skewAhead / skewBehind).
	Warning string `json:"warning"`
	// RequestMs is the REST round trip, from sending the request to reading the response.
	RequestMs float64 `json:"requestMs"`
	// ConnectMs is the TCP connect time; 0 when a kept-alive connection was reused.
	ConnectMs float64 `json:"connectMs"`
	// TLSMs is the TLS handshake time; 0 for plain http or a reused connection.
	TLSMs float64 `json:"tlsMs"`
	// FirstByteMs is the time from sending the request to the first response byte.
	FirstByteMs float64 `json:"firstByteMs"`
	// Endpoint is the host the request went to (no credentials).
	Endpoint string `json:"endpoint"`
	// CheckedAt is when the check started (RFC 3339, UTC).
	CheckedAt string `json:"checkedAt"`
	// DurationMs is how long the whole check took.
	DurationMs float64 `json:"durationMs"`
}

// restOutcome is one classified trigger.
type restOutcome struct {
	code          string
	httpStatus    int
	bodyStatus    int
	serverMessage string
	params        i18n.Params // a local dial failure's reason and host
	clockChecked  bool
	skewSec       int64
	capture       capture
	request       time.Duration
}

// ValidateCredentials sends one real, signed trigger (channel maintenance-health, event health-ping,
// payload {"ts": unix ms}) and classifies the answer from its status and body.
func (s *Service) ValidateCredentials(ctx context.Context, cfg Config) (res CredentialsResult) {
	defer s.finish(cfg, time.Now(), &res.OK, &res.Code, &res.Message, &res.ServerMessage, &res.DurationMs)
	res = CredentialsResult{Missing: []string{}, Endpoint: cfg.restHost()}
	res.CheckedAt = stamp(s.Now.Now())
	if missing := cfg.missingServer(); len(missing) > 0 {
		res.Code, res.Params, res.Missing = CodeMissingConfig, missingParams(missing), missing
		res.Message = Message(res.Code, res.Params)
		return res
	}
	ctx, cancel := bounded(ctx)
	defer cancel()

	out := s.trigger(ctx, cfg, map[string]int64{"ts": time.Now().UnixMilli()})
	res.OK = out.code == CodeOK
	res.Code, res.Params = out.code, out.params
	res.Message = Message(out.code, out.params)
	res.HTTPStatus = out.httpStatus
	res.BodyStatus = out.bodyStatus
	res.ServerMessage = out.serverMessage
	res.ClockChecked = out.clockChecked
	res.ClockSkewSec = out.skewSec
	res.Warning = skewWarning(out)
	res.RequestMs = check.Ms(out.request)
	res.ConnectMs = check.Ms(out.capture.connect)
	res.TLSMs = check.Ms(out.capture.tls)
	res.FirstByteMs = check.Ms(out.capture.firstByte)
	return res
}

// trigger sends health-ping with the server credentials through a capturing transport.
func (s *Service) trigger(ctx context.Context, cfg Config, data any) restOutcome {
	ct := &captureTransport{ctx: ctx, base: s.transport(), now: s.Now.Now}
	client := &pusher.Client{
		AppID:      cfg.AppID,
		Key:        cfg.Key,
		Secret:     cfg.Secret,
		Cluster:    cfg.Cluster,
		Host:       cfg.Host,
		Secure:     cfg.secure(),
		HTTPClient: &http.Client{Transport: ct}, // no client timeout: ctx bounds the request
	}
	start := time.Now()
	err := client.Trigger(HealthChannel, HealthEvent, data)
	out := restOutcome{request: time.Since(start), capture: ct.captured()}
	out.classify(ctx, err)
	return out
}

// restBody is the JSON error shape of Pusher and of soketi.
type restBody struct {
	Error string `json:"error"`
	Code  int    `json:"code"`
}

// classify turns the captured exchange (or the transport error) into a code.
func (o *restOutcome) classify(ctx context.Context, err error) {
	c := o.capture
	if !c.responded {
		o.code = transportCode(ctx, err, c.called)
		if p := dialParams(err); o.code == CodeUnreachable && p != nil {
			o.params = p // this computer's failure, said in its own words, never as the server's answer
			return
		}
		o.serverMessage = netDetail(err)
		return
	}
	o.httpStatus = c.status
	if d, perr := http.ParseTime(c.date); perr == nil {
		o.clockChecked = true
		// Date is truncated to the second, so compare it with the local clock truncated the same way.
		o.skewSec = int64(math.Round(d.Sub(c.receivedAt.Truncate(time.Second)).Seconds()))
	}
	status, text := c.status, strings.TrimSpace(string(c.body))
	var b restBody
	if json.Unmarshal(c.body, &b) == nil && b.Error != "" {
		text = b.Error
		// soketi answers every REST error with HTTP 200 and the real status in the body.
		if status >= 200 && status < 300 {
			o.bodyStatus = b.Code
			status = b.Code
			if status < 400 {
				status = http.StatusInternalServerError // an error without a usable status
			}
		}
	}
	if status >= 200 && status < 300 {
		o.code = CodeOK
		return
	}
	o.serverMessage = text // redacted, then cut, when the result is complete
	lower := strings.ToLower(text)
	skewed := o.clockChecked && time.Duration(abs(o.skewSec))*time.Second > pusherSkewLimit
	// "Invalid signature" texts quote auth_timestamp, so only the expiry wording means the clock.
	clock := strings.Contains(lower, "timestamp expired") || strings.Contains(lower, "of server time")
	switch {
	case status == http.StatusUnauthorized && strings.Contains(lower, "invalid signature") && !skewed:
		o.code = CodeInvalidSecret
	case status == http.StatusUnauthorized && (clock || skewed):
		o.code = CodeClockSkew
	case status == http.StatusUnauthorized:
		o.code = CodeInvalidSecret
	case status == http.StatusBadRequest && clock:
		o.code = CodeClockSkew
	case status == http.StatusBadRequest && (strings.Contains(lower, "auth_key") || strings.Contains(lower, "app key")):
		o.code = CodeInvalidKeyOrCluster
	case status == http.StatusForbidden:
		o.code = CodeForbidden
	case status == http.StatusNotFound:
		o.code = CodeAppNotFound
	case status == http.StatusRequestEntityTooLarge:
		o.code = CodePayloadTooLarge
	default:
		o.code = CodeUnexpectedResponse
	}
}

// transportCode classifies a failure without a response.
func transportCode(ctx context.Context, err error, reached bool) string {
	c := check.Transport(ctx, err)
	if c == check.CodeUnreachable && !reached {
		// The library refused before sending; the only reachable case is its own payload-size check.
		if err != nil && strings.Contains(strings.ToLower(err.Error()), "payload") {
			return CodePayloadTooLarge
		}
		return CodeInternal
	}
	return c
}

// netDetail keeps the network error without the request URL (which carries the signed query).
func netDetail(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err.Error()
	}
	return ""
}

// finish ends both checks (deferred itself, so its recover sees the check's panic): a panic becomes
// CodeInternal, the server's text is redacted and shortened, and the time since began is stamped.
func (s *Service) finish(cfg Config, began time.Time, ok *bool, code, message, server *string, ms *float64) {
	if r := recover(); r != nil {
		*ok, *code, *message = false, CodeInternal, Message(CodeInternal, nil)
	}
	*server = s.serverText(cfg, *server)
	*ms = check.Ms(time.Since(began))
}

// serverText is what a result keeps of a server's words: every known secret (and cfg's own) removed in every
// form, then cut to maxServerMessage runes. Pusher's 401 quotes the signature it was sent.
func (s *Service) serverText(cfg Config, text string) string {
	var r *redact.Registry
	if s != nil {
		r = s.Redact
	}
	if r == nil {
		r = redact.NewRegistry()
	}
	r.Add("", secrets.PusherSecret, cfg.Secret)
	return r.Truncate(text, maxServerMessage)
}

func skewWarning(o restOutcome) string {
	if !o.clockChecked || abs(o.skewSec) <= SkewWarnSec {
		return ""
	}
	reason := "skewAhead"
	if o.skewSec > 0 { // the server is ahead: the local clock is behind
		reason = "skewBehind"
	}
	return i18n.T("en", "realtime.why."+reason, i18n.Params{"seconds": strconv.FormatInt(abs(o.skewSec), 10)})
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
