package dbhealth

import (
	"context"
	"io"
	"net"
	"sync"
	"testing"
	"time"
)

// udpDNS is what the DNS stubs share: a UDP port on 127.0.0.1 whose every datagram is answered with
// answer(query) (nil: no reply) until the test ends, so no packet leaves the machine.
type udpDNS struct{ conn net.PacketConn }

func serveDNS(t *testing.T, answer func(q []byte) []byte) udpDNS {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := make([]byte, 1500)
		for {
			n, addr, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if resp := answer(buf[:n]); resp != nil {
				_, _ = pc.WriteTo(resp, addr)
			}
		}
	}()
	t.Cleanup(func() { pc.Close(); wg.Wait() })
	return udpDNS{pc}
}

// resolver sends every lookup to the stub.
func (u udpDNS) resolver() *net.Resolver {
	addr := u.conn.LocalAddr().String()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", addr)
	}}
}

// dnsStub is a DNS server on 127.0.0.1 that answers every query with one response code, so SRV failures
// are exercised for real without any packet leaving the machine.
type dnsStub struct {
	udpDNS
	rcode byte
}

const (
	rcodeServFail = 2
	rcodeNXDomain = 3
)

func startDNSStub(t *testing.T, rcode byte) *dnsStub {
	t.Helper()
	s := &dnsStub{rcode: rcode}
	s.udpDNS = serveDNS(t, s.answer)
	return s
}

// answer echoes the header and the question only (dropping the EDNS record the client may have added) with
// the stub's response code; nil drops a malformed query.
func (s *dnsStub) answer(q []byte) []byte {
	n := len(q)
	if n < 12 {
		return nil
	}
	end := 12
	for end < n && q[end] != 0 {
		end += int(q[end]) + 1
	}
	end += 5 // zero label + QTYPE + QCLASS
	if end > n {
		return nil
	}
	resp := append([]byte(nil), q[:end]...)
	resp[2] = 0x80 | (q[2] & 0x01) // QR, keep RD
	resp[3] = 0x80 | s.rcode       // RA + rcode
	resp[4], resp[5] = 0, 1        // QDCOUNT
	for i := 6; i < 12; i++ {      // no answer, authority or additional records
		resp[i] = 0
	}
	return resp
}

// silentListener accepts TCP connections and never answers, like a firewall that lets SYNs through to a
// wedged process.
func silentListener(t *testing.T) string {
	t.Helper()
	return loopbackListener(t, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) })
}

// loopbackListener accepts TCP on 127.0.0.1 and runs handle for each connection on its own goroutine; at
// cleanup it closes the listener and every connection and waits for the handlers.
func loopbackListener(t *testing.T, handle func(net.Conn)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		conns []net.Conn
		wg    sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				handle(c)
			}()
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return l.Addr().String()
}

// waitFor polls cond for up to d; background disconnects finish shortly after a check returns.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return cond()
}
