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
	if strings.IndexFunc(raw, unicode.IsSpace) >= 0 {
		return "", ptr(fe("spaces"))
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", ptr(fe("urlInvalid"))
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", ptr(fe("urlScheme"))
	}
	if u.Opaque != "" || u.Host == "" {
		return "", ptr(fe("urlNoHost"))
	}
	if u.User != nil || strings.Contains(u.Host, "@") {
		return "", ptr(fe("urlUserinfo"))
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(raw, "#") {
		return "", ptr(fe("urlQuery"))
	}
	host := strings.ToLower(u.Host)
	if e := validHostPort(host); e != nil {
		return "", e
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	if strings.HasPrefix(path, "//") {
		return "", ptr(fe("urlDoubleSlash"))
	}
	return scheme + "://" + host + path, nil
}

func ptr(e FieldError) *FieldError { return &e }

// validHostPort checks "host" or "host:port", with IPv6 literals in brackets; nil means fine.
func validHostPort(hp string) *FieldError {
	badForm := ptr(fe("hostForm"))
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
