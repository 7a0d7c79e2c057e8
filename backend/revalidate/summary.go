package revalidate

import (
	"fmt"

	"siyana/backend/check"
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
			ir.Code, ir.Message = a.code, withDetail(a.code, a.detail)
			if a.code == CodeThrottled {
				ir.RetryAfterSeconds = a.retryAfter
			}
		case a.requests == 0:
			ir.Code, ir.Message = CodeCanceled, message(CodeCanceled)
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
	firstErr := ""
	res.Items = make([]ItemResult, len(seq))
	for k, it := range seq {
		ir := ItemResult{Item: it.item, Kind: it.kind, Type: it.typ, OK: true, Instances: make([]ItemInstance, len(urls))}
		for i := range urls {
			d := deliveries[i][k]
			if d.code == "" { // never sent: the run was canceled first
				d = delivery{code: CodeCanceled, err: "لم يُرسل: أُلغيت العملية"}
			}
			ir.Instances[i] = ItemInstance{URL: urls[i], OK: d.ok, Error: d.err}
			if d.ok {
				delivered++
				continue
			}
			failed++
			if ir.OK {
				ir.OK, ir.Code, ir.Error = false, d.code, d.err
			}
			if firstErr == "" {
				firstErr = d.err
			}
		}
		res.Items[k] = ir
	}

	total := delivered + failed
	switch {
	case canceled:
		res.Outcome, res.Code = OutcomeCanceled, CodeCanceled
		res.Message = fmt.Sprintf("أُلغيت العملية بعد إنجاز %d من %d", delivered, total)
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

	switch {
	case res.OK && res.DryRun:
		res.Message = fmt.Sprintf("الاتصال سليم: قبل الموقع السر و%d عنصراً (تجربة، لم يتغير شيء)", len(seq))
	case res.OK:
		res.Message = fmt.Sprintf("تم تحديث %d عنصراً على %d نسخة", len(seq), len(urls))
	case res.Outcome == OutcomePartial:
		res.Message = fmt.Sprintf("تم جزئياً: %d من %d. %s", delivered, total, firstErr)
	default:
		res.Message = firstErr
	}
	if res.Code == CodeThrottled && res.RetryAfterSeconds > 0 {
		res.Message += fmt.Sprintf(" — أعد المحاولة بعد %d ثانية", res.RetryAfterSeconds)
	}
	if n := len(res.Verify); n > 0 {
		c := map[string]int{}
		for _, v := range res.Verify {
			c[v.State]++
		}
		res.Message += fmt.Sprintf(". التحقق: %d حديثة، %d ما زالت قديمة، %d غير معروفة", c[StateFresh], c[StateStale], c[StateUnknown])
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
