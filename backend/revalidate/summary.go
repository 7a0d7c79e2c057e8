package revalidate

import (
	"strconv"

	"siyana/backend/check"
	"siyana/backend/i18n"
)

// summarize turns the deliveries into the item, instance and overall fields of res.
func (s *Service) summarize(res *Result, urls []string, seq []seqItem, deliveries [][]delivery, accs []instanceAcc, canceled bool) {
	res.Instances = make([]InstanceResult, len(urls))
	for i, u := range urls {
		a := accs[i]
		ir := InstanceResult{URL: u, OK: a.code == "" && a.requests > 0, Code: CodeOK, HTTPStatus: a.status,
			NextVersion: a.nextVersion, Requests: a.requests, DurationMs: check.Ms(a.duration)}
		switch {
		case a.code != "":
			ir.Code, ir.Reason, ir.Message = a.code, a.reason, a.detail
			if a.code == CodeThrottled {
				ir.RetryAfterSeconds = a.retryAfter
			}
		case a.requests == 0:
			ir.Code = CodeCanceled
		}
		if a.retryAfter > res.RetryAfterSeconds {
			res.RetryAfterSeconds = a.retryAfter
		}
		if res.NextVersion == "" {
			res.NextVersion = a.nextVersion
		}
		res.Instances[i] = ir
	}

	delivered, failed := 0, 0
	res.Items = make([]ItemResult, len(seq))
	for k, it := range seq {
		ir := ItemResult{Item: it.item, Kind: it.kind, Type: it.typ, OK: true, Instances: make([]ItemInstance, len(urls))}
		for i := range urls {
			d := deliveries[i][k]
			if d.code == "" { // never sent: the run was canceled first
				d = delivery{code: CodeCanceled, reason: "notSentCanceled"}
			}
			ir.Instances[i] = ItemInstance{URL: urls[i], OK: d.ok, Reason: d.reason, Error: d.err}
			if d.ok {
				delivered++
				continue
			}
			failed++
			if ir.OK {
				ir.OK, ir.Code, ir.Reason, ir.Error = false, d.code, d.reason, d.err
			}
		}
		res.Items[k] = ir
	}

	total := delivered + failed
	switch {
	case canceled:
		res.Outcome, res.Code = OutcomeCanceled, CodeCanceled
		res.Params = i18n.Params{"reason": "canceledAfter", "done": strconv.Itoa(delivered), "total": strconv.Itoa(total)}
		res.Message = say(res.Code, res.Params)
		return
	case failed == 0:
		res.Outcome, res.Code, res.OK = OutcomeOK, CodeOK, true
	case delivered == 0:
		res.Outcome = OutcomeFailed
	default:
		res.Outcome = OutcomePartial
	}
	if !res.OK {
		res.Code = CodeSiteError // item-level refusals inside 200 answers
		for _, ir := range res.Instances {
			if ir.Code != CodeOK {
				res.Code = ir.Code
				break
			}
		}
	}

	// The counts are params; the card says them with the language's plural forms. Verification and the
	// site's Retry-After are fields of their own (Verify, RetryAfterSeconds), shown beside the sentence.
	p := i18n.Params{"items": strconv.Itoa(len(seq)), "instances": strconv.Itoa(len(urls)),
		"done": strconv.Itoa(delivered), "total": strconv.Itoa(total)}
	switch {
	case res.OK && res.DryRun:
		p["reason"] = "dryRunOk"
	case res.OK:
		p["reason"] = "updated"
	case res.Outcome == OutcomePartial:
		p["reason"] = "partial"
	}
	if n := len(res.Verify); n > 0 {
		c := map[string]int{}
		for _, v := range res.Verify {
			c[v.State]++
		}
		p["fresh"], p["stale"], p["unknown"] = strconv.Itoa(c[StateFresh]), strconv.Itoa(c[StateStale]), strconv.Itoa(c[StateUnknown])
	}
	res.Params = p
	res.Message = say(res.Code, p)
	if delivered == 0 {
		foldShared(res, urls)
	}
}

// logEntry is what the log keeps of a run: items, failures and instance summaries, never the secret.
func logEntry(res Result, req Request, seq []seqItem) LogEntry {
	e := LogEntry{Time: res.StartedAt, RunID: res.RunID, ProfileID: req.ProfileID, Actor: req.Actor, Kind: res.Kind,
		Mode: res.Mode, ItemCount: len(seq), Outcome: res.Outcome, Code: res.Code, DurationMs: res.DurationMs,
		Instances: res.Instances, Verify: res.Verify, NextVersion: res.NextVersion, RetryOf: res.RetryOf,
		Tags: []string{}, Paths: []PathSpec{}, Errors: []ItemResult{}}
	for _, it := range seq {
		if it.kind == "tag" {
			e.Tags = append(e.Tags, it.item)
		} else {
			e.Paths = append(e.Paths, PathSpec{Path: it.item, Type: it.typ})
		}
	}
	for _, it := range res.Items {
		if !it.OK {
			it.Instances = nil // the instance summaries say where; per-item detail would bloat the log
			e.Errors = append(e.Errors, it)
		}
	}
	return e
}
