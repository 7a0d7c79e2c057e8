package i18n

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTFillsPlaceholdersAndPlurals(t *testing.T) {
	scenarios := []struct {
		lang, key string
		p         Params
		want      string
	}{
		{"en", "common.state.missing", Params{"list": "A, B"}, "Missing: A, B"},
		{"en", "common.state.missing", nil, "Missing: {list}"},
		{"xx", "common.state.missing", Params{"list": "A"}, "الناقص: A"},
		{"en", "no.such.key", nil, "no.such.key"},
		{"en", "revalidate.why.updated", Params{"items": "1", "instances": "2"}, "Refreshed 1 item on 2 instances."},
		{"ar", "revalidate.why.updated", Params{"items": "4", "instances": "1"}, "تم تحديث 4 عناصر على نسخة واحدة."},
		{"ar", "revalidate.why.updated", Params{"items": "11", "instances": "2"}, "تم تحديث 11 عنصرًا على نسختين."},
		{"ar", "revalidate.why.updated", Params{"items": "x", "instances": "0"}, "تم تحديث x على لا نسخ."},
	}
	for _, sc := range scenarios {
		if got := T(sc.lang, sc.key, sc.p); got != sc.want {
			t.Errorf("T(%s, %s, %v) = %q, want %q", sc.lang, sc.key, sc.p, got, sc.want)
		}
	}
}

func TestPluralCategoryMatchesCLDR(t *testing.T) {
	want := map[int]string{0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many", 100: "other", 102: "other", 103: "few", 111: "many"}
	for n, c := range want {
		if got := PluralCategory("ar", n); got != c {
			t.Errorf("ar %d: %s, want %s", n, got, c)
		}
	}
	if PluralCategory("en", 1) != "one" || PluralCategory("en", 0) != "other" || PluralCategory("en", 2) != "other" {
		t.Fatal("English plural rule")
	}
}

func TestMessageKeyPrefersReasonThenAreaThenLabel(t *testing.T) {
	if k := MessageKey("en", "realtime", "EVENT_NOT_RECEIVED", Params{"reason": "noEventKey"}); k != "realtime.why.noEventKey" {
		t.Fatal(k)
	}
	if k := MessageKey("en", "realtime", "EVENT_NOT_RECEIVED", Params{"reason": "nonsense"}); k != "realtime.msg.EVENT_NOT_RECEIVED" {
		t.Fatal(k)
	}
	if k := MessageKey("en", "nowhere", "TIMEOUT", nil); k != "code.TIMEOUT.label" {
		t.Fatal(k)
	}
	if h := HintKey("en", "atlas", "RATE_LIMITED", Params{"reason": "retryAfter"}); h != "atlas.whyHint.retryAfter" {
		t.Fatal(h)
	}
	if d := DetailHint("atlas", "RATE_LIMITED", Params{"reason": "retryAfter", "seconds": "30"}); d != "Wait 30 seconds, then try again." {
		t.Fatal(d)
	}
}

// English details carry no Arabic (they go to logs and to a CLI); Arabic sentences exist for each.
func TestDetailsAreEnglish(t *testing.T) {
	for _, k := range Keys("en") {
		v := T("en", k, nil)
		if strings.HasPrefix(k, "settings.language.names.") || k == "common.windowTitle" {
			continue // a language's own name, the bilingual window title
		}
		for _, r := range v {
			if r >= 0x0600 && r <= 0x06FF {
				t.Errorf("en %s holds Arabic: %q", k, v)
				break
			}
		}
	}
}

func TestPrefPersistsAndRefusesUnknownLanguages(t *testing.T) {
	dir := t.TempDir()
	p := OpenPref(dir)
	if p.Language() != Default {
		t.Fatalf("fresh: %s", p.Language())
	}
	if err := p.Set("en"); err != nil {
		t.Fatal(err)
	}
	if got := OpenPref(dir).Language(); got != "en" {
		t.Fatalf("reopened: %s", got)
	}
	for _, bad := range []string{"", "fr", "EN", "en\n", "../ar", "ar\u202e"} {
		if err := p.Set(bad); err != ErrUnknownLanguage {
			t.Fatalf("Set(%q) = %v", bad, err)
		}
	}
	if p.Language() != "en" {
		t.Fatal("a refused language changed the setting")
	}
	fi, err := os.Stat(filepath.Join(dir, PrefFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("setting file: %v %v", fi, err)
	}
	// A hostile or stale file means the default, never a crash.
	for _, content := range []string{"", "{", `{"language":"fr"}`, `{"language":7}`, strings.Repeat("x", 1<<16)} {
		_ = os.WriteFile(filepath.Join(dir, PrefFile), []byte(content), 0o600)
		if got := OpenPref(dir).Language(); got != Default {
			t.Fatalf("file %q: %s", content[:min(len(content), 20)], got)
		}
	}
	var none *Pref
	if none.Language() != Default || none.Set("en") == nil {
		t.Fatal("a nil Pref answers the default and refuses to save")
	}
}

// FieldText: a field's own sentence, else its code's label, with its position in a list; as fieldText in
// frontend/src/i18n/index.ts.
func TestFieldText(t *testing.T) {
	if got, want := FieldText("en", FieldError{Code: "required"}), T("en", "field.required", nil); got != want || got == "field.required" {
		t.Fatalf("own sentence: %q, want %q", got, want)
	}
	if got, want := FieldText("ar", FieldError{Code: "SECRET_NOT_ASCII"}), T("ar", "code.SECRET_NOT_ASCII.label", nil); got != want {
		t.Fatalf("code label: %q, want %q", got, want)
	}
	if got := FieldText("en", FieldError{Code: "required", Params: map[string]string{"item": "3"}}); !strings.Contains(got, "3") || !strings.Contains(got, T("en", "field.required", nil)) {
		t.Fatalf("item: %q", got)
	}
	if got := FieldText("en", FieldError{Code: "NO_SUCH_CODE"}); got != "NO_SUCH_CODE" {
		t.Fatalf("unknown code: %q", got)
	}
}
