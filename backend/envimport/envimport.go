// Package envimport reads the site's .env / .env.local file and turns it into a Plan: which profile fields
// to fill and which secrets to store. It changes nothing itself (package settings applies the plan), and
// nothing it returns for display carries a value: only variable names. godotenv's own error text quotes the
// file, so it is never passed on.
package envimport

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/joho/godotenv"

	"siyana/backend/profile"
	"siyana/backend/safetext"
	"siyana/backend/secrets"
	"siyana/backend/sitevars"
)

// MaxFileBytes caps the file read: a real .env is a few KB; this stops a wrongly picked large file early.
const MaxFileBytes = 256 << 10

// maxReportedNames bounds the ignored-names list shown to the user.
const maxReportedNames = 200

// Error is an import failure with a stable Code and an English Message; neither contains file content.
// Line is the line at fault of a malformed file (1-based; 0 when it could not be told), never its text: a
// line of a .env file may hold a secret.
type Error struct {
	code, english string
	Line          int
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("envimport: %s (line %d)", e.english, e.Line)
	}
	return "envimport: " + e.english
}
func (e *Error) Code() string { return e.code }

// Message is the English detail, for logs; the UI says it from Code and Params.
func (e *Error) Message() string { return e.Error()[len("envimport: "):] }

// Params fill the catalog sentence of the code: line (ENV_MALFORMED, when known), limit (ENV_TOO_BIG).
func (e *Error) Params() map[string]string {
	switch {
	case e.code == CodeTooBig:
		return map[string]string{"limit": strconv.Itoa(MaxFileBytes>>10) + " KB"}
	case e.Line > 0:
		return map[string]string{"line": strconv.Itoa(e.Line)}
	}
	return nil
}

// Is makes errors.Is(err, ErrMalformed) true for a malformed file whatever its line.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.code == e.code
}

// Codes of the errors below (the UI's words are code.<CODE>.label and .hint in the catalogs).
const (
	CodeUnreadable = "ENV_UNREADABLE"
	CodeNotRegular = "ENV_NOT_A_FILE"
	CodeTooBig     = "ENV_TOO_BIG"
	CodeMalformed  = "ENV_MALFORMED"
	CodeNothing    = "ENV_NOTHING_RECOGNISED"
)

// Errors ReadFile and Parse return.
var (
	ErrUnreadable = &Error{code: CodeUnreadable, english: "cannot read the file"}
	ErrNotRegular = &Error{code: CodeNotRegular, english: "not a regular file"}
	ErrTooBig     = &Error{code: CodeTooBig, english: "file too big"}
	ErrMalformed  = &Error{code: CodeMalformed, english: "not a valid .env file"}
	ErrNothing    = &Error{code: CodeNothing, english: "no known variable in the file"}
)

// target is where one variable goes: a profile field (JSON path) or a secret name. name is the site's
// variable (env itself, or the variable env is an alias of).
type target struct {
	env    string
	name   string
	field  string
	secret string
}

// mapping is the site's variables as .env files name them, from the one table (package sitevars). Order
// matters: when two names feed the same target (DATABASE_URL and MONGODB_URI, NEXT_PUBLIC_SITE_URL and
// SITE_URL) the first non-empty one wins and the other is reported as ignored.
var mapping = func() []target {
	var m []target
	for _, v := range sitevars.All() {
		if v.NoImport {
			continue
		}
		for _, env := range append([]string{v.Name}, v.Aliases...) {
			t := target{env: env, name: v.Name}
			if v.Secret {
				t.secret = v.Name
			} else {
				t.field = v.Field
			}
			m = append(m, t)
		}
	}
	return m
}()

// Plan is what an import would change. Values stay in unexported fields (never marshalled), and String and
// GoString print names only, so a Plan logged or returned by mistake leaks nothing.
type Plan struct {
	// Taken lists the variable names that will be used, in mapping order.
	Taken []string `json:"taken"`
	// Ignored lists the other variable names in the file (sorted; empty ones and losing duplicates included).
	Ignored []string `json:"ignored"`

	fields  map[string]string // profile JSON path -> value
	secrets map[string]string // secret name -> value
	envOf   map[string]string // field path or secret name -> variable name it came from
}

// Fields returns the JSON paths of the profile fields the plan sets, in mapping order.
func (p Plan) Fields() []string {
	var out []string
	for _, t := range mapping {
		if t.field != "" && p.envOf[t.field] == t.env {
			out = append(out, t.field)
		}
	}
	return out
}

// SecretNames returns the secret names the plan stores, in secrets.Known order.
func (p Plan) SecretNames() []string {
	var out []string
	for _, n := range secrets.Known {
		if _, ok := p.secrets[n]; ok {
			out = append(out, n)
		}
	}
	return out
}

// SecretValue returns the value to store under name. Go callers only.
func (p Plan) SecretValue(name string) string { return p.secrets[name] }

// EnvName returns the variable a field path or secret name came from ("" if none), to word messages.
func (p Plan) EnvName(fieldOrSecret string) string { return p.envOf[fieldOrSecret] }

// Apply writes the plan's field values into dst (validation is the caller's job).
func (p Plan) Apply(dst *profile.Profile) {
	for _, t := range mapping {
		if t.field != "" && p.envOf[t.field] == t.env {
			sitevars.Set(dst, t.name, p.fields[t.field])
		}
	}
}

func (p Plan) String() string {
	return fmt.Sprintf("envimport.Plan{taken: %v, ignored: %v}", p.Taken, p.Ignored)
}

// GoString keeps %#v from printing the values.
func (p Plan) GoString() string { return p.String() }

// ReadFile reads and parses a .env file: it must be a regular file of at most MaxFileBytes.
func ReadFile(path string) (Plan, error) {
	// Stat before opening: opening a FIFO or device for reading can block forever.
	if fi, err := os.Stat(path); err != nil {
		return Plan{}, fmt.Errorf("%w: %v", ErrUnreadable, errors.Unwrap(err))
	} else if !fi.Mode().IsRegular() {
		return Plan{}, ErrNotRegular
	}
	f, err := os.Open(path)
	if err != nil {
		return Plan{}, fmt.Errorf("%w: %v", ErrUnreadable, errors.Unwrap(err))
	}
	defer f.Close()
	fi, err := f.Stat() // on the open file, so the check and the read see the same file
	if err != nil {
		return Plan{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if !fi.Mode().IsRegular() {
		return Plan{}, ErrNotRegular
	}
	if fi.Size() > MaxFileBytes {
		return Plan{}, ErrTooBig
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return Plan{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	return Parse(b)
}

// Parse turns .env content into a Plan.
func Parse(b []byte) (plan Plan, err error) {
	if len(b) > MaxFileBytes {
		return Plan{}, ErrTooBig
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // editors on Windows add a BOM; godotenv would reject it
	if !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
		return Plan{}, malformed(badByteLine(b))
	}
	defer func() {
		if recover() != nil { // a parser bug must not take the app down
			plan, err = Plan{}, ErrMalformed
		}
	}()
	vars, perr := godotenv.UnmarshalBytes(b)
	if perr != nil {
		return Plan{}, malformed(faultLine(b)) // perr quotes the file (values included): drop it
	}
	return build(vars)
}

func malformed(line int) *Error {
	return &Error{code: CodeMalformed, english: ErrMalformed.english, Line: line}
}

// badByteLine is the line of the first NUL or invalid UTF-8 byte.
func badByteLine(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == 0 || r == utf8.RuneError && n == 1 {
			return 1 + bytes.Count(b[:i], []byte("\n"))
		}
		i += n
	}
	return 0
}

// faultBudget bounds the bytes faultLine hands the parser: a broken line near the top of a huge file is
// reported without its number rather than slowly.
const faultBudget = 8 << 20

// faultLine finds the line at fault of content godotenv refused, by asking godotenv itself (one grammar,
// not a second one written here): the first L lines parse, the first L+1 do not, and no longer prefix
// parses either, so line L+1 is where the file goes wrong (an unterminated quote is blamed on the line that
// opens it, not on a later line that happens to close it). 0 when the budget runs out.
func faultLine(b []byte) int {
	lines := bytes.SplitAfter(b, []byte("\n"))
	spent := 0
	for n := len(lines) - 1; n >= 0; n-- {
		prefix := bytes.Join(lines[:n], nil)
		if spent += len(prefix); spent > faultBudget {
			return 0
		}
		if parses(prefix) {
			return n + 1
		}
	}
	return 0
}

func parses(b []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	_, err := godotenv.UnmarshalBytes(b)
	return err == nil
}

func build(vars map[string]string) (Plan, error) {
	p := Plan{Taken: []string{}, Ignored: []string{}, fields: map[string]string{}, secrets: map[string]string{}, envOf: map[string]string{}}
	used := map[string]bool{}
	for _, t := range mapping {
		v := strings.TrimSpace(vars[t.env])
		if v == "" {
			continue
		}
		dest := t.field + t.secret
		if _, taken := p.envOf[dest]; taken {
			continue
		}
		p.envOf[dest] = t.env
		if t.field != "" {
			p.fields[t.field] = v
		} else {
			p.secrets[t.secret] = v
		}
		p.Taken = append(p.Taken, t.env)
		used[t.env] = true
	}
	for name := range vars {
		if !used[name] {
			p.Ignored = append(p.Ignored, reportable(name))
		}
	}
	slices.Sort(p.Ignored)
	if len(p.Ignored) > maxReportedNames {
		p.Ignored = append(p.Ignored[:maxReportedNames], "…")
	}
	if len(p.Taken) == 0 {
		return Plan{}, ErrNothing
	}
	return p, nil
}

// reportable shortens absurd variable names so the list stays readable.
func reportable(name string) string { return safetext.Cut(name, 64) }
