package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// repoRoot is the module root, two levels up from this package.
const repoRoot = "../.."

// skipDir leaves out what is not the app's source: tools and their builds, dependencies, generated output.
func skipDir(path string, d fs.DirEntry) bool {
	name := d.Name()
	return path != repoRoot && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "dist" ||
		name == "tools" || name == "wailsjs" || name == "testdata" || name == "bin")
}

// sources returns the app's non-test Go files and frontend sources (ts, svelte), by path.
func sources(t *testing.T) (goFiles, uiFiles map[string]string) {
	t.Helper()
	goFiles, uiFiles = map[string]string{}, map[string]string{}
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if skipDir(path, d) {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasSuffix(path, "_test.go"), strings.HasSuffix(path, ".test.ts"), strings.Contains(path, "/e2e/"):
		case strings.HasSuffix(path, ".go"):
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			goFiles[path] = string(b)
		case strings.HasPrefix(path, filepath.Join(repoRoot, "frontend", "src")) &&
			(strings.HasSuffix(path, ".ts") || strings.HasSuffix(path, ".svelte")):
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			uiFiles[path] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(goFiles) < 50 || len(uiFiles) < 20 {
		t.Fatalf("found %d Go and %d frontend files: wrong root?", len(goFiles), len(uiFiles))
	}
	return goFiles, uiFiles
}

// goCodes lists the values of every exported Code* and Warn* string constant in the app's Go packages:
// each is a code some package can return. Found with go/ast, so a new constant is seen without a list here.
func goCodes(t *testing.T, goFiles map[string]string) map[string]string {
	t.Helper()
	codes := map[string]string{} // code -> where it was found
	fset := token.NewFileSet()
	for path, src := range goFiles {
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if !name.IsExported() || !(strings.HasPrefix(name.Name, "Code") || strings.HasPrefix(name.Name, "Warn")) || i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						v, _ := strconv.Unquote(lit.Value)
						codes[v] = path + ":" + name.Name
					}
				}
			}
		}
	}
	return codes
}

// uiCodes are the codes the frontend makes itself (a failed bridge call, a profile that vanished).
var uiCode = regexp.MustCompile(`code: '([A-Z][A-Z_]+)'`)

func allCodes(t *testing.T) (map[string]string, map[string]string, map[string]string) {
	goFiles, uiFiles := sources(t)
	codes := goCodes(t, goFiles)
	for path, src := range uiFiles {
		for _, m := range uiCode.FindAllStringSubmatch(src, -1) {
			if _, ok := codes[m[1]]; !ok {
				codes[m[1]] = path
			}
		}
	}
	return codes, goFiles, uiFiles
}

func TestEveryCodeHasALabelAndAHintInEveryCatalog(t *testing.T) {
	codes, _, _ := allCodes(t)
	for _, want := range []string{"OK", "UNREACHABLE", "INVALID_URI", "KEYCHAIN_LOCKED", "ENV_MALFORMED", "PROFILES_CORRUPT", "BRIDGE_ERROR", "SECRET_ORIGIN_CHANGED", "THROTTLED"} {
		if _, ok := codes[want]; !ok {
			t.Fatalf("the code list misses %s: the collector is broken (%d codes)", want, len(codes))
		}
	}
	for _, lang := range Languages {
		for code, where := range codes {
			for _, part := range []string{"label", "hint"} {
				key := "code." + code + "." + part
				if strings.TrimSpace(catalog(lang)[key]) == "" {
					t.Errorf("%s: %s (from %s) has no %s", lang, key, where, part)
				}
			}
		}
	}
}

func TestCatalogsHoldTheSameKeysAndPlaceholders(t *testing.T) {
	ar, en := catalog("ar"), catalog("en")
	for k := range ar {
		if _, ok := en[k]; !ok {
			t.Errorf("en lacks %s", k)
		}
	}
	for k := range en {
		if _, ok := ar[k]; !ok {
			t.Errorf("ar lacks %s", k)
		}
	}
	for k, a := range ar {
		if strings.TrimSpace(a) == "" || strings.TrimSpace(en[k]) == "" {
			t.Errorf("%s is empty in a catalog", k)
		}
		if strings.HasPrefix(k, "plural.") {
			continue // the forms hold {n} only
		}
		if pa, pe := holes(a), holes(en[k]); !slices.Equal(pa, pe) {
			t.Errorf("%s: placeholders differ: ar %v, en %v", k, pa, pe)
		}
	}
}

func holes(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllString(s, -1) {
		out = append(out, m)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// quoted finds the string literals of the sources, to tell whether a reason or a field code is used.
var quoted = regexp.MustCompile("[\"'`]([A-Za-z][A-Za-z0-9_]*)[\"'`]")

func TestNoCatalogKeyIsUnused(t *testing.T) {
	codes, goFiles, uiFiles := allCodes(t)
	literals := map[string]bool{}
	var all strings.Builder
	for _, src := range goFiles {
		all.WriteString(src)
	}
	for _, src := range uiFiles {
		all.WriteString(src)
	}
	text := all.String()
	for _, m := range quoted.FindAllStringSubmatch(text, -1) {
		literals[m[1]] = true
	}
	// Keys Go builds from a prefix and a value ("text_" + safetext.Name, "uriPercent_" + part).
	for _, m := range regexp.MustCompile(`"([A-Za-z]+_)" \+`).FindAllStringSubmatch(text, -1) {
		literals[m[1]] = true
	}
	// Computed keys in the frontend: t(`area.sub.${x}`) uses every key below "area.sub.".
	var prefixes []string
	for _, m := range regexp.MustCompile("`([a-z][A-Za-z.]*\\.)\\$\\{").FindAllStringSubmatch(text, -1) {
		prefixes = append(prefixes, m[1])
	}
	forms := map[string]bool{}
	for _, v := range catalog("ar") {
		for _, m := range placeholder.FindAllStringSubmatch(v, -1) {
			if m[2] != "" {
				forms[m[2]] = true
			}
		}
	}
	used := func(key string) bool {
		parts := strings.Split(key, ".")
		last := parts[len(parts)-1]
		switch {
		case parts[0] == "code" && len(parts) == 3:
			return codes[parts[1]] != ""
		case parts[0] == "plural":
			return forms[parts[1]]
		case len(parts) == 3 && slices.Contains([]string{"msg", "hints", "codes"}, parts[1]):
			return codes[last] != ""
		case len(parts) == 3 && slices.Contains([]string{"why", "whyHint", "item", "verifyWhy"}, parts[1]), parts[0] == "field" && len(parts) == 2:
			if literals[last] {
				return true
			}
			if i := strings.Index(last, "_"); i > 0 {
				return literals[last[:i+1]]
			}
			return false
		}
		if strings.Contains(text, "'"+key+"'") || strings.Contains(text, "\""+key+"\"") {
			return true
		}
		for _, p := range prefixes {
			if strings.HasPrefix(key, p) {
				return true
			}
		}
		return false
	}
	var unused []string
	for _, k := range Keys("ar") {
		if !used(k) {
			unused = append(unused, k)
		}
	}
	if len(unused) > 0 {
		t.Errorf("%d catalog keys nothing uses (remove them, or use them):\n%s", len(unused), strings.Join(unused, "\n"))
	}
}

// A Go source that says a reason, a field code or a catalog key must find it in the catalogs: the other
// half of the contract (a reason with no sentence would show its bare code).
func TestEveryReasonGoSendsHasASentence(t *testing.T) {
	goFiles, _ := sources(t)
	reason := regexp.MustCompile(`"reason":\s*"(\w+)"|\["reason"\] = "(\w+)"|[Rr]eason(?:, [\w.]+)*\s*=\s*(?:[\w.]+, )*"(\w+)"|reason: "(\w+)"|Reason: "(\w+)"`)
	field := regexp.MustCompile(`fe\("(\w+)"|FieldError\{Code: "(\w+)"|"(feedUrl\w+)"`)
	for path, src := range goFiles {
		for _, m := range reason.FindAllStringSubmatch(src, -1) {
			r := strings.Join(m[1:], "")
			found := false
			for _, k := range Keys("ar") {
				if strings.HasSuffix(r, "_") && (strings.Contains(k, ".why."+r) || strings.Contains(k, ".whyHint."+r) || strings.Contains(k, ".item."+r)) {
					found = true
					break
				}
				if strings.HasSuffix(k, ".why."+r) || strings.HasSuffix(k, ".whyHint."+r) || strings.HasSuffix(k, ".item."+r) || strings.HasSuffix(k, ".verifyWhy."+r) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: reason %q has no sentence in the catalogs", path, r)
			}
		}
		for _, m := range field.FindAllStringSubmatch(src, -1) {
			c := strings.Join(m[1:], "")
			if strings.HasSuffix(c, "_") {
				c += "utf8" // "text_" + safetext.Name: every name has its sentence (checked in safetext's test)
			}
			if !Has("ar", "field."+c) {
				t.Errorf("%s: field code %q has no field.%s", path, c, c)
			}
		}
	}
}

// A sentence pasted over another key, or a character lost in an edit, reads fine on its own: two keys that
// say the same sentence in Arabic must say the same in English, and no value holds U+FFFD. Short labels may
// share an Arabic word for two English ones (الإعدادات: Settings, Configuration), so only sentences count.
func TestCatalogsTranslateConsistently(t *testing.T) {
	ar, en := catalog("ar"), catalog("en")
	byAr := map[string]string{}
	for k, a := range ar {
		for lang, v := range map[string]string{"ar": a, "en": en[k]} {
			if strings.ContainsRune(v, '\uFFFD') {
				t.Errorf("%s (%s) holds a replacement character", k, lang)
			}
		}
		if utf8.RuneCountInString(a) < 40 {
			continue
		}
		if other, ok := byAr[a]; ok && en[other] != en[k] {
			t.Errorf("%s and %s say the same in ar but differ in en: one was likely pasted over the other", k, other)
		}
		byAr[a] = k
	}
}
