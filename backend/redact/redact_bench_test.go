package redact

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// BenchmarkScrubLogLine: one check result logged as a JSON string, with 10 profiles' secrets known (50
// values, a URL among each profile's) — the cost the log handler pays per record.
func BenchmarkScrubLogLine(b *testing.B) {
	r := NewRegistry()
	for p := range 10 {
		id := fmt.Sprintf("profile-%d", p)
		r.Add(id, "DATABASE_URL", fmt.Sprintf("mongodb+srv://user%d:pa$$w0rd-%d@cluster%d.example.net/shop", p, p, p))
		r.Add(id, "PUSHER_SECRET", fmt.Sprintf("%020x", p+1))
		r.Add(id, "ATLAS_PUBLIC_KEY", fmt.Sprintf("pubkey%02d", p))
		r.Add(id, "ATLAS_PRIVATE_KEY", fmt.Sprintf("0000%04d-1111-2222-3333-444455556666", p))
		r.Add(id, "REVALIDATE_SECRET", strings.Repeat(fmt.Sprint(p), 40))
	}
	res, _ := json.Marshal(map[string]any{"ok": false, "code": "SITE_ERROR", "message": strings.Repeat("خطأ في الموقع أثناء التحديث ", 20),
		"items": []string{"/dashboard", "/products?page=2", "tag-a"}, "detail": `dial tcp 127.0.0.1:3000: connection refused \u003c`})
	line := string(res)
	sc := r.Scrubber()
	b.SetBytes(int64(len(line)))
	b.ResetTimer()
	for range b.N {
		_ = sc.Scrub(line)
	}
}
