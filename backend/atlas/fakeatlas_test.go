package atlas

import (
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

const (
	testPublic  = "abcdefgh"
	testPrivate = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
	testGroup   = "5f1b2c3d4e5f60718293a4b5"
	realm       = "MMS Public API"
)

// fakeAtlas is a loopback Atlas Admin API: it runs a real Digest (MD5, qop=auth) challenge, verifies the
// response hash with the private key, and answers with the shapes and error bodies Atlas sends.
type fakeAtlas struct {
	*httptest.Server
	mu      sync.Mutex
	nonces  map[string]bool
	basic   int               // requests that carried Basic credentials (must stay 0)
	signed  int               // requests whose Digest response verified
	accepts map[string]string // path → Accept header of the signed request
	routes  map[string]http.HandlerFunc
}

func newFakeAtlas(t *testing.T, tlsOn bool) *fakeAtlas {
	t.Helper()
	f := &fakeAtlas{nonces: map[string]bool{}, accepts: map[string]string{}, routes: map[string]http.HandlerFunc{}}
	h := http.HandlerFunc(f.serve)
	if tlsOn {
		f.Server = httptest.NewTLSServer(h)
	} else {
		f.Server = httptest.NewServer(h)
	}
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAtlas) route(path string, h http.HandlerFunc) {
	f.mu.Lock()
	f.routes["/api/atlas/v2/groups/"+testGroup+path] = h
	f.mu.Unlock()
}

func (f *fakeAtlas) serve(w http.ResponseWriter, r *http.Request) {
	auth := r.Header.Get("Authorization")
	f.mu.Lock()
	if strings.HasPrefix(strings.ToLower(auth), "basic") {
		f.basic++
	}
	f.mu.Unlock()
	if !strings.HasPrefix(auth, "Digest ") || !f.verify(r.Method, auth) {
		f.challenge(w)
		return
	}
	f.mu.Lock()
	f.signed++
	f.accepts[r.URL.Path] = r.Header.Get("Accept")
	h := f.routes[r.URL.Path]
	f.mu.Unlock()
	if h == nil {
		writeJSON(w, http.StatusNotFound, `{"detail":"Cannot find resource `+r.URL.Path+`.","error":404,"errorCode":"RESOURCE_NOT_FOUND","parameters":[],"reason":"Not Found"}`)
		return
	}
	h(w, r)
}

// challenge answers like Atlas: 401, a Digest challenge, and an error body without errorCode.
func (f *fakeAtlas) challenge(w http.ResponseWriter) {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	nonce := hex.EncodeToString(b)
	f.mu.Lock()
	f.nonces[nonce] = true
	f.mu.Unlock()
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Digest realm="%s", domain="", nonce="%s", algorithm=MD5, qop="auth", stale=false`, realm, nonce))
	writeJSON(w, http.StatusUnauthorized, `{"error":401,"reason":"Unauthorized","detail":"You are not authorized for this resource."}`)
}

// verify checks an RFC 7616 MD5 response with qop=auth against the known key pair and a nonce we issued.
func (f *fakeAtlas) verify(method, header string) bool {
	p := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(header, "Digest "), ", ") {
		k, v, _ := strings.Cut(part, "=")
		p[k] = strings.Trim(v, `"`)
	}
	f.mu.Lock()
	known := f.nonces[p["nonce"]]
	f.mu.Unlock()
	if !known || p["username"] != testPublic || p["realm"] != realm || p["qop"] != "auth" {
		return false
	}
	md := func(s string) string { sum := md5.Sum([]byte(s)); return hex.EncodeToString(sum[:]) }
	ha1 := md(testPublic + ":" + realm + ":" + testPrivate)
	ha2 := md(method + ":" + p["uri"])
	return p["response"] == md(strings.Join([]string{ha1, p["nonce"], p["nc"], p["cnonce"], p["qop"], ha2}, ":"))
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

func answerWith(status int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		writeJSON(w, status, body)
	}
}

// Response bodies in Atlas's shapes (trimmed to what matters plus a few neighbours).
const (
	dedicatedM10 = `{"clusterType":"REPLICASET","groupId":"` + testGroup + `","id":"66d1b902e509e119a21ca4c8","mongoDBMajorVersion":"7.0","mongoDBVersion":"7.0.15","name":"Cluster0","paused":false,"stateName":"IDLE","replicationSpecs":[{"id":"66d1b902e509e119a21ca4b1","zoneName":"Zone 1","regionConfigs":[{"electableSpecs":{"diskIOPS":3000,"ebsVolumeType":"STANDARD","instanceSize":"M30","nodeCount":0},"priority":6,"providerName":"GCP","regionName":"CENTRAL_US"},{"electableSpecs":{"diskIOPS":3000,"ebsVolumeType":"STANDARD","instanceSize":"M10","nodeCount":3},"priority":7,"providerName":"AWS","regionName":"EU_WEST_1"}]}]}`
	sharedM0     = `{"clusterType":"REPLICASET","mongoDBVersion":"8.0.4","name":"Cluster0","paused":false,"stateName":"IDLE","replicationSpecs":[{"regionConfigs":[{"backingProviderName":"AWS","electableSpecs":{"instanceSize":"M0"},"priority":7,"providerName":"TENANT","regionName":"EU_CENTRAL_1"}]}]}`
	pausedM20    = `{"mongoDBVersion":"6.0.19","name":"Cluster0","paused":true,"stateName":"IDLE","replicationSpecs":[{"regionConfigs":[{"electableSpecs":{"instanceSize":"M20"},"priority":7,"providerName":"AZURE"}]}]}`
	flexBody     = `{"backupSettings":{"enabled":true},"clusterType":"REPLICASET","connectionStrings":{},"createDate":"2024-11-28T16:00:09Z","groupId":"` + testGroup + `","id":"67489389a5b2f94a614cf079","mongoDBVersion":"8.0.3","name":"Cluster0","providerSettings":{"backingProviderName":"AWS","diskSizeGB":5,"providerName":"FLEX","regionName":"US_EAST_1"},"stateName":"IDLE","terminationProtectionEnabled":false,"versionReleaseSystem":"LTS"}`

	errFlexInClusterAPI = `{"detail":"Flex cluster Cluster0 cannot be used in the Cluster API.","error":400,"errorCode":"CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API","parameters":["Cluster0"],"reason":"Bad Request"}`
	errClusterNotFound  = `{"detail":"No cluster named Cluster0 exists in group ` + testGroup + `.","error":404,"errorCode":"CLUSTER_NOT_FOUND","parameters":["Cluster0","` + testGroup + `"],"reason":"Not Found"}`
	errGroupNotFound    = `{"detail":"No group with ID ` + testGroup + ` exists.","error":404,"errorCode":"GROUP_NOT_FOUND","parameters":["` + testGroup + `"],"reason":"Not Found"}`
	errIPNotAllowed     = `{"detail":"IP address 203.0.113.7 is not allowed to access this resource.","error":403,"errorCode":"IP_ADDRESS_NOT_ON_ACCESS_LIST","parameters":["203.0.113.7"],"reason":"Forbidden"}`
	errNoProjectRole    = `{"detail":"The current user is not in the group, or the group does not exist.","error":401,"errorCode":"NOT_IN_GROUP","parameters":["` + testGroup + `"],"reason":"Unauthorized"}`
	errRateLimited      = `{"detail":"Resource /api/atlas/v2/groups/` + testGroup + `/clusters/Cluster0 is limited to 100 requests every 1 minutes.","error":429,"errorCode":"RATE_LIMITED","parameters":[],"reason":"Too Many Requests"}`
	errServer           = `{"detail":"Unexpected error.","error":500,"errorCode":"UNEXPECTED_ERROR","parameters":[],"reason":"Internal Server Error"}`
)
