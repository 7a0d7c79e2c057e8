package diagnostics

import (
	"encoding/base64"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// MinSecretLen is the shortest secret value the scrubber replaces by value. Shorter values would turn ordinary
// words into "[REDACTED]"; the keychain never holds a real credential that short, and URL user-info and
// secret-named query parameters are still removed by shape.
const MinSecretLen = 4

// Redaction kinds, as shown in the preview. They name what was removed, never the value.
const (
	KindSecret   = "secret"   // a keychain value (Secret says which; Form says how it was encoded)
	KindUserInfo = "userinfo" // user:password@ in a URL
	KindQuery    = "query"    // a query parameter named like a credential
	KindHeader   = "header"   // an Authorization header echoed in a body
)

// Redaction records one kind of replacement made in one place, without the value.
type Redaction struct {
	Where  string `json:"where"`            // JSON path in the bundle, or a label given by the caller
	Kind   string `json:"kind"`             // one of the Kind* constants
	Secret string `json:"secret,omitempty"` // the secret's name (DATABASE_URL, ...) for KindSecret
	Form   string `json:"form,omitempty"`   // raw | url | base64 | base64url | userinfo-password ...; query: the parameter name
	Count  int    `json:"count"`            // how many replacements of this kind were made here
}

// Placeholder replaces every removed value.
const Placeholder = "[REDACTED]"

type needle struct {
	value, secret, form string
}

// Scrubber removes credentials from free text (driver and HTTP error messages, URLs, echoed bodies). It is
// the one scrubber of the app: the diagnostics bundle and the log handler both use it. Safe for concurrent
// use; build a new one when the secrets change.
type Scrubber struct {
	needles []needle // longest first, so a value is replaced before any shorter value inside it
}

var (
	// scheme://user[:password]@ — the whole user-info goes: a user name alone can be an API key.
	userInfoRE = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.\-]*://)([^/?#@\s"'<>]+)@`)
	// name=value where the name looks like a credential (token, auth_signature, api_key, password, ...).
	queryRE = regexp.MustCompile(`(?i)\b([a-z0-9_.\-]*(?:secret|token|key|passw(?:or)?d|pwd|auth|signature|sig|credential)[a-z0-9_.\-]*)=([^&\s"'<>;,]+)`)
	// An Authorization header echoed back in a body or error ("Authorization: Digest username=..."): the rest
	// of the line goes, since the credential's own quoting cannot be trusted to end it.
	headerRE = regexp.MustCompile(`(?i)\b((?:proxy-)?authorization["']?\s*[:=]\s*)([^\r\n]+)`)
)

// NewScrubber builds a scrubber for the given secret values (secret name → value); empty and too-short
// values are skipped. Each value is also matched in its URL-encoded and base64 forms, and a value that is
// a URL contributes its user-info password and user name on their own (a driver error may echo just those).
func NewScrubber(values map[string]string) *Scrubber {
	s := &Scrubber{}
	seen := map[string]bool{}
	add := func(v, secret, form string) {
		if len(v) < MinSecretLen || seen[v] {
			return
		}
		seen[v] = true
		s.needles = append(s.needles, needle{v, secret, form})
	}
	names := make([]string, 0, len(values))
	for n := range values {
		names = append(names, n)
	}
	slices.Sort(names) // deterministic redaction records
	for _, name := range names {
		for _, v := range pieces(values[name]) {
			add(v.value, name, v.form)
			add(url.QueryEscape(v.value), name, v.form+"+url")
			add(url.PathEscape(v.value), name, v.form+"+url")
			add(base64.StdEncoding.EncodeToString([]byte(v.value)), name, v.form+"+base64")
			add(base64.RawStdEncoding.EncodeToString([]byte(v.value)), name, v.form+"+base64")
			add(base64.URLEncoding.EncodeToString([]byte(v.value)), name, v.form+"+base64url")
			add(base64.RawURLEncoding.EncodeToString([]byte(v.value)), name, v.form+"+base64url")
		}
	}
	slices.SortStableFunc(s.needles, func(a, b needle) int { return len(b.value) - len(a.value) })
	return s
}

type piece struct{ value, form string }

// pieces are the parts of one secret value worth matching on their own.
func pieces(v string) []piece {
	v = strings.TrimSpace(v)
	out := []piece{{v, "raw"}}
	if u, err := url.Parse(v); err == nil && u.User != nil {
		if p, ok := u.User.Password(); ok {
			out = append(out, piece{p, "password"})
		}
		out = append(out, piece{u.User.Username(), "user"})
	}
	return out
}

// Scrub returns text with every credential replaced by Placeholder.
func (s *Scrubber) Scrub(text string) string {
	out, _ := s.scrub(text)
	return out
}

// ScrubNote is Scrub that also reports what it replaced, with where as the location of each record.
func (s *Scrubber) ScrubNote(where, text string) (string, []Redaction) {
	out, found := s.scrub(text)
	for i := range found {
		found[i].Where = where
	}
	return out, found
}

func (s *Scrubber) scrub(text string) (string, []Redaction) {
	if text == "" {
		return text, nil
	}
	var found []Redaction
	note := func(r Redaction) {
		for i := range found {
			if found[i].Kind == r.Kind && found[i].Secret == r.Secret && found[i].Form == r.Form {
				found[i].Count += r.Count
				return
			}
		}
		found = append(found, r)
	}
	if s != nil {
		for _, n := range s.needles {
			if c := strings.Count(text, n.value); c > 0 {
				text = strings.ReplaceAll(text, n.value, Placeholder)
				note(Redaction{Kind: KindSecret, Secret: n.secret, Form: n.form, Count: c})
			}
		}
	}
	text = userInfoRE.ReplaceAllStringFunc(text, func(m string) string {
		sub := userInfoRE.FindStringSubmatch(m)
		if sub[2] == Placeholder {
			return m
		}
		note(Redaction{Kind: KindUserInfo, Count: 1})
		return sub[1] + Placeholder + "@"
	})
	text = headerRE.ReplaceAllStringFunc(text, func(m string) string {
		sub := headerRE.FindStringSubmatch(m)
		if sub[2] == Placeholder {
			return m
		}
		note(Redaction{Kind: KindHeader, Count: 1})
		return sub[1] + Placeholder
	})
	text = queryRE.ReplaceAllStringFunc(text, func(m string) string {
		sub := queryRE.FindStringSubmatch(m)
		if sub[2] == Placeholder || strings.HasPrefix(sub[2], Placeholder) {
			return m
		}
		note(Redaction{Kind: KindQuery, Form: strings.ToLower(sub[1]), Count: 1})
		return sub[1] + "=" + Placeholder
	})
	return text, found
}
