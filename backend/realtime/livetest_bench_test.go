package realtime

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// BenchmarkLiveTestVsRaw interleaves, on the same soketi, one LiveTest and one minimal raw round trip (a
// hand-signed POST on a kept-alive HTTP connection, received on an already subscribed socket) per
// iteration, and reports medians and ratios. Target: latency-over-raw-ms <= 1 (the reported latency is the
// real round trip, not inflated by the check's own machinery).
func BenchmarkLiveTestVsRaw(b *testing.B) {
	sk := soketi(b, soketiApps[0])
	cfg := soketiConfig(sk, "101")
	s := New()
	b.Cleanup(s.Close)
	raw := newRawLoop(b, cfg)
	defer raw.close()
	for i := 0; i < 20; i++ { // warm both paths (JIT in soketi, keep-alive connections)
		raw.roundTrip(b)
		s.LiveTest(context.Background(), cfg)
	}

	var rawRTT, latency, total []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rawRTT = append(rawRTT, ms(raw.roundTrip(b)))
		r := s.LiveTest(context.Background(), cfg)
		if !r.OK {
			b.Fatalf("live test: %s %s", r.Code, r.ServerMessage)
		}
		latency = append(latency, r.LatencyMs)
		total = append(total, r.DurationMs)
	}
	b.StopTimer()
	pr, pl, pt := median(rawRTT), median(latency), median(total)
	b.ReportMetric(pt*1e6, "ns/op") // one LiveTest, the number that matters to the UI
	b.ReportMetric(pr, "raw-rtt-ms")
	b.ReportMetric(pl, "latency-ms")
	b.ReportMetric(pt, "livetest-total-ms")
	b.ReportMetric(pl-pr, "latency-over-raw-ms")
	b.ReportMetric(pl/pr, "latency/raw")
	b.ReportMetric(pt/pr, "total/raw")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func median(v []float64) float64 {
	c := append([]float64(nil), v...)
	sort.Float64s(c)
	return c[len(c)/2]
}

// rawLoop is the baseline: no library, no per-check connection, just sign, POST and read.
type rawLoop struct {
	cfg    Config
	conn   *websocket.Conn
	client *http.Client
}

func newRawLoop(b *testing.B, cfg Config) *rawLoop {
	c, _, err := websocket.DefaultDialer.Dial(cfg.webSocketURL(), nil)
	if err != nil {
		b.Fatal(err)
	}
	l := &rawLoop{cfg: cfg, conn: c, client: &http.Client{Transport: &http.Transport{}}}
	l.readUntil(b, func(m wsMessage) bool { return m.Event == "pusher:connection_established" })
	if err := c.WriteJSON(map[string]any{"event": "pusher:subscribe", "data": map[string]string{"channel": HealthChannel}}); err != nil {
		b.Fatal(err)
	}
	l.readUntil(b, func(m wsMessage) bool { return m.Event == "pusher_internal:subscription_succeeded" })
	return l
}

func (l *rawLoop) close() {
	l.conn.Close()
	l.client.CloseIdleConnections()
}

func (l *rawLoop) readUntil(b *testing.B, want func(wsMessage) bool) time.Time {
	_ = l.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		var m wsMessage
		if err := l.conn.ReadJSON(&m); err != nil {
			b.Fatal(err)
		}
		if m.Event == "pusher:ping" {
			_ = l.conn.WriteJSON(map[string]any{"event": "pusher:pong", "data": map[string]any{}})
			continue
		}
		if want(m) {
			return time.Now()
		}
	}
}

// roundTrip triggers one event and returns the time until it was read; the POST runs concurrently because
// soketi delivers before it answers.
func (l *rawLoop) roundTrip(b *testing.B) time.Duration {
	nonce := newNonce()
	data, _ := json.Marshal(healthPing{TS: time.Now().UnixMilli(), Nonce: nonce})
	body, _ := json.Marshal(map[string]any{"name": HealthEvent, "channels": []string{HealthChannel}, "data": string(data)})
	sum := md5.Sum(body)
	path := "/apps/" + l.cfg.AppID + "/events"
	query := "auth_key=" + l.cfg.Key + "&auth_timestamp=" + strconv.FormatInt(time.Now().Unix(), 10) +
		"&auth_version=1.0&body_md5=" + hex.EncodeToString(sum[:])
	mac := hmac.New(sha256.New, []byte(l.cfg.Secret))
	mac.Write([]byte("POST\n" + path + "\n" + query))
	url := fmt.Sprintf("http://%s%s?%s&auth_signature=%s", l.cfg.Host, path, query, hex.EncodeToString(mac.Sum(nil)))

	errc := make(chan error, 1)
	start := time.Now()
	go func() {
		resp, err := l.client.Post(url, "application/json", bytes.NewReader(body))
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		errc <- err
	}()
	got := l.readUntil(b, func(m wsMessage) bool {
		var p healthPing
		return m.Event == HealthEvent && decodeData(m.Data, &p) == nil && p.Nonce == nonce
	})
	if err := <-errc; err != nil {
		b.Fatal(err)
	}
	return got.Sub(start)
}
