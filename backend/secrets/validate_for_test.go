package secrets

import (
	"context"
	"errors"
	"testing"
)

// REVALIDATE_SECRET travels in an HTTP header: printable ASCII (spaces inside included) or refused with
// its code, wherever it is stored; the other secrets take any text.
func TestValidateForHeaderValues(t *testing.T) {
	for _, v := range []string{"abc DEF 123 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "x"} {
		if err := ValidateFor(RevalidateSecret, v); err != nil {
			t.Errorf("%q refused: %v", v, err)
		}
	}
	for _, v := range []string{"سر-الموقع-1234", "abc\u200fdef", "tab\there", "caf\u00e9", "del\x7f"} {
		if err := ValidateFor(RevalidateSecret, v); !errors.Is(err, ErrNotASCII) {
			t.Errorf("%q: %v, want ErrNotASCII", v, err)
		}
		if err := ValidateFor(PusherSecret, v); err != nil && v != "tab\there" && v != "del\x7f" {
			t.Errorf("PUSHER_SECRET %q refused: %v", v, err)
		}
		m := NewMemory()
		if err := m.Set(context.Background(), "p1", RevalidateSecret, v); !errors.Is(err, ErrNotASCII) {
			t.Errorf("Memory.Set %q: %v", v, err)
		}
	}
}
