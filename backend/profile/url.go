package profile

import (
	"net"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeURL checks a site or instance URL and returns its canonical form (lower-case scheme and host, no
// trailing slash), or the rule it breaks (field.url*, field.host* in the catalogs). Credentials, queries and fragments are refused:
// the URL is shown in the UI and written to logs, and checks append their own paths to it.
//
// The URL is read part by part (scheme, then the authority up to the first "/", "?" or "#", then the path)
// so the code names the part at fault: "not a url" lacks https://, "http://x y" has a space in the host,
// "https://x.com/a b" a space in the path.
func NormalizeURL(raw string) (string, *FieldError) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", ptr(fe("required"))
	}
	if len(raw) > MaxURLLen {
		return "", ptr(fe("tooLong", "max", strconv.Itoa(MaxURLLen)))
	}
	if e := textProblem(raw); e != nil {
		return "", e
	}
	scheme, rest, ok := cutScheme(raw)
	switch {
	case !ok:
		return "", ptr(fe("urlNoScheme"))
	case scheme != "http" && scheme != "https":
		return "", ptr(fe("urlScheme"))
	case !strings.HasPrefix(rest, "//"):
		return "", ptr(fe("urlNoHost"))
	}
	rest = rest[2:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]
	path, _, _ := strings.Cut(strings.SplitN(tail, "#", 2)[0], "?")
	switch {
	case strings.Contains(authority, "@"):
		return "", ptr(fe("urlUserinfo"))
	case authority == "":
		return "", ptr(fe("urlNoHost"))
	case strings.IndexFunc(authority, unicode.IsSpace) >= 0:
		return "", ptr(fe("hostSpaces"))
	case strings.IndexFunc(path, unicode.IsSpace) >= 0:
		return "", ptr(fe("urlPathSpaces"))
	case strings.ContainsAny(tail, "?#"):
		return "", ptr(fe("urlQuery"))
	case strings.IndexFunc(tail, unicode.IsSpace) >= 0:
		return "", ptr(fe("spaces"))
	}
	host := strings.ToLower(authority)
	if e := validHostPort(host); e != nil {
		return "", e
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return "", ptr(fe("urlPathEscape"))
	}
	escaped := strings.TrimRight(u.EscapedPath(), "/")
	if strings.HasPrefix(escaped, "//") {
		return "", ptr(fe("urlDoubleSlash"))
	}
	return scheme + "://" + host + escaped, nil
}

// cutScheme splits "scheme:rest" (RFC 3986: a letter, then letters, digits, "+", "-" or "."), lower-casing
// the scheme; ok is false when raw does not start with one.
func cutScheme(raw string) (scheme, rest string, ok bool) {
	i := strings.IndexByte(raw, ':')
	if i < 1 {
		return "", "", false
	}
	for j, c := range raw[:i] {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (j == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return "", "", false
		}
	}
	return strings.ToLower(raw[:i]), raw[i+1:], true
}

func ptr(e FieldError) *FieldError { return &e }

// validHostPort checks "host" or "host:port", with IPv6 literals in brackets; nil means fine.
func validHostPort(hp string) *FieldError {
	if strings.IndexFunc(hp, unicode.IsSpace) >= 0 {
		return ptr(fe("hostSpaces"))
	}
	badForm := ptr(fe("hostForm"))
	if strings.Contains(hp, "://") { // a URL where host[:port] is asked for: not a bad port
		return badForm
	}
	host, port, hasPort := hp, "", false
	if strings.HasPrefix(hp, "[") {
		end := strings.IndexByte(hp, ']')
		if end < 0 {
			return badForm
		}
		host = hp[1:end]
		if rest := hp[end+1:]; rest != "" {
			if rest[0] != ':' {
				return badForm
			}
			port, hasPort = rest[1:], true
		}
		if ip := net.ParseIP(host); ip == nil || !strings.Contains(host, ":") {
			return ptr(fe("hostIPv6"))
		}
	} else {
		if i := strings.IndexByte(hp, ':'); i >= 0 {
			host, port, hasPort = hp[:i], hp[i+1:], true
		}
		if !validHostname(host) {
			return ptr(fe("hostName"))
		}
	}
	if hasPort {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 || port[0] == '0' || port[0] == '+' {
			return ptr(fe("hostPort"))
		}
	}
	return nil
}

// validHostname accepts DNS names (Unicode letters allowed, for Arabic domains), and IPv4 literals.
func validHostname(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	if ip := net.ParseIP(h); ip != nil {
		return ip.To4() != nil
	}
	h = strings.TrimSuffix(h, ".")
	for _, label := range strings.Split(h, ".") {
		if label == "" || utf8.RuneCountInString(label) > 63 || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return false
		}
		for _, r := range label {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
				return false
			}
		}
	}
	return true
}
