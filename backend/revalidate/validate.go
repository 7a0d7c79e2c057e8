package revalidate

import (
	"net"
	"net/url"
	"strconv"
	"strings"

	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/redact"
	"siyana/backend/safetext"
)

// Validated is the input after trimming, de-duplication and the route's limits.
type Validated struct {
	Tags    []string     `json:"tags"`
	Paths   []PathSpec   `json:"paths"`
	Invalid []ItemResult `json:"invalid"` // refused items, each with a Reason (catalog key); nothing is sent if any
	Dropped int          `json:"dropped"` // blank lines and duplicates removed silently
}

// Validate applies the route's rules locally, so the UI can show per-item reasons while typing and a run
// never sends a request the route would refuse. Blank items and exact duplicates are dropped, not refused.
func Validate(tags []string, paths []PathSpec) Validated {
	var v Validated
	seenTag := make(map[string]bool, len(tags))
	for _, raw := range tags {
		t := strings.TrimSpace(raw)
		if t == "" || seenTag[t] {
			v.Dropped++
			continue
		}
		seenTag[t] = true
		if reason := tagProblem(t); reason != "" {
			v.Invalid = append(v.Invalid, ItemResult{Item: t, Kind: "tag", Code: CodeInvalidInput, Reason: reason, Params: limit(reason)})
			continue
		}
		v.Tags = append(v.Tags, t)
	}
	seenPath := make(map[PathSpec]bool, len(paths))
	for _, raw := range paths {
		p := PathSpec{Path: strings.TrimSpace(raw.Path), Type: strings.ToLower(strings.TrimSpace(raw.Type))}
		if p.Path == "" || seenPath[p] {
			v.Dropped++
			continue
		}
		seenPath[p] = true
		if reason := pathProblem(p); reason != "" {
			v.Invalid = append(v.Invalid, ItemResult{Item: p.Name(), Kind: "path", Type: p.Type, Code: CodeInvalidInput, Reason: reason, Params: limit(reason)})
			continue
		}
		v.Paths = append(v.Paths, p)
	}
	return v
}

// limit is the params of a refusal that names a limit (max), nil for the others.
func limit(reason string) map[string]string {
	switch reason {
	case "tagTooLong":
		return map[string]string{"max": strconv.Itoa(MaxTagLen)}
	case "pathTooLong":
		return map[string]string{"max": strconv.Itoa(MaxPathLen)}
	}
	return nil
}

func tagProblem(t string) string {
	if r := textProblem(t); r != "" {
		return r
	}
	if profile.TagTooLong(t) {
		return "tagTooLong"
	}
	return ""
}

func pathProblem(p PathSpec) string {
	if r := textProblem(p.Path); r != "" {
		return r
	}
	if !strings.HasPrefix(p.Path, "/") {
		return "pathSlash"
	}
	if profile.PathTooLong(p.Path) {
		return "pathTooLong"
	}
	if p.Type != "" && p.Type != PathTypePage && p.Type != PathTypeLayout {
		return "pathType"
	}
	return ""
}

// textProblem refuses what breaks the shared text rule (safetext): invalid UTF-8 (JSON would silently turn
// it into U+FFFD), control characters and separators (the route refuses them), and direction controls (the
// card would show another tag or path than the one sent).
func textProblem(s string) string {
	if p := safetext.Check(s); p != safetext.OK {
		return "text_" + safetext.Name(p)
	}
	return ""
}

// urlProblem is a refused site URL: the code and its params (a reason, and the refused URL cut short).
type urlProblem struct {
	code   string
	params i18n.Params
}

// siteURLs normalizes the site URL and the instance URLs into base URLs without a trailing slash, dropping
// blanks and duplicates. It refuses anything that could carry a credential in the URL or send the secret in
// clear over the network.
func siteURLs(site string, instances []string) ([]string, *urlProblem) {
	if strings.TrimSpace(site) == "" {
		return nil, &urlProblem{CodeNotConfigured, i18n.Params{"reason": "noSiteURL"}}
	}
	return baseURLs(append([]string{site}, instances...), true, nil)
}

// baseURLs normalizes each URL; secretBound refuses plain http to another host. Those already in skip are left out.
func baseURLs(raws []string, secretBound bool, skip []string) ([]string, *urlProblem) {
	var out []string
	seen := map[string]bool{}
	for _, s := range skip {
		seen[s] = true
	}
	for _, raw := range raws {
		s := strings.TrimSpace(raw)
		if s == "" {
			continue
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
			return nil, &urlProblem{CodeInvalidInput, i18n.Params{"reason": "badURL", "url": redact.Truncate(s, 100)}}
		}
		if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
			return nil, &urlProblem{CodeInvalidInput, i18n.Params{"reason": "urlExtras"}}
		}
		if secretBound && u.Scheme == "http" && !isLoopback(u.Hostname()) {
			return nil, &urlProblem{CodeInsecureURL, nil}
		}
		base := u.Scheme + "://" + strings.ToLower(u.Host) + strings.TrimRight(u.EscapedPath(), "/")
		if !seen[base] {
			seen[base] = true
			out = append(out, base)
		}
	}
	return out, nil
}

// isLoopback is true for hosts that never leave this machine, where plain http is acceptable (local dev).
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
