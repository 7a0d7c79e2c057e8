package appid

import "testing"

func TestDevNeverSharesTheProductionName(t *testing.T) {
	if For(false) != Production || For(true) != Dev {
		t.Fatalf("For(false)=%q For(true)=%q", For(false), For(true))
	}
	if Dev == Production || Dev == "" || Production == "" {
		t.Fatalf("dev %q and production %q must differ", Dev, Production)
	}
}
