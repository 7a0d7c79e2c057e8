package revalidate

import (
	"siyana/backend/check"
	"time"

	"siyana/backend/profile"
)

// Codes of this package, on top of the shared ones in backend/check (OK, NOT_CONFIGURED, TIMEOUT,
// UNREACHABLE, CANCELED are reused with the same strings).
const (
	CodeOK                = check.CodeOK
	CodeUnauthorized      = "UNAUTHORIZED"        // the site answered 401: the secret does not match
	CodeRouteMissing      = "ROUTE_MISSING"       // 404: the route file is not installed at this URL
	CodeInvalidInput      = "INVALID_INPUT"       // refused locally, or the route answered 422 (or 400)
	CodeTooLarge          = "TOO_LARGE"           // 413
	CodeSiteError         = "SITE_ERROR"          // 5xx, an unexpected status or an answer that is not the route's
	CodeSiteSecretMissing = "SITE_SECRET_MISSING" // the route answered NOT_CONFIGURED: the site lacks the env var
	CodeUnreachable       = check.CodeUnreachable
	CodeTimeout           = check.CodeTimeout
	CodeBusy              = "BUSY"      // a run is already going for this profile
	CodeThrottled         = "THROTTLED" // cooldown after the previous run, or the site answered 429
	CodeNotConfigured     = check.CodeNotConfigured
	CodeCanceled          = check.CodeCanceled
	CodeInsecureURL       = "INSECURE_URL" // http:// to a host that is not this machine: the secret would travel in clear
	CodeNotFound          = "NOT_FOUND"    // RetryFailed: no such run in the log

	// CodeConfirmRequired: a full refresh of a production site needs the admin's explicit confirmation; the
	// UI asks first and calls again with Request.Confirmed. A guard against a slip, not an authorisation.
	CodeConfirmRequired = "CONFIRM_REQUIRED"

	// CodeSecretOriginChanged: a site or instance URL points to an origin REVALIDATE_SECRET was not saved or
	// confirmed for (see Result.OriginChange); nothing was sent.
	CodeSecretOriginChanged = "SECRET_ORIGIN_CHANGED"
	// CodeSiteSecretWeak: the route refuses to work because the site's REVALIDATE_SECRET is shorter than 32
	// characters (route code WEAK_SECRET).
	CodeSiteSecretWeak = "SITE_SECRET_WEAK"
)

// Outcomes of a run, in Result.Outcome and in the log.
const (
	OutcomeOK       = "ok"
	OutcomePartial  = "partial"
	OutcomeFailed   = "failed"
	OutcomeCanceled = "canceled"
)

// Kinds of run.
const (
	KindTags  = "tags"
	KindPaths = "paths"
	KindFull  = "full"  // tags then paths, like the site's refreshAllCaches
	KindTest  = "test"  // dry run: checks URL, secret and route, changes nothing
	KindRetry = "retry" // the failed items of an earlier run
)

// Verify states.
const (
	StateFresh   = "fresh"
	StateStale   = "stale"
	StateUnknown = "unknown"
)

// PathSpec is one path to revalidate. Type "" lets Next decide (a page); "layout" also clears every page under it.
type PathSpec struct {
	Path string `json:"path"`
	Type string `json:"type,omitempty"`
}

// Paths turns path strings (as profile.Revalidation.Paths and the card's chips hold them) into PathSpecs.
// A string may name its type the way the route names a typed path in its results — "/dashboard (layout)"
// revalidates every page under /dashboard — so plain text can ask for a layout revalidation.
func Paths(paths ...string) []PathSpec {
	out := make([]PathSpec, len(paths))
	for i, p := range paths {
		out[i] = ParsePath(p)
	}
	return out
}

// ParsePath reads one path string, with an optional " (layout)" or " (page)" suffix.
func ParsePath(s string) PathSpec {
	path, typ := profile.SplitPathType(s)
	return PathSpec{Path: path, Type: typ}
}

// Name is how the route (and the card) names the path: "/dashboard (layout)" for a typed one.
func (p PathSpec) Name() string {
	if p.Type != "" {
		return p.Path + " (" + p.Type + ")"
	}
	return p.Path
}

// Request is what every run needs. The app layer fills it from the profile and the keychain.
type Request struct {
	ProfileID    string     `json:"profileId"`
	Actor        string     `json:"actor"`        // written to the log and sent as X-Siyana-Actor
	SiteURL      string     `json:"siteUrl"`      // the public URL (may include a basePath)
	InstanceURLs []string   `json:"instanceUrls"` // extra instances of a self-hosted site; each gets every request
	Secret       string     `json:"-"`            // REVALIDATE_SECRET value; never logged, never in a result
	Tags         []string   `json:"tags"`
	Paths        []PathSpec `json:"paths"`
	Mode         string     `json:"mode"` // ModeExpire (default) or ModeMax; paths ignore it

	// SecretOrigins are the origins the secret is bound to (profile.RevalidateSecretOrigins). A site or
	// instance URL on any other origin refuses the whole run with SECRET_ORIGIN_CHANGED; nil binds nothing,
	// so a caller that forgets it sends nothing.
	SecretOrigins []string `json:"secretOrigins"`
	// Verify GETs each path on each instance after the run (the profile's Features.VerifyPaths, on by default).
	Verify bool `json:"verify"`
	// VerifyPaths are pages to check after a run that revalidates only tags (e.g. the profile's default paths);
	// on a path run the revalidated paths are checked as well.
	VerifyPaths []string `json:"verifyPaths"`
	// VerifyURLs are instances that are verified but sent nothing: revalidate through the public URL and see
	// whether the other instances share the cache (a self-hosted site without a shared cacheHandler does not).
	VerifyURLs []string `json:"verifyUrls"`
	// Production: the profile is a production site, so FullRefresh answers CONFIRM_REQUIRED unless Confirmed.
	Production bool `json:"production"`
	// Confirmed is the admin's answer to CONFIRM_REQUIRED.
	Confirmed bool `json:"confirmed"`
	// CooldownSeconds after this run: 0 uses the service default, negative disables it.
	CooldownSeconds int `json:"cooldownSeconds"`
}

// Result is the answer of every run. Fields with no meaning for a given code are zero.
type Result struct {
	OK      bool   `json:"ok"`      // everything requested was done (and, if verified, nothing left stale)
	Code    string `json:"code"`    // stable code, see Code* constants
	Message string `json:"message"` // English detail for logs (no secret); the card renders Code + Params
	// Params fill the catalog sentence of Code: reason (which sentence, see revalidate.why), counts (items,
	// instances, done, total, fresh, stale, unknown), seconds, origins (saved, current), a refused url.
	Params map[string]string `json:"params"`
	// LogFailed says the run went out but could not be written to the operation log.
	LogFailed bool   `json:"logFailed,omitempty"`
	RunID     string `json:"runId"` // "" when nothing was sent (refused before the network)
	Kind      string `json:"kind"`  // tags | paths | full | test | retry
	Mode      string `json:"mode"`  // expire | max
	DryRun    bool   `json:"dryRun"`
	// Outcome: ok | partial | failed | canceled; "" when nothing was sent.
	Outcome   string           `json:"result"`
	Items     []ItemResult     `json:"items"`     // per item; on INVALID_INPUT the refused items with reasons
	Instances []InstanceResult `json:"instances"` // per site URL, in request order
	Verify    []VerifyResult   `json:"verify"`    // per path and instance, when verification ran
	// NextVersion is the Next.js version the route reported (the first instance that answered).
	NextVersion string `json:"nextVersion"`
	// RetryAfterSeconds is the wait left on THROTTLED (local cooldown or the site's Retry-After).
	RetryAfterSeconds int       `json:"retryAfterSeconds"`
	RetryOf           string    `json:"retryOf,omitempty"` // the run whose failed items this run retried
	StartedAt         time.Time `json:"startedAt" ts_type:"string"`
	DurationMs        float64   `json:"durationMs"`
	CheckedAt         time.Time `json:"checkedAt" ts_type:"string"` // when the result was produced

	// OriginChange says where the secret was bound and which new origins were refused, on SECRET_ORIGIN_CHANGED.
	OriginChange *OriginChange `json:"originChange,omitempty"`
}

// OriginChange names the origins of a SECRET_ORIGIN_CHANGED refusal (origins are not secret).
type OriginChange struct {
	Saved   []string `json:"saved"`   // the origins REVALIDATE_SECRET was saved or confirmed for (may be empty)
	Current []string `json:"current"` // the profile's origins that are not among them: nothing was sent there
}

// ItemResult is one tag or path of a run.
type ItemResult struct {
	Item string `json:"item"`
	Kind string `json:"kind"`           // "tag" | "path"
	Type string `json:"type,omitempty"` // path type: page | layout
	OK   bool   `json:"ok"`             // done on every instance
	Code string `json:"code,omitempty"` // why not, for the first failing instance
	// Reason names the catalog sentence (revalidate.item.<reason>) when the code alone does not say it:
	// a validation rule (tagTooLong, pathSlash, text_control...), notInAnswer, siteRefused, redirect...
	Reason string `json:"reason,omitempty"`
	// Params fill the reason's sentence (max: the limit a tag or path broke).
	Params map[string]string `json:"params,omitempty"`
	// Error is the site's own words or a redirect location (redacted, cut), never a sentence of ours.
	Error     string         `json:"error,omitempty"`
	Instances []ItemInstance `json:"instances,omitempty"` // one per instance, in Result.Instances order
}

// ItemInstance is the outcome of one item on one instance.
type ItemInstance struct {
	URL    string `json:"url"`
	OK     bool   `json:"ok"`
	Reason string `json:"reason,omitempty"` // as ItemResult.Reason
	Error  string `json:"error,omitempty"`  // as ItemResult.Error
}

// InstanceResult sums up the requests sent to one site URL.
type InstanceResult struct {
	URL         string  `json:"url"`
	OK          bool    `json:"ok"`
	Code        string  `json:"code"`
	Reason      string  `json:"reason,omitempty"`  // as ItemResult.Reason
	Message     string  `json:"message,omitempty"` // the site's own words or a redirect location, redacted
	HTTPStatus  int     `json:"httpStatus"`        // of the last request answered (0: none answered)
	NextVersion string  `json:"nextVersion"`
	Requests    int     `json:"requests"`   // requests sent to this instance
	DurationMs  float64 `json:"durationMs"` // sum of the request times

	// RetryAfterSeconds is the site's Retry-After on a 429 (THROTTLED), in whole seconds; 0 otherwise.
	RetryAfterSeconds int `json:"retryAfterSeconds,omitempty"`
}

// VerifyResult is one path checked on one instance after the run.
type VerifyResult struct {
	Path        string  `json:"path"`
	Instance    string  `json:"instance"`
	State       string  `json:"state"`       // fresh | stale | unknown
	CacheBefore string  `json:"cacheBefore"` // x-nextjs-cache / x-vercel-cache before the run ("" for dynamic pages)
	CacheAfter  string  `json:"cacheAfter"`  // the same header on the last GET
	ETagChanged bool    `json:"etagChanged"`
	BodyChanged bool    `json:"bodyChanged"`
	HTTPStatus  int     `json:"httpStatus"`
	Attempts    int     `json:"attempts"`
	Reason      string  `json:"reason,omitempty"` // revalidate.verifyWhy.<reason>: why stale / unknown
	Note        string  `json:"note,omitempty"`   // the fetch error for reason fetchFailed (redacted, cut)
	DurationMs  float64 `json:"durationMs"`
}

// Progress is the payload of the "revalidate:progress" event. Steps are the HTTP requests of the run
// (baseline GETs, revalidation POSTs, verification checks), known in advance so the bar is determinate;
// Done/Total/Failed count item deliveries (item x instance) of the POST phase.
type Progress struct {
	RunID     string `json:"runId"`
	ProfileID string `json:"profileId"`
	Step      int    `json:"step"`  // steps finished
	Steps     int    `json:"steps"` // steps in the run
	Done      int    `json:"done"`
	Total     int    `json:"total"`
	Failed    int    `json:"failed"`
	Current   string `json:"current"` // what the last started step works on
	Phase     string `json:"phase"`   // start | baseline | send | verify | done | canceled
}

// ProgressEvent is the event name the frontend subscribes to.
const ProgressEvent = "revalidate:progress"

// Status is what the card needs after the view is re-opened: is a run going, how long is the cooldown.
type Status struct {
	ProfileID       string    `json:"profileId"`
	Running         bool      `json:"running"`
	RunID           string    `json:"runId"`
	Progress        *Progress `json:"progress"`        // last progress of the running run
	CooldownSeconds int       `json:"cooldownSeconds"` // whole seconds left, rounded up (0: none)
	CooldownUntil   time.Time `json:"cooldownUntil" ts_type:"string"`
	NextVersion     string    `json:"nextVersion"` // last Next.js version the route reported for this profile
	CheckedAt       time.Time `json:"checkedAt" ts_type:"string"`
}
