package redact

import (
	"net/url"
	"strings"
)

// Location is how a URL from outside (a redirect's Location, say) is reported: scheme, host and path only —
// no user-info, query or fragment, which is where tokens travel. Everything up to the last '@' goes first,
// so a password with an unencoded '/' or '?' cannot pass for the host. Text that is not a URL gives "".
func Location(raw string) string {
	s := strings.TrimSpace(raw)
	if i := strings.Index(s, "://"); i >= 0 {
		if at := strings.LastIndexByte(s[i+3:], '@'); at >= 0 {
			s = s[:i+3] + s[i+3+at+1:]
		}
	} else if at := strings.LastIndexByte(s, '@'); at >= 0 {
		s = s[at+1:]
	}
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" {
		return ""
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}
