package testpeer

import (
	"bufio"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestSoketiServesOnLoopbackOnly(t *testing.T) {
	s := SoketiT(t, SoketiOptions{Apps: []SoketiApp{{ID: "1", Key: "k1", Secret: "s1"}}})
	if s.Port == s.MetricsPort || s.Port == s.ClusterPort || s.MetricsPort == s.ClusterPort {
		t.Fatalf("ports not distinct: %d %d %d", s.Port, s.MetricsPort, s.ClusterPort)
	}
	resp, err := http.Get("http://" + s.Host + "/")
	if err != nil {
		t.Fatalf("soketi HTTP API: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d, want 200", resp.StatusCode)
	}
	// Every socket soketi holds must be bound to 127.0.0.1 (its defaults are 0.0.0.0).
	socks := listening(t, s.Proc.PID())
	want := map[string]bool{
		"tcp:" + strconv.Itoa(s.Port): false, "tcp:" + strconv.Itoa(s.MetricsPort): false,
		"udp:" + strconv.Itoa(s.ClusterPort): false,
	}
	for _, so := range socks {
		if so.ip != "127.0.0.1" {
			t.Errorf("soketi listens on %s %s:%d, want loopback only", so.proto, so.ip, so.port)
		}
		want[so.proto+":"+strconv.Itoa(so.port)] = true
	}
	for k, found := range want {
		if !found {
			t.Errorf("soketi does not listen on %s (sockets: %+v)", k, socks)
		}
	}
	s.Stop()
	if !s.Proc.Exited() {
		t.Fatal("soketi still running after Stop")
	}
	if c, err := net.Dial("tcp", s.Host); err == nil {
		c.Close()
		t.Fatal("port still accepting after Stop")
	}
}

type sock struct {
	proto string
	ip    string
	port  int
}

// listening reads /proc/net/{tcp,udp} for sockets owned by pid (matched by inode via /proc/<pid>/fd).
func listening(t *testing.T, pid int) []sock {
	t.Helper()
	inodes := map[string]bool{}
	fds, err := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/fd")
	if err != nil {
		t.Fatalf("read fds: %v", err)
	}
	for _, fd := range fds {
		l, err := os.Readlink("/proc/" + strconv.Itoa(pid) + "/fd/" + fd.Name())
		if err == nil && strings.HasPrefix(l, "socket:[") {
			inodes[strings.TrimSuffix(strings.TrimPrefix(l, "socket:["), "]")] = true
		}
	}
	var out []sock
	for _, proto := range []string{"tcp", "udp", "tcp6", "udp6"} {
		f, err := os.Open("/proc/net/" + proto)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Scan() // header
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 10 || !inodes[fields[9]] {
				continue
			}
			// TCP: only listening sockets (state 0A); UDP sockets are all "listening".
			if strings.HasPrefix(proto, "tcp") && fields[3] != "0A" {
				continue
			}
			hostport := strings.Split(fields[1], ":")
			port, _ := strconv.ParseInt(hostport[1], 16, 32)
			out = append(out, sock{proto: strings.TrimSuffix(proto, "6"), ip: hexIP(hostport[0]), port: int(port)})
		}
		f.Close()
	}
	return out
}

func hexIP(h string) string {
	if len(h) != 8 {
		return "ipv6:" + h // never loopback-v4; reported as a failure by the caller
	}
	var b [4]byte
	for i := 0; i < 4; i++ {
		v, _ := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		b[3-i] = byte(v) // /proc/net stores the address little-endian
	}
	return net.IP(b[:]).String()
}
