// Command desktop measures, for each given app binary in the same Xvfb session, the time from launch to
// first paint and the idle memory (PSS) of the app and every process it started (WebKitWebProcess,
// WebKitNetworkProcess, ...). scripts/bench.sh runs it under xvfb-run with `-fbdir`, so a frame is read
// straight from Xvfb's framebuffer file (a few ms) instead of a screenshot tool (100+ ms, which would make the
// tool's own cost the resolution of the measurement). Runs alternate between the binaries so drift on a
// busy machine hits both alike; medians are reported.
//
//	desktop -fb /tmp/fb/Xvfb_screen0 -runs 5 -idle 5s -out desktop.json siyana=build/bin/siyana hello=build/bin/siyana-hello
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"siyana/internal/desktop"
)

var snapDir string

// appAlone stays true while every reading could use the app-alone PSS (see treePSS).
var appAlone = true

// Result is one binary's measurements; the report reads it.
type Result struct {
	Name    string    `json:"name"`
	Binary  string    `json:"binary"`
	PaintMs []float64 `json:"paintMs"` // launch → first frame with rendered content, per run
	PssKB   []float64 `json:"pssKB"`   // summed PSS after the idle wait, per run
	AnonKB  []float64 `json:"anonKB"`  // its anonymous + shmem part, per run (see Proc.AnonKB)
	// Processes of the last run with their PSS, so the report can say where the memory is.
	Processes  []Proc  `json:"processes"`
	MedianMs   float64 `json:"medianPaintMs"`
	MinMs      float64 `json:"minPaintMs"` // load on a shared machine only ever adds: the minimum is the least noisy
	MedianPssK float64 `json:"medianPssKB"`
	MedianAnon float64 `json:"medianAnonKB"`
}

// Output is the file written with -out.
type Output struct {
	Idle    string `json:"idle"`
	Runs    int    `json:"runs"`
	Display string `json:"display"`
	// PSS says how pssKB was counted: "app-alone" (file pages divided among the app's own processes only,
	// see treePSS) or "kernel" (/proc PSS, when page frames are not readable: run as root for app-alone).
	PSS     string   `json:"pss"`
	Results []Result `json:"results"`
}

func main() {
	fb := flag.String("fb", "", "Xvfb framebuffer file (xvfb-run -s '-fbdir DIR' → DIR/Xvfb_screen0)")
	runs := flag.Int("runs", 7, "launches per binary")
	idle := flag.Duration("idle", 5*time.Second, "wait after first paint before reading memory")
	out := flag.String("out", "", "JSON output file (default stdout)")
	flag.StringVar(&snapDir, "snap", "", "write each binary's first-paint frame as <dir>/<name>-paint.png")
	tuned := flag.String("tuned", "", "names (comma-separated) launched with Siyana's webview tuning in their environment (desktop.WebviewTuning)")
	flag.Parse()
	if *fb == "" || flag.NArg() == 0 || os.Getenv("DISPLAY") == "" {
		fmt.Fprintln(os.Stderr, "usage (under xvfb-run -s '-fbdir DIR'): desktop -fb DIR/Xvfb_screen0 name=binary...")
		os.Exit(2)
	}
	var results []*Result
	for _, arg := range flag.Args() {
		name, bin, ok := strings.Cut(arg, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "desktop: %q is not name=binary\n", arg)
			os.Exit(2)
		}
		results = append(results, &Result{Name: name, Binary: bin})
	}
	tunedEnv := map[string][]string{}
	for _, name := range strings.FieldsFunc(*tuned, func(r rune) bool { return r == ',' }) {
		if !slices.ContainsFunc(results, func(r *Result) bool { return r.Name == name }) {
			fmt.Fprintf(os.Stderr, "desktop: -tuned %q names no binary\n", name)
			os.Exit(2)
		}
		for _, v := range desktop.WebviewTuning {
			tunedEnv[name] = append(tunedEnv[name], v.Name+"="+v.Value)
		}
	}
	for i := 0; i < *runs; i++ {
		for j := range results {
			r := results[(i+j)%len(results)] // alternate who goes first
			paint, procs, err := measure(r.Name, r.Binary, tunedEnv[r.Name], *fb, *idle)
			if err != nil {
				fmt.Fprintf(os.Stderr, "desktop: %s run %d: %v\n", r.Name, i+1, err)
				os.Exit(1)
			}
			var pss, anon float64
			var each []string
			for _, p := range procs {
				pss, anon = pss+p.PssKB, anon+p.AnonKB
				each = append(each, fmt.Sprintf("%s %.1f (kernel %.1f, anon %.1f)", p.Name, p.PssKB/1024, p.SystemPssKB/1024, p.AnonKB/1024))
			}
			fmt.Fprintf(os.Stderr, "desktop: %-8s run %d: first paint %6.0f ms, PSS %6.1f MiB (anon %6.1f): %s\n",
				r.Name, i+1, ms(paint), pss/1024, anon/1024, strings.Join(each, ", "))
			r.PaintMs = append(r.PaintMs, ms(paint))
			r.PssKB = append(r.PssKB, pss)
			r.AnonKB = append(r.AnonKB, anon)
			r.Processes = procs
		}
	}
	o := Output{Idle: idle.String(), Runs: *runs, Display: os.Getenv("DISPLAY"), PSS: "kernel"}
	if appAlone {
		o.PSS = "app-alone"
	}
	for _, r := range results {
		r.MedianMs, r.MedianPssK, r.MedianAnon = median(r.PaintMs), median(r.PssKB), median(r.AnonKB)
		r.MinMs = slices.Min(r.PaintMs)
		o.Results = append(o.Results, *r)
	}
	b, _ := json.MarshalIndent(o, "", "  ")
	if *out == "" {
		os.Stdout.Write(append(b, '\n'))
		return
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "desktop:", err)
		os.Exit(1)
	}
}

// measure launches bin with an empty config dir (and env added), waits for first paint, idles, reads the
// memory of its processes, and stops it.
func measure(name, bin string, env []string, fb string, idle time.Duration) (time.Duration, []Proc, error) {
	cfg, err := os.MkdirTemp("", "siyana-bench-cfg-")
	if err != nil {
		return 0, nil, err
	}
	defer os.RemoveAll(cfg)

	frame := &frameReader{path: fb}
	if n, err := frame.colours(); err != nil {
		return 0, nil, err
	} else if n >= paintColours {
		return 0, nil, errors.New("the screen is not blank before launch (a previous window is still up?)")
	}
	cmd := exec.Command(bin)
	// XDG_CONFIG_HOME too: Wails' notification service creates <config dir>/<binary name> at start.
	cmd.Env = append(append(os.Environ(), "SIYANA_CONFIG_DIR="+cfg, "XDG_CONFIG_HOME="+filepath.Join(cfg, "xdg")), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	log := &tail{}
	cmd.Stdout, cmd.Stderr = log, log
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, nil, err
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	defer stop(cmd.Process.Pid, done)

	var paint time.Duration
	for {
		n, err := frame.colours()
		if err != nil {
			return 0, nil, err
		}
		if n >= paintColours {
			paint = time.Since(start)
			if snapDir != "" {
				_ = frame.savePNG(filepath.Join(snapDir, name+"-paint.png"))
			}
			break
		}
		select {
		case <-done:
			return 0, nil, fmt.Errorf("exited before first paint:\n%s", log)
		case <-time.After(2 * time.Millisecond):
		}
		if time.Since(start) > 60*time.Second {
			return 0, nil, fmt.Errorf("no paint within 60 s:\n%s", log)
		}
	}
	select {
	case <-done:
		return 0, nil, fmt.Errorf("exited while idle:\n%s", log)
	case <-time.After(idle):
	}
	procs := tree(cmd.Process.Pid)
	appAlone = readMemory(procs) && appAlone
	sort.Slice(procs, func(i, j int) bool { return procs[i].PssKB > procs[j].PssKB })
	return paint, procs, nil
}

// stop ends the app's process group and any descendant that left it, then waits for the leader.
func stop(pid int, done chan struct{}) {
	others := tree(pid)
	_ = syscall.Kill(-pid, syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
	_ = syscall.Kill(-pid, syscall.SIGKILL)
	for _, p := range others {
		_ = syscall.Kill(p.PID, syscall.SIGKILL)
	}
	<-done
	// Let the window disappear so the next launch starts from a blank screen.
	time.Sleep(300 * time.Millisecond)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	c := append([]float64(nil), v...)
	sort.Float64s(c)
	if len(c)%2 == 1 {
		return c[len(c)/2]
	}
	return (c[len(c)/2-1] + c[len(c)/2]) / 2
}

// tail keeps the last 8 KiB of the app's output for error messages.
type tail struct{ b []byte }

func (t *tail) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 8<<10 {
		t.b = t.b[len(t.b)-8<<10:]
	}
	return len(p), nil
}
func (t *tail) String() string { return string(t.b) }
