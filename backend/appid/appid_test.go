package appid

import (
	"regexp"
	"testing"
)

func TestDevNeverSharesTheProductionName(t *testing.T) {
	if For(false) != Production || For(true) != Dev {
		t.Fatalf("For(false)=%q For(true)=%q", For(false), For(true))
	}
	if Dev == Production || Dev == "" || Production == "" {
		t.Fatalf("dev %q and production %q must differ", Dev, Production)
	}
}

func TestInstanceIDPerBuildAndConfigDir(t *testing.T) {
	a, b := InstanceID(false, "/home/u/.config/siyana"), InstanceID(true, "/home/u/.config/siyana")
	if a == b {
		t.Fatal("dev and production builds share a single-instance id")
	}
	if a != InstanceID(false, "/home/u/.config/siyana/") || a != InstanceID(false, "/home/u/.config/x/../siyana") {
		t.Fatal("the same dir spelled differently gives another id")
	}
	if a == InstanceID(false, "/tmp/other") {
		t.Fatal("two config dirs share a single-instance id")
	}
	for _, id := range []string{a, b, InstanceID(false, "")} {
		if !regexp.MustCompile(`^[a-z][a-z0-9-]*$`).MatchString(id) {
			t.Fatalf("id %q has a character a D-Bus name element, mutex or file name may not hold", id)
		}
	}
}
