package dbhealth

import (
	"context"
	"io"
	"net"
	"sync"
	"testing"
	"time"
)

// dnsStub is a DNS server on 127.0.0.1 that answers every query with one response code, so SRV failures
// are exercised for real without any packet leaving the machine.
type dnsStub struct {
	conn  net.PacketConn
	rcode byte
	wg    sync.WaitGroup
}

const (
	rcodeServFail = 2
	rcodeNXDomain = 3
)

func startDNSStub(t *testing.T, rcode byte) *dnsStub {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &dnsStub{conn: pc, rcode: rcode}
	s.wg.Add(1)
	go s.serve()
	t.Cleanup(func() { pc.Close(); s.wg.Wait() })
	return s
}

func (s *dnsStub) serve() {
	defer s.wg.Done()
	buf := make([]byte, 1500)
	for {
		n, addr, err := s.conn.ReadFrom(buf)
		if err != nil {
			return
		}
		q := buf[:n]
		if n < 12 {
			continue
		}
		// Echo the header and the question only: drop the EDNS record the client may have added.
		end := 12
		for end < n && q[end] != 0 {
			end += int(q[end]) + 1
		}
		end += 5 // zero label + QTYPE + QCLASS
		if end > n {
			continue
		}
		resp := append([]byte(nil), q[:end]...)
		resp[2] = 0x80 | (q[2] & 0x01) // QR, keep RD
		resp[3] = 0x80 | s.rcode       // RA + rcode
		resp[4], resp[5] = 0, 1        // QDCOUNT
		for i := 6; i < 12; i++ {      // no answer, authority or additional records
			resp[i] = 0
		}
		_, _ = s.conn.WriteTo(resp, addr)
	}
}

// resolver sends every lookup to the stub.
func (s *dnsStub) resolver() *net.Resolver {
	addr := s.conn.LocalAddr().String()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", addr)
	}}
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

// closedPort returns a loopback address where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
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
