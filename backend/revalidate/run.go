package revalidate

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"sync"
	"time"

	"siyana/backend/check"
	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// seqItem is one tag or path in the order it is sent (tags first, as refreshAllCaches does).
type seqItem struct{ kind, item, typ string }

// key is how the route names the item in its results: a typed path as "/dashboard (layout)".
func (it seqItem) key() itemKey {
	if it.typ != "" {
		return itemKey{it.kind, it.item + " (" + it.typ + ")"}
	}
	return itemKey{it.kind, it.item}
}

// delivery is one item on one instance.
type delivery struct {
	ok     bool
	code   string
	reason string // revalidate.item.<reason> in the catalogs; "" says the code alone
	err    string // the site's own words or the redirect location, redacted; never a sentence of ours
}

// instanceAcc accumulates the requests sent to one instance.
type instanceAcc struct {
	requests    int
	duration    time.Duration
	status      int
	nextVersion string
	code        string // first failure
	detail      string
	reason      string
	retryAfter  int
	dead        bool // a failure that the next batch would repeat (bad secret, no route, unreachable)
}

// fatal codes stop sending to an instance: every further batch would get the same answer.
var fatal = map[string]bool{CodeUnauthorized: true, CodeRouteMissing: true, CodeSiteSecretMissing: true, CodeSiteSecretWeak: true,
	CodeUnreachable: true, CodeTimeout: true, CodeThrottled: true, CodeCanceled: true}

// refused is a result for a run that sent nothing.
// Refused is the result of a call that never reached the site (the profile is gone, the keychain is locked):
// the caller's code and params, lists empty rather than null for the UI.
func (s *Service) Refused(kind, code string, p i18n.Params) Result {
	return s.refused(kind, code, p, s.Now())
}

func (s *Service) refused(kind, code string, p i18n.Params, start time.Time) Result {
	now := s.Now()
	return Result{Code: code, Message: say(code, p), Params: p, Kind: kind, Items: []ItemResult{}, Instances: []InstanceResult{},
		Verify: []VerifyResult{}, StartedAt: start, CheckedAt: now, DurationMs: check.Ms(now.Sub(start))}
}

func (s *Service) run(ctx context.Context, kind string, req Request, dryRun bool, retryOf string) Result {
	start, wall := s.Now(), time.Now()
	urls, prob := siteURLs(req.SiteURL, req.InstanceURLs)
	if prob != nil {
		return s.refused(kind, prob.code, prob.params, start)
	}
	if req.Secret == "" {
		return s.refused(kind, CodeNotConfigured, i18n.Params{"reason": "noSecret"}, start)
	}
	if unbound := profile.UnboundOrigins(req.SecretOrigins, urls...); len(unbound) > 0 {
		saved := append([]string{}, req.SecretOrigins...)
		r := s.refused(kind, CodeSecretOriginChanged, originParams(saved, unbound), start)
		r.OriginChange = &OriginChange{Saved: saved, Current: unbound}
		return r
	}
	// Known before the first byte is sent, whoever built the request (the app's keychain wrapper already
	// registered it; another front end may not have).
	s.Redact.Add(req.ProfileID, secrets.RevalidateSecret, req.Secret)
	mode := req.Mode
	if mode == "" {
		mode = ModeExpire
	}
	if mode != ModeExpire && mode != ModeMax {
		return s.refused(kind, CodeInvalidInput, i18n.Params{"reason": "badMode"}, start)
	}
	tags, paths := req.Tags, req.Paths
	if !s.skipValidation {
		v := Validate(tags, paths)
		if len(v.Invalid) > 0 {
			r := s.refused(kind, CodeInvalidInput, i18n.Params{"reason": "invalidItems", "count": strconv.Itoa(len(v.Invalid))}, start)
			r.Items = v.Invalid
			return r
		}
		tags, paths = v.Tags, v.Paths
		if len(tags)+len(paths) == 0 {
			return s.refused(kind, CodeInvalidInput, i18n.Params{"reason": "noItems"}, start)
		}
		if len(tags)+len(paths) > MaxItemsPerRun {
			return s.refused(kind, CodeInvalidInput, i18n.Params{"reason": "tooMany", "count": strconv.Itoa(len(tags) + len(paths)), "max": strconv.Itoa(MaxItemsPerRun)}, start)
		}
	}
	var checks []verifyCheck
	if req.Verify {
		extra, prob := baseURLs(req.VerifyURLs, false, urls)
		if prob != nil {
			return s.refused(kind, prob.code, prob.params, start)
		}
		checks = verifyChecks(append(append([]string{}, urls...), extra...), paths, req.VerifyPaths)
	}

	runID, rctx, code, wait := s.acquire(ctx, req.ProfileID, dryRun)
	if code != "" {
		var p i18n.Params
		if code == CodeThrottled {
			p = i18n.Params{"reason": "throttled", "seconds": strconv.Itoa(wait)}
		}
		r := s.refused(kind, code, p, start)
		if code == CodeThrottled {
			r.RetryAfterSeconds = wait
		}
		return r
	}
	res := Result{RunID: runID, Kind: kind, Mode: mode, DryRun: dryRun, RetryOf: retryOf, StartedAt: start}
	defer s.release(req.ProfileID, s.cooldownFor(req), &res)

	seq := make([]seqItem, 0, len(tags)+len(paths))
	for _, t := range tags {
		seq = append(seq, seqItem{kind: "tag", item: t})
	}
	for _, p := range paths {
		seq = append(seq, seqItem{kind: "path", item: p.Path, typ: p.Type})
	}
	size := max(s.batchSize, 1)
	nBatches := (len(seq) + size - 1) / size
	sink := newProgressSink(s.Runtime, Progress{RunID: runID, ProfileID: req.ProfileID, Phase: "start",
		Steps: 2*len(checks) + nBatches*len(urls), Total: len(seq) * len(urls)})
	s.setSink(req.ProfileID, sink)

	befores := s.baseline(rctx, checks, sink)
	deliveries, accs := s.send(rctx, urls, req, mode, dryRun, seq, size, sink)
	canceled := errors.Is(rctx.Err(), context.Canceled)
	if !canceled && len(checks) > 0 {
		res.Verify = s.verify(rctx, checks, befores, sink)
		canceled = errors.Is(rctx.Err(), context.Canceled)
	}
	if res.Verify == nil {
		res.Verify = []VerifyResult{}
	}

	s.summarize(&res, urls, seq, deliveries, accs, canceled)
	if canceled {
		sink.finish("canceled")
	} else {
		sink.finish("done")
	}
	res.CheckedAt = s.Now()
	res.DurationMs = check.Ms(time.Since(wall))
	if !dryRun && s.log != nil {
		if err := s.log.append(logEntry(res, req, seq)); err != nil {
			res.LogFailed = true
		}
	}
	return res
}

// send posts the batches to every instance with bounded concurrency, batch-major so that every instance
// progresses together; an instance that gave a fatal answer gets no further batch.
func (s *Service) send(ctx context.Context, urls []string, req Request, mode string, dryRun bool, seq []seqItem, size int, sink *progressSink) ([][]delivery, []instanceAcc) {
	deliveries := make([][]delivery, len(urls))
	for i := range deliveries {
		deliveries[i] = make([]delivery, len(seq))
	}
	accs := make([]instanceAcc, len(urls))
	var mu sync.Mutex // guards deliveries and accs
	nBatches := (len(seq) + size - 1) / size

	forEachLimit(ctx, nBatches*len(urls), s.concurrency, func(j int) {
		bi, inst := j/len(urls), j%len(urls)
		lo, hi := bi*size, min((bi+1)*size, len(seq))
		b := batch{}
		for _, it := range seq[lo:hi] {
			if it.kind == "tag" {
				b.tags = append(b.tags, it.item)
			} else {
				b.paths = append(b.paths, PathSpec{Path: it.item, Type: it.typ})
			}
		}
		mu.Lock()
		dead, deadCode := accs[inst].dead, accs[inst].code
		mu.Unlock()
		var a answer
		if dead {
			a = answer{code: deadCode, reason: reasonNotSent}
		} else {
			sink.update(func(p *Progress) { p.Phase, p.Current = "send", b.first()+" @ "+hostOf(urls[inst]) })
			a = s.post(ctx, urls[inst], req.Secret, req.Actor, mode, dryRun, b)
		}

		mu.Lock()
		acc := &accs[inst]
		okCount := 0
		if !dead {
			acc.requests++
			acc.duration += a.duration
			if a.status != 0 {
				acc.status = a.status
			}
			if acc.nextVersion == "" {
				acc.nextVersion = a.nextVersion
			}
			if a.code != CodeOK && acc.code == "" {
				acc.code, acc.detail, acc.reason, acc.retryAfter = a.code, a.detail, a.reason, a.retryAfter
			}
			acc.dead = acc.dead || fatal[a.code]
		}
		for k := lo; k < hi; k++ {
			d := delivery{code: a.code, reason: a.reason, err: a.detail}
			if a.code == CodeOK {
				msg, found := a.items[seq[k].key()]
				switch {
				case !found:
					d = delivery{code: CodeSiteError, reason: "notInAnswer"}
				case msg != "":
					d = delivery{code: CodeSiteError, reason: "siteRefused", err: msg} // redacted, then cut, in post
				default:
					d = delivery{ok: true, code: CodeOK}
					okCount++
				}
			}
			deliveries[inst][k] = d
		}
		mu.Unlock()
		sink.update(func(p *Progress) {
			p.Phase = "send"
			p.Step++
			p.Done += okCount
			p.Failed += hi - lo - okCount
		})
	})
	return deliveries, accs
}

// forEachLimit calls fn(0..n-1) on at most limit goroutines, starting no new call once ctx is done.
func forEachLimit(ctx context.Context, n, limit int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(min(limit, n), 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
feed:
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
}

func hostOf(base string) string {
	if u, err := url.Parse(base); err == nil {
		return u.Host
	}
	return base
}
