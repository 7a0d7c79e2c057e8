package revalidate

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"siyana/backend/platform"
)

// timedRecorder notes when each event arrived, to check the coalescing interval.
type timedRecorder struct {
	*platform.Recorder
	mu    sync.Mutex
	times []time.Time
}

func (r *timedRecorder) Emit(event string, data any) {
	r.mu.Lock()
	r.times = append(r.times, time.Now())
	r.mu.Unlock()
	r.Recorder.Emit(event, data)
}

func TestProgressOrderAndCoalescing(t *testing.T) {
	site := newFakeSite(t, testSecret)
	site.hook = func(w http.ResponseWriter, r *http.Request) bool {
		time.Sleep(15 * time.Millisecond) // a site slow enough that updates come faster than the interval
		return false
	}
	rec := &timedRecorder{Recorder: &platform.Recorder{}}
	svc, _ := newTestService(t, func(c *Config) { c.Runtime = rec })
	svc.concurrency = 2
	req := tagReq(site, manyTags(150, "t")...)
	req.Paths = Paths("/p/a", "/p/b")
	r := svc.FullRefresh(context.Background(), req)
	if r.Code != CodeOK {
		t.Fatalf("%s %s", r.Code, r.Message)
	}
	ev := progressEvents(t, rec.Recorder)
	const steps = 8 // 152 items in batches of 20
	first, last := ev[0], ev[len(ev)-1]
	if first.Phase != "start" || first.Step != 0 || first.Steps != steps || first.Total != 152 || first.RunID != r.RunID {
		t.Fatalf("first event = %+v", first)
	}
	if last.Phase != "done" || last.Step != steps || last.Done != 152 || last.Failed != 0 {
		t.Fatalf("last event = %+v", last)
	}
	updates := 2 * steps // a start and an end per step
	if len(ev) >= updates {
		t.Fatalf("%d events for %d updates: nothing was coalesced", len(ev), updates)
	}
	for i := 1; i < len(ev); i++ {
		if ev[i].Step < ev[i-1].Step || ev[i].Done < ev[i-1].Done || ev[i].RunID != r.RunID {
			t.Fatalf("event %d went backwards: %+v after %+v", i, ev[i], ev[i-1])
		}
		if gap := rec.times[i].Sub(rec.times[i-1]); i < len(ev)-1 && gap < progressInterval-5*time.Millisecond {
			t.Fatalf("events %d and %d only %v apart", i-1, i, gap)
		}
	}
	if st := svc.Status("prod"); st.Running || st.Progress != nil {
		t.Fatalf("status after the run = %+v", st)
	}
}

func TestProgressSinkKeepsFirstLatestAndFinal(t *testing.T) {
	rec := &platform.Recorder{}
	p := newProgressSink(rec, Progress{RunID: "r", Steps: 1000, Phase: "start"})
	for range 1000 {
		p.update(func(pr *Progress) { pr.Step++ })
	}
	time.Sleep(3 * progressInterval) // the trailing timer shows the latest state after a burst
	if ev := rec.Events(); len(ev) != 2 || ev[1].Data.(Progress).Step != 1000 {
		t.Fatalf("after a burst: %d events %+v", len(ev), ev)
	}
	p.update(func(pr *Progress) { pr.Current = "x" })
	p.update(func(pr *Progress) { pr.Current = "y" })
	p.finish("done")
	p.update(func(pr *Progress) { pr.Step = -1 })
	time.Sleep(2 * progressInterval)
	ev := rec.Events()
	last := ev[len(ev)-1].Data.(Progress)
	if last.Phase != "done" || last.Current != "y" || last.Step != 1000 || len(ev) > 4 {
		t.Fatalf("events = %+v", ev)
	}
}
