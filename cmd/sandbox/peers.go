package main

import (
	"context"
	"errors"
	"fmt"

	"siyana/backend/testpeer"
)

// Peers are the real servers the sandbox (and the browser E2E) runs on loopback.
type Peers struct {
	Mongo  *MongoInfo  `json:"mongo,omitempty"`
	Pusher *PusherInfo `json:"pusher,omitempty"`
	Site   *SiteInfo   `json:"site,omitempty"`

	stops []func()
}

// MongoInfo describes FerretDB with SCRAM login.
type MongoInfo struct {
	URI              string `json:"uri"`
	URIWrongPassword string `json:"uriWrongPassword"`
	Host             string `json:"host"`
	Database         string `json:"database"`
	PID              int    `json:"pid"` // also its process group: the test asserts the group is gone after Ctrl-C
}

// PusherApp is one soketi app.
type PusherApp struct {
	ID     string `json:"id"`
	Key    string `json:"key"`
	Secret string `json:"secret"`
}

// PusherInfo describes soketi: Host is the profile's custom Pusher host (plain ws/http).
type PusherInfo struct {
	Host     string    `json:"host"`
	App      PusherApp `json:"app"`
	Other    PusherApp `json:"other"`
	Disabled PusherApp `json:"disabled"`
	PID      int       `json:"pid"`
}

// SiteInfo describes the fixture Next.js site running the shipped revalidation route.
type SiteInfo struct {
	URL      string `json:"url"`
	Secret   string `json:"secret"`
	DataFile string `json:"dataFile"`
	PID      int    `json:"pid"`
}

const (
	sandboxSiteSecret = "sandbox-revalidate-secret-0123456789abcdef"
	sandboxUser       = "siyana"
	sandboxPassword   = "sandbox-password"
)

var (
	appMain     = testpeer.SoketiApp{ID: "100001", Key: "sandbox-key", Secret: "sandbox-secret"}
	appOther    = testpeer.SoketiApp{ID: "100002", Key: "other-key", Secret: "other-secret"}
	appDisabled = testpeer.SoketiApp{ID: "100003", Key: "disabled-key", Secret: "disabled-secret", Disabled: true}
)

// startPeers starts every peer that is installed; a peer whose tool is missing is reported and skipped
// unless required.
func startPeers(ctx context.Context, required bool, logf func(string, ...any)) (*Peers, error) {
	p := &Peers{}
	var missing []error
	// started books one peer's start: on success its stop is kept (true); a missing tool is noted unless
	// required (false); any other error stops what runs and is returned, named.
	started := func(name string, err error, stop func()) (bool, error) {
		var m *testpeer.Missing
		switch {
		case err == nil:
			p.stops = append(p.stops, stop)
			return true, nil
		case errors.As(err, &m) && !required:
			missing = append(missing, err)
			return false, nil
		}
		p.Stop()
		return false, fmt.Errorf("%s: %w", name, err)
	}

	f, err := testpeer.StartFerretDB(ctx, testpeer.FerretOptions{User: sandboxUser, Password: sandboxPassword})
	if ok, err := started("FerretDB", err, f.Stop); err != nil {
		return nil, err
	} else if ok {
		p.Mongo = &MongoInfo{URI: f.URI, URIWrongPassword: f.URIFor(sandboxUser, "wrong-password"), Host: f.Addr, Database: f.Opts.Database, PID: f.Proc.PID()}
		logf("FerretDB (MongoDB wire) on %s, pid %d", f.Addr, f.Proc.PID())
	}

	s, err := testpeer.StartSoketi(ctx, testpeer.SoketiOptions{Apps: []testpeer.SoketiApp{appMain, appOther, appDisabled}})
	if ok, err := started("soketi", err, s.Stop); err != nil {
		return nil, err
	} else if ok {
		app := func(a testpeer.SoketiApp) PusherApp { return PusherApp{ID: a.ID, Key: a.Key, Secret: a.Secret} }
		p.Pusher = &PusherInfo{Host: s.Host, App: app(appMain), Other: app(appOther), Disabled: app(appDisabled), PID: s.Proc.PID()}
		logf("soketi (Pusher protocol) on %s, pid %d", s.Host, s.Proc.PID())
	}

	site, err := testpeer.StartNextSite(ctx, testpeer.NextSiteOptions{Secret: sandboxSiteSecret})
	if ok, err := started("Next.js fixture", err, site.Stop); err != nil {
		return nil, err
	} else if ok {
		p.Site = &SiteInfo{URL: site.URL, Secret: site.Secret, DataFile: site.DataFile, PID: site.Proc.PID()}
		logf("Next.js fixture site on %s, pid %d (data file %s)", site.URL, site.Proc.PID(), site.DataFile)
	}

	for _, m := range missing {
		logf("skipped: %v", m)
	}
	return p, nil
}

// Stop stops every started peer, last started first.
func (p *Peers) Stop() {
	for i := len(p.stops) - 1; i >= 0; i-- {
		p.stops[i]()
	}
	p.stops = nil
}
