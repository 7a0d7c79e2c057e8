package main

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/testpeer"
)

// BenchmarkCheckAll runs the four checks of "check all" (database, Atlas, Pusher credentials, site dry run)
// against the real peers (Atlas: a loopback server answering 401 after a delay like a remote API), once
// concurrently and once one after the other, and reports
//   - concurrent/slowest: ~1 means check-all takes as long as its slowest check;
//   - concurrent/sum: well under 1 means the checks really overlap.
func BenchmarkCheckAll(b *testing.B) {
	a, id := benchProfile(b, 30*time.Millisecond)
	checks := []func(){
		func() { a.CheckDatabase(id) },
		func() { a.CheckAtlas(id) },
		func() { a.ValidatePusher(id) },
		func() { a.TestSiteConnection(id) },
	}
	for _, c := range checks { // warm: driver pool, keep-alive connections, the site's first render
		c()
	}
	var seq, conc, slowest time.Duration
	for i := 0; i < b.N; i++ {
		var slow time.Duration
		start := time.Now()
		for _, c := range checks {
			t0 := time.Now()
			c()
			if d := time.Since(t0); d > slow {
				slow = d
			}
		}
		seq += time.Since(start)
		slowest += slow

		start = time.Now()
		var wg sync.WaitGroup
		for _, c := range checks {
			wg.Add(1)
			go func() { defer wg.Done(); c() }()
		}
		wg.Wait()
		conc += time.Since(start)
	}
	// Metric names are the ones bench/report reads for the check-all row.
	perOp := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
	b.ReportMetric(perOp(conc), "all-ms")
	b.ReportMetric(perOp(slowest), "slowest-ms")
	b.ReportMetric(perOp(seq), "sum-ms")
	b.ReportMetric(float64(conc)/float64(slowest), "all/slowest")
	b.ReportMetric(float64(conc)/float64(seq), "all/sum")
}

// benchProfile is the app over one development profile wired to every loopback peer (FerretDB, soketi, the
// fixture Next.js site; Atlas: a loopback server answering 401 like the remote API after atlasDelay, so the
// Atlas check is not free), with every secret saved: what the benchmarks measure checks against.
func benchProfile(b *testing.B, atlasDelay time.Duration) (*App, string) {
	b.Helper()
	pw := "bench-Pass-1"
	f := testpeer.FerretDBT(b, testpeer.FerretOptions{User: "shop", Password: pw})
	s := testpeer.SoketiT(b, testpeer.SoketiOptions{Apps: []testpeer.SoketiApp{{ID: "100001", Key: "bench-key", Secret: "bench-secret"}}})
	const reval = "bench-reval-secret-0123456789abcdefghij"
	site := testpeer.NextSiteT(b, testpeer.NextSiteOptions{Secret: reval})
	atlasSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(atlasDelay)
		w.Header().Set("WWW-Authenticate", `Digest realm="MMS Public API", nonce="n", algorithm=MD5, qop="auth"`)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	b.Cleanup(atlasSrv.Close)
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
	return a, id
}
