package testpeer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// SoketiApp is one Pusher app served by soketi.
type SoketiApp struct {
	ID     string
	Key    string
	Secret string
	// Disabled makes soketi refuse connections with close code 4003.
	Disabled bool
	// MaxConnections caps concurrent connections (soketi closes extra ones with 4100); 0 means no cap.
	MaxConnections int
}

// SoketiOptions configures StartSoketi.
type SoketiOptions struct {
	// Apps served; empty means one app with id "app-id", key "app-key", secret "app-secret".
	Apps []SoketiApp
}

// Soketi is a running soketi 1.6.1 bound to 127.0.0.1 only.
type Soketi struct {
	Proc *Process
	// Port serves both the WebSocket and the HTTP API.
	Port int
	// MetricsPort and ClusterPort (UDP, node discovery) are reserved too so parallel runs never collide.
	MetricsPort int
	ClusterPort int
	// Host is "127.0.0.1:<Port>", the value for a profile's custom Pusher host (with Insecure).
	Host string
	Apps []SoketiApp
	dir  string
}

// soketiReady bounds the start; soketi is up in about 2 s.
const soketiReady = 30 * time.Second

// StartSoketi starts soketi from ToolsDir()/soketi (installed by scripts/peers/soketi.sh) on free loopback
// ports. It returns *Missing when soketi or node is not installed.
func StartSoketi(ctx context.Context, opts SoketiOptions) (*Soketi, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, &Missing{What: "node", Hint: "install Node.js 20 (scripts/bootstrap.sh)"}
	}
	tools, err := ToolsDir()
	if err != nil {
		return nil, err
	}
	server := filepath.Join(tools, "soketi", "node_modules", "@soketi", "soketi", "bin", "server.js")
	if _, err := os.Stat(server); err != nil {
		return nil, &Missing{What: "soketi", Hint: "run scripts/peers/soketi.sh"}
	}
	apps := opts.Apps
	if len(apps) == 0 {
		apps = []SoketiApp{{ID: "app-id", Key: "app-key", Secret: "app-secret"}}
	}
	ports, err := distinctPorts()
	if err != nil {
		return nil, err
	}
	s := &Soketi{Port: ports[0], MetricsPort: ports[1], ClusterPort: ports[2], Host: Addr(ports[0]), Apps: apps}

	// A private working directory: soketi loads a .env from its cwd, and the config lives here.
	if s.dir, err = os.MkdirTemp("", "siyana-soketi-"); err != nil {
		return nil, err
	}
	conf, err := json.Marshal(s.config())
	if err != nil {
		s.cleanup()
		return nil, err
	}
	confPath := filepath.Join(s.dir, "config.json")
	if err := os.WriteFile(confPath, conf, 0o600); err != nil {
		s.cleanup()
		return nil, err
	}
	cmd := exec.Command(node, server, "start", "--config="+confPath)
	cmd.Dir = s.dir
	cmd.Env = soketiEnv()
	if s.Proc, err = Start("soketi", cmd); err != nil {
		s.cleanup()
		return nil, err
	}
	wctx, cancel := context.WithTimeout(ctx, soketiReady)
	defer cancel()
	if err := s.Proc.WaitTCP(wctx, s.Host); err != nil {
		s.Stop()
		return nil, err
	}
	// soketi ignores a config file it cannot parse and would then bind 0.0.0.0: never accept that.
	if strings.Contains(s.Proc.Log.String(), "error while parsing the JSON") {
		log := s.Proc.Log.String()
		s.Stop()
		return nil, fmt.Errorf("soketi rejected its config:\n%s", log)
	}
	return s, nil
}

// config is soketi's flat dotted-key configuration. Everything that listens or discovers is pinned to
// loopback: by default soketi binds 0.0.0.0 and broadcasts node discovery on the LAN.
func (s *Soketi) config() map[string]any {
	apps := make([]map[string]any, 0, len(s.Apps))
	for _, a := range s.Apps {
		limit := a.MaxConnections
		if limit <= 0 {
			limit = -1
		}
		apps = append(apps, map[string]any{
			"id": a.ID, "key": a.Key, "secret": a.Secret,
			"enabled": !a.Disabled, "maxConnections": limit,
			"enableClientMessages": false, "maxBackendEventsPerSecond": -1,
			"maxClientEventsPerSecond": -1, "maxReadRequestsPerSecond": -1, "webhooks": []any{},
		})
	}
	loop := "127.0.0.1"
	return map[string]any{
		"host":                  loop,
		"port":                  s.Port,
		"metrics.enabled":       false,
		"metrics.host":          loop,
		"metrics.port":          s.MetricsPort,
		"cluster.hostname":      loop,
		"cluster.address":       loop,
		"cluster.port":          s.ClusterPort,
		"cluster.unicast":       fmt.Sprintf("%s:%d", loop, s.ClusterPort),
		"appManager.driver":     "array",
		"appManager.array.apps": apps,
		// Tests stop soketi by signal; its default 3 s drain would only slow every test down.
		"shutdownGracePeriod": 0,
	}
}

// App returns the app with the given id (the zero value when absent).
func (s *Soketi) App(id string) SoketiApp {
	for _, a := range s.Apps {
		if a.ID == id {
			return a
		}
	}
	return SoketiApp{}
}

// Stop kills soketi and removes its working directory. Safe to call twice.
func (s *Soketi) Stop() {
	if s.Proc != nil {
		s.Proc.Stop()
	}
	s.cleanup()
}

func (s *Soketi) cleanup() {
	if s.dir != "" {
		_ = os.RemoveAll(s.dir)
	}
}

// SoketiT starts soketi for a test and stops it at cleanup; a missing install skips (fails under CI).
func SoketiT(t TB, opts SoketiOptions) *Soketi {
	t.Helper()
	return startT(t, soketiReady, func(ctx context.Context) (*Soketi, error) { return StartSoketi(ctx, opts) })
}

// soketiEnv drops SOKETI_* variables: they override the config file (e.g. SOKETI_HOST=0.0.0.0).
func soketiEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SOKETI_") {
			env = append(env, kv)
		}
	}
	return env
}

// distinctPorts reserves the WebSocket and metrics TCP ports and the discovery UDP port, all different.
func distinctPorts() ([3]int, error) {
	var p [3]int
	seen := map[int]bool{}
	for i := range p {
		for tries := 0; ; tries++ {
			var port int
			var err error
			if i == 2 {
				port, err = freePort("udp")
			} else {
				port, err = FreePort()
			}
			if err != nil {
				return p, err
			}
			if !seen[port] {
				seen[port], p[i] = true, port
				break
			}
			if tries > 20 {
				return p, errors.New("testpeer: no distinct free ports")
			}
		}
	}
	return p, nil
}
