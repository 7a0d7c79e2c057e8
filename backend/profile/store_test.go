package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"siyana/backend/appid"
)

var fixedNow = func() time.Time { return time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC) }

func openT(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := open(dir, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func named(name string) Profile {
	return Profile{Name: name, Kind: KindStaging, SiteURL: "https://x.example"}
}

// saveNamed saves named(name) in s and fails the test unless it was saved.
func saveNamed(t *testing.T, s *Store, name string) Profile {
	t.Helper()
	p, err := s.Save(named(name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestStoreLifecycle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cfg")
	s := openT(t, dir)
	if list, sel := s.List(); len(list) != 0 || sel != "" || s.Warning() != nil {
		t.Fatalf("fresh store: %v %q %v", list, sel, s.Warning())
	}
	if _, err := os.Stat(s.Path()); !os.IsNotExist(err) {
		t.Fatal("opening must not write a file")
	}

	a := saveNamed(t, s, "أ")
	if len(a.ID) != 32 || a.Revalidation.CooldownSeconds != DefaultCooldownSeconds {
		t.Fatalf("saved: %+v", a)
	}
	b := saveNamed(t, s, "ب")
	if sel, ok := s.Selected(); !ok || sel.ID != a.ID {
		t.Fatal("the first profile should be selected")
	}

	a.Name = "أ2"
	if _, err := s.Save(a); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Get(a.ID); got.Name != "أ2" {
		t.Fatalf("update lost: %+v", got)
	}
	if _, err := s.Save(Profile{ID: "nosuch", Name: "x", Kind: KindStaging}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("update of unknown id: %v", err)
	}
	if err := s.Select("nosuch"); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	if err := s.Select(b.ID); err != nil {
		t.Fatal(err)
	}

	// Reopen: what is on disk is what we had.
	s2 := openT(t, dir)
	list, sel := s2.List()
	if len(list) != 2 || sel != b.ID || list[0].Name != "أ2" || s2.Warning() != nil {
		t.Fatalf("reopened: %+v sel %q", list, sel)
	}

	if err := s2.Delete(b.ID); err != nil {
		t.Fatal(err)
	}
	if sel, ok := s2.Selected(); !ok || sel.ID != a.ID {
		t.Fatal("deleting the selected profile should select the first remaining one")
	}
	if err := s2.Delete(b.ID); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	if err := s2.Delete(a.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := s2.Selected(); ok {
		t.Fatal("nothing left to select")
	}
	assertNoTempFiles(t, dir)
}

func TestStoreRejectsBadInputWithoutChange(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	p := saveNamed(t, s, "ok")
	before, _ := os.ReadFile(s.Path())

	p.SiteURL = "ftp://nope"
	if _, err := s.Save(p); !errors.Is(err, ErrInvalid) {
		t.Fatalf("got %v", err)
	}
	if _, err := s.Save(Profile{Name: ""}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("got %v", err)
	}
	_, err := s.Update(p.ID, func(q *Profile) error { q.Pusher.Cluster = "BAD_CLUSTER"; return nil })
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("update: %v", err)
	}
	boom := errors.New("boom")
	if _, err := s.Update(p.ID, func(q *Profile) error { q.Name = "changed"; return boom }); err != boom {
		t.Fatalf("update callback error: %v", err)
	}
	after, _ := os.ReadFile(s.Path())
	if !bytes.Equal(before, after) {
		t.Fatal("file changed on bad input")
	}
	if got, _ := s.Get(p.ID); got.SiteURL != "https://x.example" || got.Name != "ok" {
		t.Fatalf("memory changed on bad input: %+v", got)
	}
	list, _ := s.List()
	if len(list) != 1 {
		t.Fatalf("%d profiles", len(list))
	}
}

func TestStoreMovesUnusableFileAside(t *testing.T) {
	valid := `{"schemaVersion":1,"selectedId":"p1","profiles":[{"id":"p1","name":"x","kind":"staging"}]}`
	scenarios := []struct {
		name, content, code string
	}{
		{"not json", "{not json", WarnCorrupt},
		{"truncated", valid[:len(valid)-5], WarnCorrupt},
		{"empty file", "", WarnCorrupt},
		{"no schema version", `{"profiles":[]}`, WarnCorrupt},
		{"newer schema", `{"schemaVersion":` + strconv.Itoa(SchemaVersion+1) + `,"profiles":[],"futureField":1}`, WarnNewerSchema},
		{"bad bound origin", `{"schemaVersion":2,"profiles":[{"id":"a","name":"x","kind":"staging","revalidateSecretOrigins":["https://x.example/path"]}]}`, WarnCorrupt},
		{"unknown field", `{"schemaVersion":1,"profiles":[],"extra":true}`, WarnCorrupt},
		{"duplicate ids", `{"schemaVersion":1,"profiles":[{"id":"a","name":"x","kind":"staging"},{"id":"a","name":"y","kind":"staging"}]}`, WarnCorrupt},
		{"missing id", `{"schemaVersion":1,"profiles":[{"name":"x","kind":"staging"}]}`, WarnCorrupt},
		{"invalid profile", `{"schemaVersion":1,"profiles":[{"id":"a","name":"x","kind":"staging","siteUrl":"ftp://x"}]}`, WarnCorrupt},
		{"wrong type", `{"schemaVersion":"1"}`, WarnCorrupt},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			if err := os.WriteFile(path, []byte(sc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			s := openT(t, dir)
			w := s.Warning()
			if w == nil || w.Code != sc.code || w.Message == "" || w.Params["path"] != w.MovedTo || containsArabic(w.Message) {
				t.Fatalf("warning: %+v", w)
			}
			if w.MovedTo != path+".corrupt-20250301T120000.000000000Z" {
				t.Fatalf("moved to %q", w.MovedTo)
			}
			kept, err := os.ReadFile(w.MovedTo)
			if err != nil || string(kept) != sc.content {
				t.Fatalf("moved-aside content differs: %v", err)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Fatal("original still in place")
			}
			if list, _ := s.List(); len(list) != 0 {
				t.Fatal("store should start empty")
			}
			if _, err := s.Save(named("new")); err != nil {
				t.Fatalf("saving after a moved-aside file: %v", err)
			}
			if kept2, _ := os.ReadFile(w.MovedTo); string(kept2) != sc.content {
				t.Fatal("saving touched the moved-aside file")
			}
		})
	}

	t.Run("valid file with dangling selection loads", func(t *testing.T) {
		dir := t.TempDir()
		content := strings.Replace(valid, `"selectedId":"p1"`, `"selectedId":"gone"`, 1)
		os.WriteFile(filepath.Join(dir, FileName), []byte(content), 0o600)
		s := openT(t, dir)
		list, sel := s.List()
		if s.Warning() != nil || len(list) != 1 || sel != "" {
			t.Fatalf("%v %v %q", s.Warning(), list, sel)
		}
	})
}

// When the file can be neither renamed nor copied aside, the store must refuse to write over it.
func TestStoreReadOnlyWhenMoveAsideFails(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	os.WriteFile(path, []byte("garbage"), 0o600)
	// Occupy the move-aside target with a non-empty directory: rename and copy onto it both fail.
	blocker := path + ".corrupt-20250301T120000.000000000Z"
	os.MkdirAll(filepath.Join(blocker, "x"), 0o700)
	s := openT(t, dir)
	if w := s.Warning(); w == nil || w.Code != WarnMoveFailed || w.MovedTo != "" {
		t.Fatalf("warning: %+v", w)
	}
	if _, err := s.Save(named("x")); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Save: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "garbage" {
		t.Fatal("the unusable file was overwritten")
	}
}

func TestStorePermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("mode bits are not how Windows protects the profile dir")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "existing")
	os.Mkdir(dir, 0o755)
	s := openT(t, dir)
	saveNamed(t, s, "x")
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Fatalf("dir mode %v", fi.Mode().Perm())
	}
	if fi, _ := os.Stat(s.Path()); fi.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v", fi.Mode().Perm())
	}
	fresh := openT(t, filepath.Join(parent, "a", "b"))
	if fi, _ := os.Stat(filepath.Dir(fresh.Path())); fi.Mode().Perm() != 0o700 {
		t.Fatalf("created dir mode %v", fi.Mode().Perm())
	}
}

func TestDefaultDirHonoursEnv(t *testing.T) {
	t.Setenv(ConfigDirEnv, "/tmp/siyana-e2e-x")
	if d, err := DefaultDir(); err != nil || d != "/tmp/siyana-e2e-x" {
		t.Fatalf("%q %v", d, err)
	}
	if d, err := DefaultDirFor(true); err != nil || d != "/tmp/siyana-e2e-x" {
		t.Fatalf("dev: %q %v", d, err)
	}
	t.Setenv(ConfigDirEnv, "")
	if d, err := DefaultDir(); err == nil && filepath.Base(d) != appid.Production {
		t.Fatalf("%q", d)
	}
}

// TestDevBuildHasItsOwnDir: a dev build never opens the production profiles file.
func TestDevBuildHasItsOwnDir(t *testing.T) {
	t.Setenv(ConfigDirEnv, "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	prod, err := DefaultDirFor(false)
	if err != nil {
		t.Skip("no user config dir here:", err)
	}
	dev, err := DefaultDirFor(true)
	if err != nil {
		t.Fatal(err)
	}
	if prod == dev || filepath.Dir(prod) != filepath.Dir(dev) || filepath.Base(dev) != appid.Dev {
		t.Fatalf("production %q, dev %q: want siyana-dev beside siyana", prod, dev)
	}
}

func TestStoreConcurrentWriters(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	base := saveNamed(t, s, "base")
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			if _, err := s.Save(named(fmt.Sprintf("p%d", i))); err != nil {
				t.Error(err)
			}
		}()
		go func() {
			defer wg.Done()
			_, err := s.Update(base.ID, func(p *Profile) error {
				p.Revalidation.Tags = append(p.Revalidation.Tags, fmt.Sprintf("t%d", i))
				return nil
			})
			if err != nil {
				t.Error(err)
			}
			s.List()
		}()
	}
	wg.Wait()
	var onDisk fileData
	b, _ := os.ReadFile(s.Path())
	if err := json.Unmarshal(b, &onDisk); err != nil {
		t.Fatal(err)
	}
	if len(onDisk.Profiles) != n+1 {
		t.Fatalf("%d profiles on disk, want %d", len(onDisk.Profiles), n+1)
	}
	if got := len(onDisk.Profiles[0].Revalidation.Tags); got != len(DefaultTags)+n {
		t.Fatalf("%d tags, want %d: an update was lost", got, len(DefaultTags)+n)
	}
	assertNoTempFiles(t, dir)
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Fatalf("temp file left behind: %s", e.Name())
		}
	}
}

// The memory store keeps, validates and selects like a file store and writes nothing anywhere (the working
// directory and the config dir stay empty).
func TestMemoryStoreWritesNoFile(t *testing.T) {
	cwd, cfg := t.TempDir(), t.TempDir()
	t.Chdir(cwd)
	t.Setenv(ConfigDirEnv, cfg)
	s := Memory()
	if s.Path() != "" || s.Down() != nil {
		t.Fatalf("path %q down %v", s.Path(), s.Down())
	}
	p := saveNamed(t, s, "env")
	if list, sel := s.List(); len(list) != 1 || sel != p.ID {
		t.Fatalf("list %v selected %q", list, sel)
	}
	if _, err := s.Update(p.ID, func(q *Profile) error { q.SiteURL = "not a url"; return nil }); !errors.Is(err, ErrInvalid) {
		t.Fatalf("invalid update: %v", err)
	}
	if got, _ := s.Get(p.ID); got.SiteURL != "https://x.example" {
		t.Fatalf("a refused update changed the profile: %q", got.SiteURL)
	}
	for _, dir := range []string{cwd, cfg} {
		if ents, _ := os.ReadDir(dir); len(ents) != 0 {
			t.Fatalf("%s: the memory store wrote %v", dir, ents)
		}
	}
}
