package prefs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func known(v string) bool { return v == "a" || v == "b" }

func TestChoicePersistsRefusesAndSurvivesHostileFiles(t *testing.T) {
	dir := t.TempDir()
	c := Open(dir, "p.json", "k", "a", known)
	if c.Get() != "a" {
		t.Fatalf("fresh: %q", c.Get())
	}
	if err := c.Set("b"); err != nil {
		t.Fatal(err)
	}
	if got := Open(dir, "p.json", "k", "a", known).Get(); got != "b" {
		t.Fatalf("reopened: %q", got)
	}
	for _, bad := range []string{"", "c", "B", "b\n", "../a", "a\u202e", strings.Repeat("a", 1<<16)} {
		if err := c.Set(bad); err != ErrUnknown {
			t.Fatalf("Set(%.20q) = %v", bad, err)
		}
	}
	if c.Get() != "b" {
		t.Fatal("a refused value changed the choice")
	}
	fi, err := os.Stat(filepath.Join(dir, "p.json"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("file: %v %v", fi, err)
	}
	// Another key, a wrong type, garbage: the default, never a crash.
	for _, content := range []string{"", "{", `{"k":"c"}`, `{"k":7}`, `{"other":"b"}`, `["b"]`, strings.Repeat("x", 1<<16)} {
		_ = os.WriteFile(filepath.Join(dir, "p.json"), []byte(content), 0o600)
		if got := Open(dir, "p.json", "k", "a", known).Get(); got != "a" {
			t.Fatalf("file %.20q: %q", content, got)
		}
	}
}

func TestChoiceWithoutDirChangesNothing(t *testing.T) {
	c := Open("", "p.json", "k", "a", known)
	if err := c.Set("b"); err != ErrNoDir {
		t.Fatalf("Set without a dir = %v", err)
	}
	if c.Get() != "a" {
		t.Fatal("a choice that cannot be kept changed the value")
	}
	if err := c.Set("c"); err != ErrUnknown {
		t.Fatalf("unknown without a dir = %v", err)
	}
}

func TestChoiceUnwritableDirIsAnError(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gone")
	c := Open(dir, "p.json", "k", "a", known) // the dir does not exist: the write must fail, not panic
	if err := c.Set("b"); err == nil || err == ErrNoDir || err == ErrUnknown {
		t.Fatalf("a write into a missing dir: %v", err)
	}
	if c.Get() != "b" {
		t.Fatal("after a failed write the choice holds for the session")
	}
}
