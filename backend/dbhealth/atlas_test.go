package dbhealth

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"siyana/backend/check"
)

// Atlas gives no explicit signal when the IP access list blocks a client: the SRV name resolves and every
// host accepts TCP, then drops or stalls the TLS handshake. These tests make the real driver see exactly
// that, with every DNS query answered by a stub on 127.0.0.1 and every connection sent to a loopback
// listener, so nothing leaves the machine.

// zoneStub is a DNS server on 127.0.0.1 that answers SRV and TXT queries from a fixed zone, NXDOMAIN to
// anything else, and logs every question so a test can prove which names were (not) looked up.
type zoneStub struct {
	udpDNS
	srv map[string][]net.SRV // by query name, lower case, no trailing dot
	txt map[string][]string

	mu  sync.Mutex
	log []string // "TYPE name", in arrival order
}

const (
	typeA    = 1
	typeTXT  = 16
	typeAAAA = 28
	typeSRV  = 33
)

func startZoneStub(t *testing.T, srv map[string][]net.SRV, txt map[string][]string) *zoneStub {
	t.Helper()
	z := &zoneStub{srv: srv, txt: txt}
	z.udpDNS = serveDNS(t, z.answer)
	return z
}

// answer builds the reply to one query; nil drops a malformed one.
func (z *zoneStub) answer(q []byte) []byte {
	if len(q) < 12 {
		return nil
	}
	var labels []string
	end := 12
	for end < len(q) && q[end] != 0 {
		l := int(q[end])
		if l > 63 || end+1+l > len(q) {
			return nil
		}
		labels = append(labels, string(q[end+1:end+1+l]))
		end += 1 + l
	}
	end += 5 // zero label + QTYPE + QCLASS
	if end > len(q) {
		return nil
	}
	name := strings.ToLower(strings.Join(labels, "."))
	qtype := binary.BigEndian.Uint16(q[end-4:])

	z.mu.Lock()
	z.log = append(z.log, typeName(qtype)+" "+name)
	z.mu.Unlock()

	var rdatas [][]byte
	switch qtype {
	case typeSRV:
		for _, r := range z.srv[name] {
			rd := binary.BigEndian.AppendUint16(nil, r.Priority)
			rd = binary.BigEndian.AppendUint16(rd, r.Weight)
			rd = binary.BigEndian.AppendUint16(rd, r.Port)
			rdatas = append(rdatas, appendName(rd, r.Target))
		}
	case typeTXT:
		for _, s := range z.txt[name] {
			rdatas = append(rdatas, append([]byte{byte(len(s))}, s...))
		}
	}
	_, known := z.srv[name]
	if _, ok := z.txt[name]; ok {
		known = true
	}

	// Echo the header and the question only (dropping any EDNS record), then the answers.
	resp := append([]byte(nil), q[:end]...)
	resp[2] = 0x84 | (q[2] & 0x01) // QR, AA, keep RD
	resp[3] = 0x80                 // RA, NOERROR
	if !known {
		resp[3] |= rcodeNXDomain
	}
	resp[4], resp[5] = 0, 1
	binary.BigEndian.PutUint16(resp[6:], uint16(len(rdatas)))
	for i := 8; i < 12; i++ {
		resp[i] = 0
	}
	for _, rd := range rdatas {
		resp = append(resp, 0xC0, 12) // the name: a pointer to the question's
		resp = binary.BigEndian.AppendUint16(resp, qtype)
		resp = binary.BigEndian.AppendUint16(resp, 1)  // IN
		resp = binary.BigEndian.AppendUint32(resp, 60) // TTL
		resp = binary.BigEndian.AppendUint16(resp, uint16(len(rd)))
		resp = append(resp, rd...)
	}
	return resp
}

func appendName(b []byte, name string) []byte {
	for _, l := range strings.Split(strings.TrimSuffix(name, "."), ".") {
		b = append(b, byte(len(l)))
		b = append(b, l...)
	}
	return append(b, 0)
}

func typeName(t uint16) string {
	switch t {
	case typeA:
		return "A"
	case typeAAAA:
		return "AAAA"
	case typeSRV:
		return "SRV"
	case typeTXT:
		return "TXT"
	}
	return "TYPE" + strconv.Itoa(int(t))
}

func (z *zoneStub) queries() []string {
	z.mu.Lock()
	defer z.mu.Unlock()
	return append([]string(nil), z.log...)
}

// useAsDefaultResolver routes the process's default resolver to z until the test ends. The driver parses
// mongodb+srv URIs with net.LookupSRV/LookupTXT (no option chooses its resolver), and anything that resolved
// a host name through the default resolver would show up in z's log instead of reaching the network.
// Callers must not run in parallel with other tests.
func useAsDefaultResolver(t *testing.T, z *zoneStub) {
	old := net.DefaultResolver
	net.DefaultResolver = z.resolver()
	t.Cleanup(func() { net.DefaultResolver = old })
}

// handshakeMode is what a tlsBlocker does once a client has connected and sent its ClientHello.
type handshakeMode int

const (
	dropAfterHello  handshakeMode = iota // close cleanly: the client reads EOF
	resetAfterHello                      // close with RST: the client reads "connection reset"
	stallAfterHello                      // keep the connection open and never answer
)

func (m handshakeMode) String() string {
	return [...]string{"drop", "reset", "stall"}[m]
}

// tlsBlocker accepts TCP on 127.0.0.1 and fails every TLS handshake the way mode says, like Atlas's front
// end for an address that is not on the project's access list.
func tlsBlocker(t *testing.T, mode handshakeMode) string {
	t.Helper()
	return loopbackListener(t, func(c net.Conn) {
		// Read the whole ClientHello record first: closing with unread bytes would turn every drop into a reset.
		hdr := make([]byte, 5)
		if _, err := io.ReadFull(c, hdr); err != nil {
			return
		}
		if _, err := io.ReadFull(c, make([]byte, binary.BigEndian.Uint16(hdr[3:]))); err != nil {
			return
		}
		switch mode {
		case dropAfterHello:
			c.Close()
		case resetAfterHello:
			_ = c.(*net.TCPConn).SetLinger(0)
			c.Close()
		case stallAfterHello:
			_, _ = io.Copy(io.Discard, c) // until the client gives up or cleanup closes it
		}
	})
}

// mapDialer sends "host:port" to the loopback address routes gives it and refuses anything else, so an
// unexpected destination fails the check instead of leaving the machine. It records what the driver asked
// for.
type mapDialer struct {
	routes map[string]string

	mu   sync.Mutex
	seen []string
}

var errNoRoute = errors.New("test dialer: no route for this address")

func (d *mapDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	d.mu.Lock()
	d.seen = append(d.seen, addr)
	d.mu.Unlock()
	to, ok := d.routes[addr]
	if !ok {
		return nil, &net.OpError{Op: "dial", Net: network, Err: errNoRoute}
	}
	// Routes are IP literals: dialling them looks nothing up.
	var nd net.Dialer
	return nd.DialContext(ctx, network, to)
}

func (d *mapDialer) addrs() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.seen...)
}

func TestIPNotAllowedThroughTheDriver(t *testing.T) {
	// The shape of a real Atlas cluster: an SRV name, three shard hosts under its parent domain, a TXT
	// record with authSource and replicaSet. The second cluster is the same on a name that is not Atlas's.
	type cluster struct {
		name  string // SRV name in the URI
		hosts []string
		want  map[handshakeMode]string
	}
	clusters := []cluster{
		{
			name: "cluster0.abcde.mongodb.net",
			hosts: []string{"cluster0-shard-00-00.abcde.mongodb.net", "cluster0-shard-00-01.abcde.mongodb.net",
				"cluster0-shard-00-02.abcde.mongodb.net"},
			want: map[handshakeMode]string{dropAfterHello: CodeIPNotAllowed, resetAfterHello: CodeIPNotAllowed,
				stallAfterHello: CodeIPNotAllowed},
		},
		{
			name:  "cluster0.shop.example.test",
			hosts: []string{"db-0.shop.example.test", "db-1.shop.example.test", "db-2.shop.example.test"},
			want: map[handshakeMode]string{dropAfterHello: CodeTLSError, resetAfterHello: CodeTLSError,
				stallAfterHello: check.CodeTimeout},
		},
	}
	srv := map[string][]net.SRV{}
	txt := map[string][]string{}
	for _, c := range clusters {
		for _, h := range c.hosts {
			srv["_mongodb._tcp."+c.name] = append(srv["_mongodb._tcp."+c.name], net.SRV{Target: h + ".", Port: 27017})
		}
		txt[c.name] = []string{"authSource=admin&replicaSet=atlas-q1w2e3-shard-0"}
	}
	dns := startZoneStub(t, srv, txt)
	useAsDefaultResolver(t, dns)

	const timeout = 2 * time.Second
	for _, c := range clusters {
		for _, mode := range []handshakeMode{dropAfterHello, resetAfterHello, stallAfterHello} {
			t.Run(c.name+"/"+mode.String(), func(t *testing.T) {
				d := &mapDialer{routes: map[string]string{}}
				for _, h := range c.hosts {
					// One listener per host: each of them must fail on its own.
					d.routes[h+":27017"] = tlsBlocker(t, mode)
				}
				before := len(dns.queries())
				s := newService(t)
				s.Resolver = dns.resolver()
				s.Dialer = d
				uri := "mongodb+srv://" + testUser + ":" + testPassword + "@" + c.name + "/shopdb?retryWrites=true&w=majority"

				start := time.Now()
				res := s.Check(context.Background(), "p", uri, Options{Timeout: timeout})
				elapsed := time.Since(start)
				t.Logf("%s after %v: %s", res.Code, elapsed.Round(time.Millisecond), res.Message)

				assertNoSecret(t, res)
				if want := c.want[mode]; res.Code != want || res.OK || res.Hint == "" {
					t.Fatalf("got %+v, want %s", res, want)
				}
				if res.Code == CodeIPNotAllowed && !strings.Contains(res.Message, "likely") {
					t.Fatalf("a heuristic must say it is likely, not certain: %q", res.Message)
				}
				if !res.SRV || res.Host != c.name || res.DBName != "shopdb" {
					t.Fatalf("target fields: %+v", res)
				}
				if elapsed > timeout+time.Second {
					t.Fatalf("check took %v with a %v bound", elapsed, timeout)
				}

				// The driver dialled the names from the SRV record, unresolved: A/AAAA lookups never happened.
				dialled := map[string]bool{}
				for _, a := range d.addrs() {
					if _, ok := d.routes[a]; !ok {
						t.Fatalf("dialer asked for %q, not a host of the SRV record", a)
					}
					dialled[a] = true
				}
				if len(dialled) != len(c.hosts) {
					t.Fatalf("dialled %v, want every one of %v", d.addrs(), c.hosts)
				}
				// Our own bounded SRV lookup first, then the driver's SRV and TXT lookups (it parses the URI
				// more than once), all answered on loopback; never an A or AAAA query.
				got := dns.queries()[before:]
				count := map[string]int{}
				for _, q := range got {
					count[q]++
				}
				srvQ, txtQ := "SRV _mongodb._tcp."+c.name, "TXT "+c.name
				if len(got) == 0 || got[0] != srvQ || count[srvQ] < 2 || count[txtQ] < 1 || len(count) != 2 {
					t.Fatalf("DNS queries %v: want only %q (ours, then the driver's) and %q", got, srvQ, txtQ)
				}
				t.Logf("DNS queries: %v; dialled: %v", got, d.addrs())
			})
		}
	}
}
