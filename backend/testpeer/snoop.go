package testpeer

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// Snoop is a loopback HTTP server standing for the other host a repointed profile would hand a secret to:
// it answers 404 to everything and remembers every request it saw as "METHOD path Authorization".
type Snoop struct {
	URL  string
	mu   sync.Mutex
	seen []string
}

// NewSnoop starts a Snoop; it is closed at cleanup.
func NewSnoop(t TB) *Snoop {
	s := &Snoop{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.seen = append(s.seen, r.Method+" "+r.URL.Path+" "+r.Header.Get("Authorization"))
		s.mu.Unlock()
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Requests returns every request seen so far.
func (s *Snoop) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.seen...)
}

// WithSecret returns the requests seen so far that carried secret anywhere.
func (s *Snoop) WithSecret(secret string) []string {
	var out []string
	for _, r := range s.Requests() {
		if strings.Contains(r, secret) {
			out = append(out, r)
		}
	}
	return out
}
