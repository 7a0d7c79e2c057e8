// Package revalidate asks a Next.js site to drop cached data and pages, through the authenticated route handler
// this project ships (integrations/nextjs/app/api/revalidate/route.ts). It validates input before anything is
// sent, splits a run into bounded batches sent to every instance of the site, streams progress, throttles runs
// per profile, verifies paths with a GET afterwards and keeps an operation log that never holds the secret.
package revalidate

import (
	"time"

	"siyana/backend/profile"
)

// Limits of the route, mirrored here so invalid input is refused before a request leaves the machine. They
// must stay equal to the constants at the top of route.ts (Next itself silently ignores longer tags/paths).
const (
	MaxTagsPerRequest  = 100
	MaxPathsPerRequest = 100
	MaxTagLen          = profile.MaxTagLen  // in UTF-16 code units: the one rule is profile.TagTooLong
	MaxPathLen         = profile.MaxPathLen // in UTF-16 code units: profile.PathTooLong
)

// Limits of this client.
const (
	// MaxItemsPerRun bounds one run (tags + paths): a run is split into requests, so it may exceed the
	// per-request limits, but a paste of a whole sitemap by mistake should be refused, not sent.
	MaxItemsPerRun = 2000

	// BatchSize is how many items one request carries (tags and paths each). The route accepts 100, and the
	// measured route latency is ~2 ms for 1 or 50 tags, so bigger batches save round trips; 20 is chosen so
	// that a 100-item run still makes 5 visible progress steps that can run on 4 connections at once, and a
	// cancel takes effect after at most one short request per connection. Requests drop 20x vs one per item.
	BatchSize = 20

	// Concurrency bounds the requests in flight per run, over all instances.
	Concurrency = 4

	// DefaultCooldown is the pause after a run before the same profile may start another.
	DefaultCooldown = 10 * time.Second

	// VerifyBound caps how long one path is polled after revalidation before it is reported stale.
	VerifyBound = 5 * time.Second

	// dynamicTries bounds the GETs on a page without a cache header: with nothing to wait for, a body that
	// did not change after a few tries is reported unknown instead of polling the whole bound.
	dynamicTries = 3

	// maxVerifyBody bounds the body read for comparison; a longer body is hashed up to this size.
	maxVerifyBody = 4 << 20

	// maxAnswerBody bounds the route answer read (100 results with short errors is a few KiB).
	maxAnswerBody = 1 << 20

	// progressInterval is the minimum gap between two progress events (at most ~10 per second).
	progressInterval = 100 * time.Millisecond
)

// Endpoint is the route path, appended to the site URL (which may carry a basePath).
const Endpoint = "/api/revalidate"

// Mode of a tag revalidation, as the route's "mode" field.
const (
	ModeExpire = "expire" // revalidateTag(tag, {expire: 0}): the next visitor waits for fresh data
	ModeMax    = "max"    // revalidateTag(tag, 'max'): stale-while-revalidate, the next visit triggers a render
)

// Path types for revalidatePath.
const (
	PathTypePage   = "page"
	PathTypeLayout = "layout"
)

// MaxVerifyChecks bounds the GETs of verification (path x instance): the app checks the pages that matter,
// it does not crawl the site; the rest are reported unknown ("not checked").
const MaxVerifyChecks = 40
