package revalidate

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"siyana/backend/redact"
)

func TestLogStaysWithinItsBounds(t *testing.T) {
	dir := t.TempDir()
	const maxEntries, maxBytes = 20, 8 << 10
	l := newOpLog(dir, maxEntries, maxBytes, nil)
	for i := range 300 {
		e := LogEntry{RunID: fmt.Sprintf("run-%03d", i), ProfileID: "p", Kind: KindTags, Tags: manyTags(i%30, "tag-")}
		if err := l.append(e); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(filepath.Join(dir, LogFile))
		if err != nil {
			t.Fatal(err)
		}
		entries, skipped, err := l.read()
		if err != nil || skipped != 0 {
			t.Fatalf("read: %v, %d skipped", err, skipped)
		}
		if st.Size() > maxBytes || len(entries) > maxEntries {
			t.Fatalf("after %d appends: %d bytes, %d entries", i+1, st.Size(), len(entries))
		}
		if last := entries[len(entries)-1]; last.RunID != e.RunID {
			t.Fatalf("newest entry = %s, want %s", last.RunID, e.RunID)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".revalidate-log-*"))
	if len(leftovers) != 0 {
		t.Fatalf("temp files left: %v", leftovers)
	}
	if st, _ := os.Stat(filepath.Join(dir, LogFile)); st.Mode().Perm() != 0o600 {
		t.Fatalf("log mode = %v", st.Mode().Perm())
	}
}

func TestHugeEntryIsCut(t *testing.T) {
	paths := make([]PathSpec, MaxItemsPerRun)
	for i := range paths {
		paths[i] = PathSpec{Path: "/" + strings.Repeat("p", 500) + fmt.Sprint(i)}
	}
	line, err := encodeEntry(LogEntry{RunID: "r", Paths: paths, ItemCount: len(paths)})
	if err != nil {
		t.Fatal(err)
	}
	var e LogEntry
	if len(line) > maxLogLine || json.Unmarshal(line, &e) != nil || !e.Truncated || e.ItemCount != MaxItemsPerRun {
		t.Fatalf("line of %d bytes, truncated=%v count=%d", len(line), e.Truncated, e.ItemCount)
	}
}

// The last runs survive a restart (a new Service on the same dir); corrupt lines are skipped and counted.
func TestLastAfterRestartSkipsCorruptLines(t *testing.T) {
	site := newFakeSite(t, testSecret)
	dir := t.TempDir()
	svc, _ := newTestService(t, func(c *Config) { c.LogDir = dir })
	var want []string
	for i := range 7 {
		r := svc.RevalidateTags(context.Background(), tagReq(site, fmt.Sprint("t", i)))
		want = append([]string{r.RunID}, want...)
		other := tagReq(site, "x")
		other.ProfileID = "staging"
		svc.RevalidateTags(context.Background(), other)
	}
	f, err := os.OpenFile(filepath.Join(dir, LogFile), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString("{not json at all}\n{\"runId\":\"cut-mid-wr") // a garbage line and a cut last line
	f.Close()

	restarted, _ := newTestService(t, func(c *Config) { c.LogDir = dir })
	h := restarted.Last("prod", 0)
	if h.SkippedLines != 2 || h.Message == "" || !h.OK {
		t.Fatalf("skipped = %d (%q), want 2", h.SkippedLines, h.Message)
	}
	if len(h.Entries) != 5 {
		t.Fatalf("got %d entries, want 5", len(h.Entries))
	}
	for i, e := range h.Entries {
		if e.RunID != want[i] || e.ProfileID != "prod" || e.Actor != "admin" || e.Outcome != OutcomeOK || len(e.Tags) != 1 {
			t.Fatalf("entry %d = %+v, want run %s", i, e, want[i])
		}
	}
	// The next append starts on its own line: the cut line does not swallow it.
	r := restarted.RevalidateTags(context.Background(), tagReq(site, "after"))
	h = restarted.Last("prod", 1)
	if len(h.Entries) != 1 || h.Entries[0].RunID != r.RunID || h.SkippedLines != 2 {
		t.Fatalf("after restart: %+v", h)
	}
	if v := restarted.LastNextVersion("prod"); v != "16.4.6" {
		t.Fatalf("next version = %q", v)
	}
}

// A canary secret must appear nowhere: not in the log, the results or the events, even when a broken site
// echoes the Authorization header back in its error.
// siteWords are the site's own texts a result carries (item errors, instance messages).
func siteWords(r Result) string {
	var b strings.Builder
	for _, it := range r.Items {
		b.WriteString(it.Error + "\n")
	}
	for _, in := range r.Instances {
		b.WriteString(in.Message + "\n")
	}
	return b.String()
}

func TestSecretNeverWritten(t *testing.T) {
	const canary = "CANARY-7f3a9c1e5b2d4f60-secret"
	site := newFakeSite(t, canary)
	echo := newFakeSite(t, canary)
	echo.hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != Endpoint {
			return false
		}
		writeJSON(w, 500, map[string]any{"ok": false, "error": "got " + r.Header.Get("Authorization")})
		return true
	}
	wrong := newFakeSite(t, "not-the-canary")
	dir := t.TempDir()
	svc, rec := newTestService(t, func(c *Config) { c.LogDir = dir })
	var results []Result
	for _, urls := range [][]string{{site.URL()}, {echo.URL()}, {wrong.URL()}, {site.URL(), echo.URL()}} {
		req := bound(Request{ProfileID: "p", Actor: "a", SiteURL: urls[0], InstanceURLs: urls[1:], Secret: canary,
			Tags: []string{"products"}, Paths: Paths("/p/home"), Verify: true})
		results = append(results, svc.FullRefresh(context.Background(), req))
		results = append(results, svc.TestConnection(context.Background(), req))
	}
	if r := results[0]; r.Code != CodeOK {
		t.Fatalf("baseline run failed: %s %s", r.Code, r.Message)
	}
	if r := results[2]; r.Code != CodeSiteError || !strings.Contains(siteWords(r), "Bearer "+redact.Placeholder) {
		t.Fatalf("echoing site: %s %q (want the echo redacted, not dropped)", r.Code, siteWords(r))
	}
	results = append(results, svc.RetryFailed(context.Background(), bound(Request{ProfileID: "p", SiteURL: site.URL(), Secret: canary}), results[2].RunID))
	blob, _ := json.Marshal(results)
	events, _ := json.Marshal(rec.Events())
	logData, err := os.ReadFile(filepath.Join(dir, LogFile))
	if err != nil || len(logData) == 0 {
		t.Fatalf("no log written: %v", err)
	}
	history, _ := json.Marshal(svc.Last("p", 50))
	for name, data := range map[string][]byte{"results": blob, "events": events, "log": logData, "history": history} {
		if strings.Contains(string(data), canary) || strings.Contains(strings.ToLower(string(data)), "authorization") {
			t.Fatalf("the secret or the header leaked into %s", name)
		}
	}
}
