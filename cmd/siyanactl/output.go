package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"

	"siyana/backend/i18n"
	"siyana/backend/redact"
)

// Schema names the --json document; a change that removes or renames a field gets a new version.
// cmd/siyanactl/schema/siyanactl-v1.schema.json describes it.
const Schema = "siyanactl/v1"

// Envelope is the one --json document every command prints.
type Envelope struct {
	Schema   string `json:"schema"`
	Command  string `json:"command"` // profiles | check | revalidate | diagnostics | watch
	Source   string `json:"source"`  // keychain | env | env-file
	OK       bool   `json:"ok"`
	ExitCode int    `json:"exitCode"`
	Code     string `json:"code"` // OK, or the code that decided the exit code
	// FieldErrors: a refused value (exit 3, INVALID_INPUT or a secret's code), by the variable's name.
	FieldErrors map[string]i18n.FieldError `json:"fieldErrors,omitempty"`
	Profile     *ProfileRef                `json:"profile,omitempty"`
	Profiles    []ProfileLine              `json:"profiles,omitempty"`
	Results     []Item                     `json:"results,omitempty"`
	Output      *Written                   `json:"output,omitempty"` // diagnostics: the file written
	Event       *WatchEvent                `json:"event,omitempty"`  // watch --json: one state change per line
}

// WatchEvent is one state change of a watched check (backend/watch's Event, with siyanactl's check name).
type WatchEvent struct {
	Kind      string  `json:"kind"` // down | recovered | degraded | restored
	Check     string  `json:"check"`
	From      string  `json:"from"` // unknown | up | degraded | down
	To        string  `json:"to"`
	At        string  `json:"at"` // RFC 3339, UTC
	Code      string  `json:"code"`
	LatencyMs float64 `json:"latencyMs"`
}

// ProfileRef names the profile a command worked on.
type ProfileRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// ProfileLine is one profile of `profiles`: what is configured, booleans and variable names only.
type ProfileLine struct {
	ProfileRef
	Selected bool            `json:"selected"`
	Cards    map[string]Card `json:"cards"` // database, atlas, realtime, revalidate, pages
}

// Card is sitevars' readiness of one card.
type Card struct {
	Enabled bool     `json:"enabled"`
	Ready   bool     `json:"ready"`
	Missing []string `json:"missing"`
}

// Item is one check or run: its stable code and params, the sentence in --lang, and the service's own
// result (the type the desktop app receives, scrubbed).
type Item struct {
	Check      string            `json:"check"`
	OK         bool              `json:"ok"`
	Skipped    bool              `json:"skipped,omitempty"`  // check all: the card is not configured
	Degraded   bool              `json:"degraded,omitempty"` // ok, but slower than the check's watch threshold (params latencyMs, thresholdMs)
	Code       string            `json:"code"`
	Params     map[string]string `json:"params"`
	Text       string            `json:"text"`
	DurationMs float64           `json:"durationMs"`
	Result     any               `json:"result,omitempty"`
}

// Written is the file diagnostics wrote.
type Written struct {
	Path       string `json:"path"`
	Redactions int    `json:"redactions"`
}

// printer writes every line through the scrubber of the session's registry: nothing printed has not
// passed it, human text and --json alike.
type printer struct {
	out, err io.Writer
	lang     string
	color    bool
	reg      *redact.Registry
}

func (p *printer) say(format string, a ...any) {
	fmt.Fprintln(p.out, p.reg.Scrub(fmt.Sprintf(format, a...)))
}

func (p *printer) warn(format string, a ...any) {
	fmt.Fprintln(p.err, p.reg.Scrub(fmt.Sprintf(format, a...)))
}

func (p *printer) t(key string, params i18n.Params) string { return i18n.T(p.lang, key, params) }

// status is the coloured OK / FAIL / SKIP word (colour only on a terminal and without NO_COLOR).
func (p *printer) status(ok, skipped bool) string {
	word, colour := p.t("ctl.status.ok", nil), "32"
	switch {
	case skipped:
		word, colour = p.t("ctl.status.skipped", nil), "33"
	case !ok:
		word, colour = p.t("ctl.status.failed", nil), "31"
	}
	if !p.color {
		return "[" + word + "]"
	}
	return "\x1b[" + colour + "m[" + word + "]\x1b[0m"
}

// slow is the (yellow) DEGRADED word of an item that passed slower than its threshold.
func (p *printer) slow() string {
	word := p.t("ctl.status.degraded", nil)
	if !p.color {
		return "[" + word + "]"
	}
	return "\x1b[33m[" + word + "]\x1b[0m"
}

// json prints v, scrubbed through its JSON form (the scrubber's JSON pass knows the escaped forms).
func (p *printer) json(v any) error {
	raw, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(p.out, string(p.reg.Scrubber().JSON(raw)))
	return err
}

// jsonLine prints v as one scrubbed line (watch --json: a line per event).
func (p *printer) jsonLine(v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(p.out, string(p.reg.Scrubber().JSON(raw)))
	return err
}

// isTerminal says whether f is a terminal (not /dev/null, which is a character device too), without cgo.
func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// langFrom is --lang, else ar when LANG starts with ar, else en.
func langFrom(flag string) string {
	if flag != "" {
		return flag
	}
	if strings.HasPrefix(strings.ToLower(os.Getenv("LANG")), "ar") {
		return "ar"
	}
	return "en"
}

// emptyRegistry scrubs credential shapes only: the printer's registry before a source is open.
func emptyRegistry() *redact.Registry { return redact.NewRegistry() }
