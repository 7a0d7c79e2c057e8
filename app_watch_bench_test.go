package main

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/testpeer"
	"siyana/backend/watch"
)

// BenchmarkWatchCPU watches every watchable check of one profile against the loopback peers (FerretDB,
// soketi, the fixture Next.js site; Atlas: a loopback server answering 401 like the remote API) with the
// interval shortened to 1 s, for 10 s, and reports the app's own CPU time per cycle (all checks once, each
// sample stored) and what that is per wall second at the 10 s interval the issue names. The peers run in
// their own processes, so their CPU is not counted.
func BenchmarkWatchCPU(b *testing.B) {
	old := watchConfig
	watchConfig = watch.Config{IntervalOverride: time.Second, MinInterval: time.Millisecond}
	defer func() { watchConfig = old }()
	pw := "bench-Pass-1"
	f := testpeer.FerretDBT(b, testpeer.FerretOptions{User: "shop", Password: pw})
	s := testpeer.SoketiT(b, testpeer.SoketiOptions{Apps: []testpeer.SoketiApp{{ID: "100001", Key: "bench-key", Secret: "bench-secret"}}})
	const reval = "bench-reval-secret-0123456789abcdefghij"
	site := testpeer.NextSiteT(b, testpeer.NextSiteOptions{Secret: reval})
	atlasSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Digest realm="MMS Public API", nonce="n", algorithm=MD5, qop="auth"`)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer atlasSrv.Close()
	a, _, _ := initApp(b)
	a.atlas.BaseURL = atlasSrv.URL
	res := a.SaveProfile(profile.Profile{Name: "bench", Kind: profile.KindDevelopment, SiteURL: site.URL,
		Pusher: profile.Pusher{AppID: "100001", Key: "bench-key", PublicKey: "bench-key", Cluster: "local", PublicCluster: "local", Host: s.Host, Insecure: true},
		Atlas:  profile.Atlas{GroupID: "5f0c0ffee0c0ffee0c0ffee0", ClusterName: "Cluster0"}, Features: profile.Features{AtlasLookup: true}})
	if !res.OK {
		b.Fatalf("profile: %+v", res)
	}
	id := res.Profile.ID
	for name, v := range map[string]string{secrets.DatabaseURL: f.URIFor("shop", pw), secrets.PusherSecret: "bench-secret",
		secrets.AtlasPublicKey: "pub", secrets.AtlasPrivateKey: "priv", secrets.RevalidateSecret: reval} {
		if o := a.SetSecret(id, name, v); !o.OK {
			b.Fatalf("secret %s: %+v", name, o)
		}
	}
	st := watch.Defaults()
	for i := range st.Checks {
		st.Checks[i].Enabled = true
	}
	const window = 10 * time.Second
	for i := 0; i < b.N; i++ {
		if r := a.SetWatch(id, st); !r.OK {
			b.Fatalf("SetWatch: %+v", r)
		}
		time.Sleep(2 * time.Second) // the first runs (cold connections) are not the steady state
		runtime.GC()
		cpu0, start := processCPU(), time.Now()
		before := a.CardHistory(id, "database").History.Uptime24h.Samples
		time.Sleep(window)
		cpu, wall := processCPU()-cpu0, time.Since(start)
		cycles := float64(a.CardHistory(id, "database").History.Uptime24h.Samples - before)
		_ = a.SetWatch(id, watch.Defaults())
		if cycles < 5 {
			b.Fatalf("only %.0f cycles in %v", cycles, wall)
		}
		perCycle := float64(cpu.Microseconds()) / 1000 / cycles
		b.ReportMetric(perCycle, "cpu-ms/cycle")
		b.ReportMetric(float64(len(watch.Checks)), "checks")
		// At a 10 s interval a cycle happens every 10 s: CPU ms per wall second is a tenth of a cycle's.
		b.ReportMetric(perCycle/10, "cpu-ms/wall-s@10s")
	}
}
