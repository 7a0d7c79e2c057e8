package settings

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// TestSettingsOverRealKeychain runs the settings flows against the OS keychain (service "siyana-test").
// It needs scripts/with-keyring.sh (SIYANA_KEYRING_IT=1); under CI=true it fails instead of skipping.
func TestSettingsOverRealKeychain(t *testing.T) {
	ctx, kc := secrets.RealKeychainT(t)
	s := serviceOver(t, kc)
	p := s.SaveProfile(ctx, profile.Profile{Name: "it", Kind: profile.KindStaging}).Profile
	t.Cleanup(func() { _, _ = kc.DeleteProfile(context.Background(), p.ID) })

	if o := s.SetSecret(ctx, p.ID, secrets.RevalidateSecret, " reval-1 "); !o.OK {
		t.Fatalf("SetSecret: %+v", o)
	}
	r := s.ImportEnv(ctx, p.ID, writeEnv(t, siteEnv))
	if !r.OK || !reflect.DeepEqual(r.Stored, secrets.Known) {
		t.Fatalf("ImportEnv: %+v", r)
	}
	if v, err := s.SecretValue(ctx, p.ID, secrets.RevalidateSecret); err != nil || v != "CANARY-reval" {
		t.Fatalf("import did not overwrite in the keychain: %v", err)
	}
	st := s.SecretStatus(ctx, p.ID)
	if !st.OK || st.Source != SourceKeychain {
		t.Fatalf("SecretStatus: %+v", st)
	}
	for _, n := range secrets.Known {
		if !st.Saved[n] {
			t.Fatalf("%s not reported saved: %+v", n, st.Saved)
		}
	}
	if o := s.ClearSecret(ctx, p.ID, secrets.PusherSecret); !o.OK {
		t.Fatalf("ClearSecret: %+v", o)
	}
	if st := s.SecretStatus(ctx, p.ID); st.Saved[secrets.PusherSecret] || !st.Saved[secrets.DatabaseURL] {
		t.Fatalf("after clear: %+v", st.Saved)
	}
	d := s.DeleteProfile(ctx, p.ID, false)
	if !d.OK || !d.Deleted || len(d.SecretsRemoved) != len(secrets.Known)-1 {
		t.Fatalf("DeleteProfile: %+v", d)
	}
	for _, n := range secrets.Known {
		if _, err := kc.Get(ctx, p.ID, n); !errors.Is(err, secrets.ErrNotFound) {
			t.Fatalf("%s still in the keychain after delete: %v", n, err)
		}
	}
}
