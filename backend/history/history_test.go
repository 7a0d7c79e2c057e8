package history

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"siyana/backend/redact"
)

func TestPutGetSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "last-results.json")
	s := Open(path)
	if err := s.Put("p1", KindDatabase, map[string]any{"ok": true, "code": "OK", "latencyMs": 0.4}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		OK        bool    `json:"ok"`
		LatencyMs float64 `json:"latencyMs"`
	}
	ok, err := Open(path).Get("p1", KindDatabase, &got)
	if err != nil || !ok || !got.OK || got.LatencyMs != 0.4 {
		t.Fatalf("reopen: ok=%v err=%v got=%+v", ok, err, got)
	}
	if ok, _ := Open(path).Get("p2", KindDatabase, &got); ok {
		t.Fatal("another profile's result leaked")
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v, err %v", info.Mode().Perm(), err)
	}
}

func TestForgetAndCorruptFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "last-results.json")
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := Open(path)
	if len(s.All("p1")) != 0 {
		t.Fatal("corrupt cache should start empty")
	}
	_ = s.Put("p1", KindAtlas, 1)
	_ = s.Forget("p1")
	if len(Open(path).All("p1")) != 0 {
		t.Fatal("Forget did not persist")
	}
}

func TestConcurrentPuts(t *testing.T) {
	s := Open(filepath.Join(t.TempDir(), "r.json"))
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_ = s.Put("p", KindSite, i)
		}(i)
	}
	wg.Wait()
	if len(s.All("p")) != 1 {
		t.Fatal("one entry per kind expected")
	}
}

func TestOnPutSeesEveryResult(t *testing.T) {
	s := Open("")
	var got []string
	s.OnPut = func(id, kind string, raw json.RawMessage) { got = append(got, id+"/"+kind+"="+string(raw)) }
	_ = s.Put("p1", KindSite, map[string]any{"ok": false})
	if len(got) != 1 || got[0] != `p1/site={"ok":false}` {
		t.Fatalf("OnPut saw %v", got)
	}
}

// The file never holds a secret a result echoed, in any form, nor does OnPut (the log) get one.
func TestPlantedSecretNeverReachesTheFile(t *testing.T) {
	secret := `pl"ant\ed<&>secret-4242`
	reg := redact.NewRegistry()
	reg.Add("p2", "PUSHER_SECRET", secret) // read for another profile than the one checked
	path := filepath.Join(t.TempDir(), "last-results.json")
	s := Open(path)
	s.Redact = reg
	var logged string
	s.OnPut = func(_, _ string, raw json.RawMessage) { logged = string(raw) }
	res := map[string]any{"ok": false, "serverMessage": "you sent " + secret,
		"detail": "mongodb://u:" + url.QueryEscape(secret) + "@h/db", "items": []string{"x " + secret}}
	if err := s.Put("p1", KindPusherCreds, res); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	esc, _ := json.Marshal(secret)
	for where, text := range map[string]string{"file": string(b), "OnPut": logged} {
		for _, form := range []string{secret, string(esc[1 : len(esc)-1]), url.QueryEscape(secret), "secret-4242"} {
			if strings.Contains(text, form) {
				t.Errorf("%s holds %q: %s", where, form, text)
			}
		}
	}
	var back struct{ OK bool }
	if ok, err := s.Get("p1", KindPusherCreds, &back); !ok || err != nil {
		t.Fatalf("scrubbed result unreadable: %v", err)
	}
}

// A file written before a value was known (or by an older version) is scrubbed when read.
func TestOldFileScrubbedOnRead(t *testing.T) {
	secret := "old-secret-value-99"
	path := filepath.Join(t.TempDir(), "last-results.json")
	if err := os.WriteFile(path, []byte(`{"p1":{"site":{"kind":"site","savedAt":"2025-01-01T00:00:00Z","result":{"detail":"echo `+secret+`"}}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	s := Open(path)
	s.Redact = redact.NewRegistry()
	s.Redact.Add("p1", "REVALIDATE_SECRET", secret)
	if got := string(s.All("p1")["site"].Result); strings.Contains(got, secret) {
		t.Fatalf("All: %s", got)
	}
}
