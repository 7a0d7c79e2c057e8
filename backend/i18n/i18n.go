// Package i18n holds the app's words: one catalog per language (catalog/ar.json, catalog/en.json), the same
// files the frontend imports. Go code never writes a sentence: a result carries a stable code and params,
// the UI renders them in the admin's language, and Go looks up the English text only for its own logs and
// the few strings it must hand to the OS itself (the window and native dialog titles).
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed catalog/*.json
var files embed.FS

// Languages the catalogs exist for; the first is the default.
var Languages = []string{"ar", "en"}

// Default is the language a fresh install shows.
const Default = "ar"

// Params are the values a catalog sentence fills in ({name} placeholders). Values are plain text (a host, a
// count, a code), never a sentence.
type Params = map[string]string

// catalogs holds each language's flattened catalog, parsed on first use: a command that speaks one
// language (siyanactl) parses one file, and nothing is parsed at start-up.
var catalogs = func() map[string]func() map[string]string {
	out := map[string]func() map[string]string{}
	for _, lang := range Languages {
		out[lang] = sync.OnceValue(func() map[string]string {
			raw, err := files.ReadFile("catalog/" + lang + ".json")
			if err != nil {
				panic(err) // embedded at build time: a missing file is a build defect
			}
			var tree map[string]any
			if err := json.Unmarshal(raw, &tree); err != nil {
				panic(fmt.Sprintf("catalog %s: %v", lang, err))
			}
			flat := map[string]string{}
			flatten("", tree, flat)
			return flat
		})
	}
	return out
}()

// catalog is lang's flattened catalog (nil for an unknown language).
func catalog(lang string) map[string]string {
	if load, ok := catalogs[lang]; ok {
		return load()
	}
	return nil
}

func flatten(prefix string, node map[string]any, out map[string]string) {
	for k, v := range node {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		switch v := v.(type) {
		case string:
			out[key] = v
		case map[string]any:
			flatten(key, v, out)
		}
	}
}

// Known reports whether lang has a catalog.
func Known(lang string) bool {
	_, ok := catalogs[lang]
	return ok
}

// Has reports whether the catalog of lang holds key.
func Has(lang, key string) bool {
	_, ok := catalog(lang)[key]
	return ok
}

// Keys lists the keys of lang's catalog, sorted.
func Keys(lang string) []string {
	keys := make([]string, 0, len(catalog(lang)))
	for k := range catalog(lang) {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// placeholder is {name}, or {name:form} for a count said with the plural forms plural.<form>.<category>.
var placeholder = regexp.MustCompile(`\{(\w+)(?::(\w+))?\}`)

// T returns key's text in lang with its placeholders filled from p; an unknown language falls back to the
// default one and a missing key shows itself (visible, never empty). frontend/src/i18n/index.ts fills the
// same placeholders the same way (with Intl.PluralRules for the forms).
func T(lang, key string, p Params) string {
	if !Known(lang) {
		lang = Default
	}
	text, ok := catalog(lang)[key]
	if !ok {
		return key
	}
	return placeholder.ReplaceAllStringFunc(text, func(m string) string {
		sub := placeholder.FindStringSubmatch(m)
		v, ok := p[sub[1]]
		if !ok {
			return m
		}
		if sub[2] == "" {
			return v
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return v
		}
		form, ok := catalog(lang)["plural."+sub[2]+"."+PluralCategory(lang, n)]
		if !ok {
			form, ok = catalog(lang)["plural."+sub[2]+".other"]
		}
		if !ok {
			return v
		}
		return strings.ReplaceAll(form, "{n}", v)
	})
}

// PluralCategory is the CLDR plural category of the integer n in lang (what Intl.PluralRules answers):
// Arabic has zero, one, two, few (3–10), many (11–99) and other; English one and other.
func PluralCategory(lang string, n int) string {
	if n < 0 {
		n = -n
	}
	if lang != "ar" {
		if n == 1 {
			return "one"
		}
		return "other"
	}
	switch m := n % 100; {
	case n == 0:
		return "zero"
	case n == 1:
		return "one"
	case n == 2:
		return "two"
	case m >= 3 && m <= 10:
		return "few"
	case m >= 11 && m <= 99:
		return "many"
	}
	return "other"
}

// FieldError is one refused form field: a stable code (the catalog sentence field.<code>, or for a
// keychain refusal code.<CODE>.label) and its params (max: a limit; item: the 1-based position in a list).
type FieldError struct {
	Code   string            `json:"code"`
	Params map[string]string `json:"params,omitempty"`
}

// FieldText is what a refused field says: its sentence field.<code>, else the code's label in the settings
// area, prefixed by its position (params["item"]) in a list. frontend/src/i18n/index.ts (fieldText) applies
// the same rule.
func FieldText(lang string, e FieldError) string {
	text := e.Code
	switch {
	case Has(lang, "field."+e.Code):
		text = T(lang, "field."+e.Code, e.Params)
	case Has(lang, "settings.codes."+e.Code):
		text = T(lang, "settings.codes."+e.Code, nil)
	case Has(lang, "code."+e.Code+".label"):
		text = T(lang, "code."+e.Code+".label", nil)
	}
	if item := e.Params["item"]; item != "" {
		return T(lang, "field.item", Params{"item": item, "text": text})
	}
	return text
}

// MessageKey is the catalog key of the sentence for a result of area with code (and, when the code has
// several sentences, params["reason"]): the area's own sentence when it has one, else the code's label.
// frontend/src/i18n/index.ts applies the same rule.
func MessageKey(lang, area, code string, p Params) string {
	if r := p["reason"]; r != "" && Has(lang, area+".why."+r) {
		return area + ".why." + r
	}
	if Has(lang, area+".msg."+code) {
		return area + ".msg." + code
	}
	return "code." + code + ".label"
}

// HintKey is the catalog key of the next step for a result of area with code ("" for a code without one).
func HintKey(lang, area, code string, p Params) string {
	if r := p["reason"]; r != "" && Has(lang, area+".whyHint."+r) {
		return area + ".whyHint." + r
	}
	if Has(lang, area+".hints."+code) {
		return area + ".hints." + code
	}
	if Has(lang, "code."+code+".hint") && T(lang, "code."+code+".hint", nil) != "" {
		return "code." + code + ".hint"
	}
	return ""
}

// Detail is the English sentence for a result, for logs and for callers without a UI (a CLI).
func Detail(area, code string, p Params) string {
	return T("en", MessageKey("en", area, code, p), p)
}

// DetailHint is the English next step for a failed result ("" for OK and for a code without one).
func DetailHint(area, code string, p Params) string {
	if code == CodeOK {
		return ""
	}
	k := HintKey("en", area, code, p)
	if k == "" {
		return ""
	}
	return T("en", k, p)
}

// List joins values for a {list} param; the UI shows it inside an isolated run.
func List(values []string) string { return strings.Join(values, ", ") }
