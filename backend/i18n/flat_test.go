package i18n

import (
	"encoding/json"
	"maps"
	"testing"
)

// viaTree is the catalog as json.Unmarshal and flatten read it (flat's reference).
func viaTree(t *testing.T, raw []byte) map[string]string {
	t.Helper()
	var tree map[string]any
	if err := json.Unmarshal(raw, &tree); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	flatten("", tree, out)
	return out
}

// Both shipped catalogs take flat's path, and it reads them exactly as json.Unmarshal does.
func TestFlatReadsTheCatalogsAsUnmarshal(t *testing.T) {
	for _, lang := range Languages {
		raw, err := files.ReadFile("catalog/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		got, ok := flat(raw)
		if !ok {
			t.Fatalf("%s: flat refused the catalog", lang)
		}
		if want := viaTree(t, raw); !maps.Equal(got, want) {
			t.Fatalf("%s: flat read %d keys, json.Unmarshal %d (or different values)", lang, len(got), len(want))
		}
	}
}

func TestFlatStrings(t *testing.T) {
	for _, doc := range []string{
		`{}`, ` {"a": "x"} `, `{"a":{"b":"x","c":{"d":"y"}},"e":""}`,
		`{"q": "say \"hi\" \\ \/ \n \t \u00e9 \ud83d\ude00 \u0000"}`, `{"ar": "صيانة", "k\u0041": "v"}`,
		"{\"a\":\r\n\t\"b\"\n}",
	} {
		got, ok := flat([]byte(doc))
		if !ok {
			t.Fatalf("%s: refused", doc)
		}
		if want := viaTree(t, []byte(doc)); !maps.Equal(got, want) {
			t.Fatalf("%s: %q, want %q", doc, got, want)
		}
	}
}

// What flat does not read the same way it refuses, for json.Unmarshal to decide.
func TestFlatRefuses(t *testing.T) {
	for _, doc := range []string{
		``, `[]`, `"x"`, `{"a": 1}`, `{"a": ["x"]}`, `{"a": null}`, `{"a": true}`, `{"a": "x",}`, `{"a" "x"}`,
		`{"a": "x"} {}`, `{"a": "x", "a": "y"}`, `{"a": {"b": "x"}, "a": "y"}`, `{"a": "y", "a": {"b": "x"}}`,
		`{"a": {"b": "x"}, "a": {"c": "y"}}`, `{"a": "x` + "\xff" + `"}`, "{\"a\": \"x\ny\"}", `{"a": "\x"}`,
		`{"a": "x"`, `{"a": "x\"}`, `{"": {"": "x"}}`,
	} {
		if got, ok := flat([]byte(doc)); ok {
			t.Fatalf("%q: read as %q", doc, got)
		}
	}
}

func BenchmarkCatalogParse(b *testing.B) {
	raw, err := files.ReadFile("catalog/en.json")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("flat", func(b *testing.B) {
		for b.Loop() {
			flat(raw)
		}
	})
	b.Run("unmarshal", func(b *testing.B) {
		for b.Loop() {
			var tree map[string]any
			_ = json.Unmarshal(raw, &tree)
			flatten("", tree, map[string]string{})
		}
	})
}
