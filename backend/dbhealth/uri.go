package dbhealth

import (
	"net/url"
	"strings"
)

// URI is a connection string split by the strict parser (parseTarget): the parts the admin may see, and the
// user-info kept unexported so it never reaches a result. WithUser and WithPassword rebuild the string with
// one part replaced and percent-encoded, so a user or password holding "? @ / # % :" or any Unicode goes
// in as it is typed.
type URI struct {
	scheme   string // "mongodb" or "mongodb+srv"
	user     string // as written (percent-encoded); "" without user-info
	password string // as written (percent-encoded)
	hasUser  bool   // user-info present ("user@" or "user:password@")
	hasPass  bool   // a ":" password part present
	hosts    string // the seed list or the SRV name, as written
	tail     string // "/database?options" as written ("" when none)
	target   target
}

// URIOption is one option of the query string; the value of a credential-like one is masked.
type URIOption struct {
	Name   string `json:"name"`
	Value  string `json:"value"`  // "" when Masked
	Masked bool   `json:"masked"` // the option may carry a credential: its value is not shown
}

// ParseURI splits uri with the strict parser the check uses (one parser: a URI it refuses is refused here
// with the same *URIError). The error never quotes the URI.
func ParseURI(uri string) (URI, error) {
	t, err := parseTarget(uri)
	if err != nil {
		return URI{}, err
	}
	u := URI{target: t, hosts: t.host, scheme: "mongodb"}
	rest := strings.TrimPrefix(uri, "mongodb://")
	if t.srv {
		u.scheme, rest = "mongodb+srv", strings.TrimPrefix(uri, "mongodb+srv://")
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority := rest[:end]
	u.tail = rest[end:]
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		u.hasUser = true
		u.user, u.password, u.hasPass = strings.Cut(authority[:at], ":")
	}
	return u, nil
}

// Scheme is "mongodb" or "mongodb+srv".
func (u URI) Scheme() string { return u.scheme }

// Hosts is the seed list (each host[:port]) or the one SRV name.
func (u URI) Hosts() []string { return strings.Split(u.hosts, ",") }

// Database is the database name of the path, unescaped ("" when none).
func (u URI) Database() string { return u.target.dbName }

// HasUser and HasPassword say whether the user-info holds a user and a password (never what they are).
func (u URI) HasUser() bool     { return u.hasUser && u.user != "" }
func (u URI) HasPassword() bool { return u.hasPass }

// credentialOption names the options whose value may be a credential (a key file's password, AWS session
// token in authMechanismProperties, ...): their values are masked.
func credentialOption(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"password", "secret", "token", "key", "authmechanismproperties", "credential"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// Options are the query options in order, values unescaped; credential-like values masked.
func (u URI) Options() []URIOption {
	out := []URIOption{}
	_, query, _ := strings.Cut(u.tail, "?")
	for _, kv := range strings.Split(query, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		if credentialOption(name) {
			out = append(out, URIOption{Name: name, Masked: true})
			continue
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			val = v
		}
		out = append(out, URIOption{Name: name, Value: val})
	}
	return out
}

// WithUser is the URI with the user replaced (encoded; the password kept as it was).
func (u URI) WithUser(user string) string {
	u.user, u.hasUser = EncodeUserinfo(user), true
	return u.String()
}

// WithPassword is the URI with the password replaced (encoded; the user kept as it was).
func (u URI) WithPassword(password string) string {
	u.password, u.hasPass, u.hasUser = EncodeUserinfo(password), true, true
	return u.String()
}

// String writes the URI back from its parts.
func (u URI) String() string {
	var b strings.Builder
	b.WriteString(u.scheme + "://")
	if u.hasUser {
		b.WriteString(u.user)
		if u.hasPass {
			b.WriteString(":" + u.password)
		}
		b.WriteString("@")
	}
	b.WriteString(u.hosts + u.tail)
	return b.String()
}

// EncodeUserinfo percent-encodes a user name or password for the user-info: every byte but the unreserved
// ones (letters, digits, "-", ".", "_", "~") becomes %XX, so the strict parser and every driver read it back
// exactly (no "+" or "%" left for a decoder to guess at).
func EncodeUserinfo(s string) string {
	const hexd = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexd[c>>4])
		b.WriteByte(hexd[c&15])
	}
	return b.String()
}
