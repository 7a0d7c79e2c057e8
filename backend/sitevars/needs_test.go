package sitevars

import (
	"testing"

	"siyana/backend/profile"
)

// Each missing variable comes with where the admin sets it, from the same table row.
func TestReadinessSaysWhereEachMissingIsSet(t *testing.T) {
	r := Ready(profile.Profile{}, map[string]bool{})
	for _, c := range []CardReadiness{r.Database, r.Realtime, r.Revalidate, r.Atlas} {
		if len(c.Needs) != len(c.Missing) {
			t.Fatalf("%s: needs %v, missing %v", c.Card, c.Needs, c.Missing)
		}
		for i, n := range c.Needs {
			v, _ := Lookup(c.Missing[i])
			if n.Name != c.Missing[i] || n.Secret != v.Secret || n.Field != v.Field || (n.Secret == (n.Field != "")) {
				t.Errorf("%s: need %+v for %s", c.Card, n, c.Missing[i])
			}
		}
	}
	if got := r.Revalidate.Needs; len(got) != 2 || got[0] != (Need{Name: RevalidateSecret, Secret: true}) || got[1] != (Need{Name: SiteURL, Field: "siteUrl"}) {
		t.Fatalf("revalidate needs %+v", got)
	}
	if n := NotReady("x", "E", "").Database.Needs; n == nil || len(n) != 0 {
		t.Fatalf("not ready: %v", n)
	}
}
