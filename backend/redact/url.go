package redact

import (
	"net/url"
	"strings"
)

// Location is how a URL from outside (a redirect's Location, a storefront page) is reported: scheme, host
// and path only — no user-info, query or fragment, which is where tokens travel. An '@' after a plain host
// is the path's or the query's ("/@brand", "?next=a@b"); otherwise everything up to the last '@' goes
// first, so a password with an unencoded '/', '?' or '@' cannot pass for the host. Text that is not a URL
// gives "".
func Location(raw string) string {
	s := strings.TrimSpace(raw)
	prefix, rest := "", s
	if i := strings.Index(s, "://"); i >= 0 {
		prefix, rest = s[:i+3], s[i+3:]
	} else if strings.HasPrefix(s, "//") {
		prefix, rest = "//", s[2:]
	}
	if at := strings.LastIndexByte(rest, '@'); at >= 0 && !(prefix == "" && strings.HasPrefix(rest, "/")) {
		// The authority as RFC 3986 ends it: at the first '/', '?' or '#'.
		end := indexOrLen(rest, "/?#")
		auth, after := rest[:end], rest[at+1:]
		// "first.last:12?x@shop.example" reads as a host and a port too: with a port, the '@' is data only
		// when what follows it looks like no host ("localhost:3000/@me").
		h := after[:indexOrLen(after, "/?#")]
		hostAfter := h == "" || strings.Contains(h, ".") || strings.HasPrefix(h, "[") || strings.HasPrefix(h, "localhost")
		if prefix == "" || strings.Contains(auth, "@") || !plainHost(auth) || (strings.Contains(auth, ":") && hostAfter) {
			rest = after
		}
	}
	u, err := url.Parse(prefix + rest)
	if err != nil || u.Opaque != "" {
		return ""
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// plainHost reports whether authority is a host a site is served from — a name with a dot, localhost or
// an IP (v6 in brackets), with an optional port — and not the "user:pass" of a password that holds an
// unencoded '/', '?' or '#'.
func plainHost(authority string) bool {
	host, port := authority, ""
	if i := strings.LastIndexByte(authority, ':'); i >= 0 && !strings.HasSuffix(authority, "]") {
		host, port = authority[:i], authority[i+1:]
	}
	if strings.Contains(authority, ":") && strings.Trim(port, "0123456789") != "" || strings.HasSuffix(authority, ":") {
		return false
	}
	if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		return strings.Trim(host[1:len(host)-1], "0123456789abcdefABCDEF:.") == ""
	}
	if host != "localhost" && !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") || strings.Contains(host, "..") {
		return false
	}
	return host != "" && strings.Trim(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") == ""
}

// indexOrLen is the index of the first of chars in s, or len(s).
func indexOrLen(s, chars string) int {
	if i := strings.IndexAny(s, chars); i >= 0 {
		return i
	}
	return len(s)
}
