package testpeer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// NextSiteOptions configures one fixture Next.js site.
type NextSiteOptions struct {
	// Secret becomes REVALIDATE_SECRET. Empty starts the site without one, so the route answers 500
	// NOT_CONFIGURED (that case is part of the contract and needs a real server to test).
	Secret string
	// DataFile is the JSON file {tag: value} the pages read through unstable_cache. Empty: a file in the
	// instance directory seeded with DefaultNextSiteData.
	DataFile string
	// Env adds variables to the server's environment, e.g. REVALIDATE_RATE_BURST for a small token bucket.
	Env map[string]string
}

// NextSite is a running fixture site (integrations/nextjs/fixture) serving the shipped revalidate route.
type NextSite struct {
	URL      string // http://127.0.0.1:PORT, no trailing slash
	Secret   string
	DataFile string
	Proc     *Process

	dir string
	env map[string]string
	mu  sync.Mutex
}

// NextSiteTags are the cache tags the fixture pages read, as on the real site.
var NextSiteTags = []string{"products", "company", "categories", "promotions"}

// NextSitePages are the prerendered pages of the fixture, as on the real site.
var NextSitePages = []string{"/", "/dashboard", "/dashboard/management-dashboard"}

// DefaultNextSiteData is what the build prerendered (kept equal to the defaults in fixture/lib/data.ts), so a
// fresh instance with the default data file serves pages that agree with its data.
func DefaultNextSiteData() map[string]string {
	return map[string]string{
		"products":   "products-v0",
		"company":    "company-v0",
		"categories": "categories-v0",
		"promotions": "promotions-v0",
	}
}

// NextSiteBuildDir is the standalone build made by scripts/peers/nextjs.sh, or *Missing.
// $SIYANA_NEXTSITE_DIR overrides it, e.g. with .tools/nextjs15/site to run the same tests on Next 15.
func NextSiteBuildDir() (string, error) {
	dir := os.Getenv("SIYANA_NEXTSITE_DIR")
	if dir == "" {
		tools, err := ToolsDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(tools, "nextjs", "site")
	}
	if _, err := os.Stat(filepath.Join(dir, "server.js")); err != nil {
		return "", &Missing{What: "the fixture Next.js site", Hint: "run scripts/peers/nextjs.sh"}
	}
	if _, err := exec.LookPath("node"); err != nil {
		return "", &Missing{What: "node", Hint: "run scripts/bootstrap.sh test"}
	}
	return dir, nil
}

// StartNextSite copies the built site into its own directory (its ISR and data cache live under .next, so
// two instances from one build must not share it), starts it on a free loopback port and waits until
// GET /api/revalidate answers 405. ctx bounds the start only; Stop ends the process.
func StartNextSite(ctx context.Context, opts NextSiteOptions) (*NextSite, error) {
	build, err := NextSiteBuildDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "siyana-nextsite-*")
	if err != nil {
		return nil, err
	}
	s := &NextSite{Secret: opts.Secret, DataFile: opts.DataFile, env: opts.Env, dir: dir}
	if err := s.start(ctx, build); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *NextSite) start(ctx context.Context, build string) error {
	if err := copyTree(filepath.Join(build, ".next"), filepath.Join(s.dir, ".next")); err != nil {
		return fmt.Errorf("copy next build: %w", err)
	}
	for _, f := range []string{"server.js", "package.json"} {
		if err := copyFile(filepath.Join(build, f), filepath.Join(s.dir, f)); err != nil {
			return err
		}
	}
	// node_modules is only read, so instances share it.
	if err := os.Symlink(filepath.Join(build, "node_modules"), filepath.Join(s.dir, "node_modules")); err != nil {
		return err
	}
	if s.DataFile == "" {
		s.DataFile = filepath.Join(s.dir, "data.json")
		if err := s.SetData(DefaultNextSiteData()); err != nil {
			return err
		}
	}

	port, err := FreePort()
	if err != nil {
		return err
	}
	cmd := exec.Command("node", "server.js")
	cmd.Dir = s.dir
	cmd.Env = append(cleanEnv(os.Environ()),
		"NODE_ENV=production",
		"NEXT_TELEMETRY_DISABLED=1",
		"HOSTNAME=127.0.0.1",
		"PORT="+strconv.Itoa(port),
		"FIXTURE_DATA_FILE="+s.DataFile,
	)
	if s.Secret != "" {
		cmd.Env = append(cmd.Env, "REVALIDATE_SECRET="+s.Secret)
	}
	for k, v := range s.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	if s.Proc, err = Start("nextsite", cmd); err != nil {
		return err
	}
	s.URL = "http://" + Addr(port)

	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
	}
	return s.waitReady(ctx)
}

// cleanEnv drops variables that would change what the site does, so the caller's shell (which may hold a
// real REVALIDATE_SECRET, a rate limit or a PORT) cannot leak into a test.
func cleanEnv(env []string) []string {
	drop := []string{"REVALIDATE_SECRET=", "REVALIDATE_RATE_", "FIXTURE_DATA_FILE=", "HOSTNAME=", "PORT=", "NODE_OPTIONS=", "NODE_ENV=", "__NEXT"}
	out := make([]string, 0, len(env))
next:
	for _, kv := range env {
		for _, d := range drop {
			if strings.HasPrefix(kv, d) {
				continue next
			}
		}
		out = append(out, kv)
	}
	return out
}

func (s *NextSite) waitReady(ctx context.Context) error {
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/api/revalidate", nil)
		if err != nil {
			return err
		}
		if resp, err := client.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusMethodNotAllowed {
				return nil
			}
		}
		select {
		case <-s.Proc.done:
			return fmt.Errorf("nextsite exited before it was ready: %v\n%s", s.Proc.waitErr, s.Proc.Log.String())
		case <-ctx.Done():
			return fmt.Errorf("nextsite not ready at %s: %w\n%s", s.URL, ctx.Err(), s.Proc.Log.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// SetData merges values into the data file. The file is replaced by rename, so a render never reads a
// half-written file. The pages keep showing the old values until their tag or path is revalidated.
func (s *NextSite) SetData(values map[string]string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	data := map[string]string{}
	if raw, err := os.ReadFile(s.DataFile); err == nil {
		if err := json.Unmarshal(raw, &data); err != nil {
			return fmt.Errorf("nextsite data file %s: %w", s.DataFile, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	maps.Copy(data, values)
	raw, err := json.MarshalIndent(data, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.DataFile), ".data-*.json")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(raw); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), s.DataFile)
}

// Stop ends the server and removes its directory (and with it the default data file). Safe to call twice.
func (s *NextSite) Stop() { stopAndRemove(s.Proc, s.dir) }

// NextSiteT starts a fixture site for a test and stops it at cleanup; a missing build skips (fails under CI).
func NextSiteT(t TB, opts NextSiteOptions) *NextSite {
	t.Helper()
	return startT(t, 60*time.Second, func(ctx context.Context) (*NextSite, error) { return StartNextSite(ctx, opts) })
}

// NextVersion is the version of Next.js in the build the site runs (from its node_modules/next/package.json).
func NextVersion() (string, error) {
	build, err := NextSiteBuildDir()
	if err != nil {
		return "", err
	}
	raw, err := os.ReadFile(filepath.Join(build, "node_modules", "next", "package.json"))
	if err != nil {
		return "", err
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(raw, &pkg); err != nil {
		return "", err
	}
	return pkg.Version, nil
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		default:
			return copyFile(path, target)
		}
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, info.Mode().Perm()|0o200)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
