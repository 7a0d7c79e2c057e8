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
// trailing slash), or an Arabic message saying what is wrong. Credentials, queries and fragments are refused:
// the URL is shown in the UI and written to logs, and checks append their own paths to it.
func NormalizeURL(raw string) (string, string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", "العنوان مطلوب."
	}
	if len(raw) > MaxURLLen {
		return "", "العنوان أطول من " + strconv.Itoa(MaxURLLen) + " محرفًا."
	}
	if msg := textMsg("العنوان", raw); msg != "" {
		return "", msg
	}
	if strings.IndexFunc(raw, unicode.IsSpace) >= 0 {
		return "", "العنوان يحوي مسافات."
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", "العنوان غير صالح؛ مثال صحيح: https://example.com"
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", "العنوان يجب أن يبدأ بـ https:// أو http://"
	}
	if u.Opaque != "" || u.Host == "" {
		return "", "العنوان ينقصه اسم الخادم؛ مثال صحيح: https://example.com"
	}
	if u.User != nil || strings.Contains(u.Host, "@") {
		return "", "لا تضع اسم مستخدم أو كلمة مرور داخل العنوان."
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(raw, "#") {
		return "", "أزل ما بعد ? أو # من العنوان؛ يكفي العنوان الأساسي للموقع."
	}
	host := strings.ToLower(u.Host)
	if msg := validHostPort(host); msg != "" {
		return "", msg
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	if strings.HasPrefix(path, "//") {
		return "", "مسار العنوان لا يجوز أن يبدأ بـ //."
	}
	return scheme + "://" + host + path, ""
}

// validHostPort checks "host" or "host:port", with IPv6 literals in brackets; "" means fine.
func validHostPort(hp string) string {
	const badForm = "صيغة الخادم غير صالحة؛ اكتب host أو host:port"
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
			return "عنوان IPv6 غير صالح."
		}
	} else {
		if i := strings.IndexByte(hp, ':'); i >= 0 {
			host, port, hasPort = hp[:i], hp[i+1:], true
		}
		if !validHostname(host) {
			return "اسم الخادم غير صالح."
		}
	}
	if hasPort {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 || port[0] == '0' || port[0] == '+' {
			return "رقم المنفذ بين 1 و 65535."
		}
	}
	return ""
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
