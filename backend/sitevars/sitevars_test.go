package sitevars

import (
	"slices"
	"testing"

	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// The keychain's list of secret names and the table's secret rows are the same names in the same order.
func TestSecretsAreTheTablesSecrets(t *testing.T) {
	var fromTable []string
	for _, v := range All() {
		if v.Secret {
			fromTable = append(fromTable, v.Name)
			if v.Field != "" || v.field != nil {
				t.Errorf("%s is secret but maps to a profile field", v.Name)
			}
		} else if v.Field == "" || v.field == nil {
			t.Errorf("%s is not secret but maps to no profile field", v.Name)
		}
	}
	if !slices.Equal(fromTable, secrets.Known) {
		t.Fatalf("table secrets %v, secrets.Known %v", fromTable, secrets.Known)
	}
}

// Every non-secret row writes the field its Field path names, and reads it back.
func TestSetAndValueUseTheNamedField(t *testing.T) {
	for _, v := range All() {
		if v.Secret {
			if Set(&profile.Profile{}, v.Name, "x") {
				t.Errorf("Set accepted the secret %s", v.Name)
			}
			continue
		}
		var p profile.Profile
		if !Set(&p, v.Name, "value-of-"+v.Name) || Value(p, v.Name) != "value-of-"+v.Name {
			t.Errorf("%s: Set/Value do not round-trip", v.Name)
		}
		for _, other := range All() {
			if other.Name != v.Name && !other.Secret && Value(p, other.Name) != "" {
				t.Errorf("Set(%s) also wrote %s", v.Name, other.Name)
			}
		}
	}
	if Set(&profile.Profile{}, "NOT_A_VARIABLE", "x") || Value(profile.Profile{}, "NOT_A_VARIABLE") != "" {
		t.Fatal("an unknown name must not map to a field")
	}
}

func TestReadiness(t *testing.T) {
	full := profile.Profile{ID: "p1", SiteURL: "https://shop.example",
		Pusher:   profile.Pusher{AppID: "1", Key: "k", Cluster: "eu", PublicKey: "k", PublicCluster: "eu"},
		Atlas:    profile.Atlas{GroupID: "0123456789abcdef01234567", ClusterName: "c0"},
		Features: profile.Features{AtlasLookup: true}}
	all := map[string]bool{}
	for _, n := range secrets.Known {
		all[n] = true
	}
	r := Ready(full, all)
	for _, c := range []CardReadiness{r.Database, r.Atlas, r.Realtime, r.Revalidate, r.Pages} {
		if !c.Ready || len(c.Missing) != 0 {
			t.Errorf("%s: %+v, want ready", c.Card, c)
		}
	}

	empty := Ready(profile.Profile{ID: "p2"}, map[string]bool{})
	want := map[Card][]string{
		CardDatabase:   {DatabaseURL},
		CardAtlas:      {AtlasPublicKey, AtlasPrivateKey, AtlasGroupID, AtlasClusterName},
		CardRealtime:   {PusherAppID, PusherKey, PusherSecret, PusherCluster, PusherPublicKey, PusherPublicCluster},
		CardRevalidate: {RevalidateSecret, SiteURL},
		CardPages:      {SiteURL},
	}
	for _, c := range []CardReadiness{empty.Database, empty.Atlas, empty.Realtime, empty.Revalidate, empty.Pages} {
		if c.Ready || !slices.Equal(c.Missing, want[c.Card]) {
			t.Errorf("%s: missing %v, want %v", c.Card, c.Missing, want[c.Card])
		}
	}
	if empty.Atlas.Enabled {
		t.Error("Atlas lookup off: the card is not enabled")
	}

	// A self-hosted host replaces both clusters; blanks are missing.
	host := full
	host.Pusher.Cluster, host.Pusher.PublicCluster, host.Pusher.Host = "", " ", "127.0.0.1:6001"
	host.Pusher.Key = "   "
	if m := Missing(CardRealtime, host, all); !slices.Equal(m, []string{PusherKey}) {
		t.Fatalf("with a host: missing %v, want [PUSHER_KEY]", m)
	}
	// Atlas off: not ready even when complete.
	off := full
	off.Features.AtlasLookup = false
	if r := Ready(off, all); r.Atlas.Ready || r.Atlas.Enabled || len(r.Atlas.Missing) != 0 {
		t.Fatalf("atlas off: %+v", r.Atlas)
	}
}
