package redact

import (
	"context"
	"strings"
	"testing"

	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/settings"
)

// TestRecordingOverRealKeychain: values stored earlier (straight into the OS keychain, not through the
// wrapper) are unknown to the redactor until Go reads them, and known — in every form — from that moment,
// whichever profile and whichever path read them (a check's SecretValue, the settings screen's SecretStatus).
func TestRecordingOverRealKeychain(t *testing.T) {
	ctx, kc := secrets.RealKeychainT(t)
	store, err := profile.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	reg := NewRegistry()
	svc := settings.New(store, Recording(kc, reg))
	sel := svc.SaveProfile(ctx, profile.Profile{Name: "selected", Kind: profile.KindStaging}).Profile
	other := svc.SaveProfile(ctx, profile.Profile{Name: "other", Kind: profile.KindStaging}).Profile
	t.Cleanup(func() {
		_, _ = kc.DeleteProfile(context.Background(), sel.ID)
		_, _ = kc.DeleteProfile(context.Background(), other.ID)
	})
	values := map[string]string{sel.ID: `real"key<chain>&\value-0001`, other.ID: "mongodb://u:p?a/s#s@h:27017/db"}
	if err := kc.Set(ctx, sel.ID, secrets.PusherSecret, values[sel.ID]); err != nil {
		t.Fatal(err)
	}
	if err := kc.Set(ctx, other.ID, secrets.DatabaseURL, values[other.ID]); err != nil {
		t.Fatal(err)
	}
	if got := reg.Scrub(values[sel.ID]); got != values[sel.ID] {
		t.Fatalf("known before any read: %q", got)
	}
	// A check of the non-selected profile reads its URL; the settings screen asks the selected one's status.
	if _, err := svc.SecretValue(ctx, other.ID, secrets.DatabaseURL); err != nil {
		t.Fatal(err)
	}
	if st := svc.SecretStatus(ctx, sel.ID); !st.OK || !st.Saved[secrets.PusherSecret] {
		t.Fatalf("status: %+v", st)
	}
	for _, v := range values {
		for name, enc := range encoders {
			if out := reg.Scrub("x " + enc(v) + " y"); len(leaks(out, v)) > 0 {
				t.Errorf("%s form of a value read from the keychain survives: %q", name, out)
			}
		}
	}
	if out := reg.Scrub("auth failed for p?a/s#s"); strings.Contains(out, "p?a/s#s") {
		t.Errorf("the URL's password alone survives: %q", out)
	}
}
