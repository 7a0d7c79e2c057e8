package main

import (
	"strings"
	"testing"

	"siyana/backend/check"
	"siyana/backend/pages"
	"siyana/backend/profile"
	"siyana/backend/testpeer"
)

// The bound check on the fixture site: the profile's own pages list (else its revalidation paths), each
// with its cache state, kept as the last result and included in diagnostics.
func TestCheckPagesThroughTheFacade(t *testing.T) {
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: "facade-pages-secret-0123456789abcd"})
	a, _ := testApp(t)
	p := saveProfile(t, a, profile.Profile{Name: "متجر", Kind: profile.KindStaging})
	p.SiteURL = ""
	p = saveProfile(t, a, p)
	if res := a.CheckPages(p.ID); res.Code != check.CodeNotConfigured || a.Readiness(p.ID).Pages.Ready {
		t.Fatalf("no site URL: %+v", res)
	}

	p.SiteURL = site.URL
	p = saveProfile(t, a, p)
	if r := a.Readiness(p.ID).Pages; !r.Ready || len(r.Missing) != 0 {
		t.Fatalf("readiness with a site URL: %+v", r)
	}
	res := a.CheckPages(p.ID)
	if !res.OK || len(res.Pages) != len(profile.DefaultPaths) || res.Pages[0].Cache.State != "HIT" {
		t.Fatalf("default pages: %+v", res)
	}

	p.Pages = []profile.Page{{Path: "/dashboard", MustContain: "company-v0"}, {Path: "/missing"}}
	p = saveProfile(t, a, p)
	res = a.CheckPages(p.ID)
	if res.Code != pages.CodePagesDown || len(res.Pages) != 2 || !res.Pages[0].Found || res.Pages[1].Code != pages.CodeHTTPError {
		t.Fatalf("own pages: %+v", res)
	}
	if last := a.LastResults(p.ID).Pages; last == nil || last.Code != pages.CodePagesDown || len(last.Pages) != 2 {
		t.Fatalf("last result: %+v", last)
	}
	if d := a.PreviewDiagnostics(p.ID); !d.OK || !strings.Contains(d.JSON, `"kind": "pages"`) {
		t.Fatalf("diagnostics without the pages result: %+v", d.Code)
	}
}
