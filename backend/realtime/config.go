package realtime

import (
	"net"
	"net/url"
	"siyana/backend/sitevars"
	"strings"
	"time"

	"siyana/backend/check"
	"siyana/backend/i18n"
	"siyana/backend/profile"
)

// Config is everything the network checks need. The app layer builds it from the profile and the keychain;
// Secret is never serialised.
type Config struct {
	AppID         string `json:"appId"`
	Key           string `json:"key"`
	Secret        string `json:"-"`
	Cluster       string `json:"cluster"`
	PublicKey     string `json:"publicKey"`
	PublicCluster string `json:"publicCluster"`
	// Host ("host" or "host:port") replaces the cluster for self-hosted Pusher-compatible servers.
	Host string `json:"host,omitempty"`
	// Insecure uses http/ws instead of https/wss; only honoured with Host (real Pusher is always TLS).
	Insecure bool `json:"insecure,omitempty"`
}

// ConfigFromProfile combines the profile's Pusher settings with the secret read from the keychain.
func ConfigFromProfile(p profile.Pusher, secret string) Config {
	return Config{
		AppID:         strings.TrimSpace(p.AppID),
		Key:           strings.TrimSpace(p.Key),
		Secret:        strings.TrimSpace(secret),
		Cluster:       strings.TrimSpace(p.Cluster),
		PublicKey:     strings.TrimSpace(p.PublicKey),
		PublicCluster: strings.TrimSpace(p.PublicCluster),
		Host:          strings.TrimSpace(p.Host),
		Insecure:      p.Insecure,
	}
}

func (c Config) secure() bool { return c.Host == "" || !c.Insecure }

// missing lists what the realtime card lacks, by environment name, split into what the REST trigger (the
// server) and what the site's browsers need. The rule is the one table's (sitevars.Missing).
func (c Config) missing() (server, public []string) {
	p := profile.Profile{Pusher: profile.Pusher{AppID: c.AppID, Key: c.Key, Cluster: c.Cluster,
		PublicKey: c.PublicKey, PublicCluster: c.PublicCluster, Host: c.Host}}
	saved := map[string]bool{sitevars.PusherSecret: strings.TrimSpace(c.Secret) != ""}
	for _, name := range sitevars.Missing(sitevars.CardRealtime, p, saved) {
		if v, _ := sitevars.Lookup(name); v.Browser {
			public = append(public, name)
		} else {
			server = append(server, name)
		}
	}
	return server, public
}

// missingServer lists the settings the REST trigger needs, by environment name.
func (c Config) missingServer() []string { s, _ := c.missing(); return s }

// missingPublic lists the settings the browser needs, by environment name.
func (c Config) missingPublic() []string { _, p := c.missing(); return p }

// webSocketURL is where a browser using NEXT_PUBLIC_PUSHER_KEY / _CLUSTER (or the custom host) connects.
func (c Config) webSocketURL() string {
	u := url.URL{Scheme: "wss", Path: "/app/" + url.PathEscape(c.PublicKey)}
	if c.Host == "" {
		u.Host = "ws-" + c.PublicCluster + ".pusher.com:443"
	} else {
		u.Host = c.Host
		if !c.secure() {
			u.Scheme = "ws"
		}
	}
	q := url.Values{"protocol": {"7"}, "client": {"siyana-go"}, "version": {"1.0"}}
	u.RawQuery = q.Encode()
	return u.String()
}

// restHost is the host the REST API is reached at, for messages and dial errors.
func (c Config) restHost() string {
	if c.Host != "" {
		if h, _, err := net.SplitHostPort(c.Host); err == nil {
			return h
		}
		return c.Host
	}
	return "api-" + c.Cluster + ".pusher.com"
}

func same(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// Problem is one finding of Presence.
type Problem struct {
	// Code is KEY_MISMATCH or CLUSTER_MISMATCH.
	Code string `json:"code"`
	// Message is the English explanation (logs); the UI renders Code from the catalog.
	Message string `json:"message"`
}

// PresenceResult says which Pusher settings are missing or inconsistent, without any network call.
type PresenceResult struct {
	// OK is true when every setting is present and consistent.
	OK bool `json:"ok"`
	// Code is OK, MISSING_CONFIG, KEY_MISMATCH or CLUSTER_MISMATCH (the first problem, in that order).
	Code string `json:"code"`
	// Message is the English summary for Code (logs); the UI renders Code and Params from the catalog.
	Message string `json:"message"`
	// Params fill Code's catalog sentence (MISSING_CONFIG: list, the missing names).
	Params map[string]string `json:"params"`
	// Missing lists the missing settings by environment variable name (PUSHER_APP_ID, ... NEXT_PUBLIC_PUSHER_CLUSTER).
	Missing []string `json:"missing"`
	// Problems lists every consistency problem found (key and cluster mismatch), each with its fix.
	Problems []Problem `json:"problems"`
	// CanValidate is true when the server credentials are complete, so ValidateCredentials can run.
	CanValidate bool `json:"canValidate"`
	// CanLiveTest is true when both the server and the public settings are complete and consistent. A key or
	// cluster mismatch blocks it: the site's browsers would fail the same way, so the fix comes first and the
	// live test would only repeat it. The credential check stays possible (CanValidate).
	CanLiveTest bool `json:"canLiveTest"`
	// Reason explains in English why the live test cannot run (the missing names, or the first mismatch and
	// its fix); empty when it can. The UI says it from Code, Missing and Problems.
	Reason string `json:"reason"`
	// CheckedAt is when the check ran (RFC 3339, UTC).
	CheckedAt string `json:"checkedAt"`
	// DurationMs is how long the check took.
	DurationMs float64 `json:"durationMs"`
}

// Presence checks the profile's Pusher settings; secretSaved says whether PUSHER_SECRET is in the keychain.
func Presence(p profile.Pusher, secretSaved bool) PresenceResult {
	start := time.Now()
	secret := ""
	if secretSaved {
		secret = "saved" // only its presence matters here
	}
	c := ConfigFromProfile(p, secret)
	res := PresenceResult{
		Missing:   append(c.missingServer(), c.missingPublic()...),
		Problems:  []Problem{},
		CheckedAt: start.UTC().Format(time.RFC3339Nano),
	}
	if res.Missing == nil {
		res.Missing = []string{}
	}
	if c.Key != "" && c.PublicKey != "" && !same(c.Key, c.PublicKey) {
		res.Problems = append(res.Problems, Problem{CodeKeyMismatch, Message(CodeKeyMismatch, nil)})
	}
	// With a custom host both libraries ignore the cluster, so a cluster difference is harmless there.
	if c.Host == "" && c.Cluster != "" && c.PublicCluster != "" && !same(c.Cluster, c.PublicCluster) {
		res.Problems = append(res.Problems, Problem{CodeClusterMismatch, Message(CodeClusterMismatch, nil)})
	}
	res.CanValidate = len(c.missingServer()) == 0
	res.CanLiveTest = len(res.Missing) == 0 && len(res.Problems) == 0
	switch {
	case len(res.Missing) > 0:
		res.Code = CodeMissingConfig
		res.Params = missingParams(res.Missing)
		res.Message = Message(CodeMissingConfig, res.Params)
		res.Reason = res.Message
	case len(res.Problems) > 0:
		res.Code = res.Problems[0].Code
		res.Message = res.Problems[0].Message
		res.Reason = res.Message
	default:
		res.OK = true
		res.Code = CodeOK
		res.Message = Message(CodeOK, i18n.Params{"reason": "presenceOK"})
	}
	res.DurationMs = check.Ms(time.Since(start))
	return res
}

func missingParams(names []string) i18n.Params { return i18n.Params{"list": i18n.List(names)} }
