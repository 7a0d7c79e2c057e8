package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rssKB reads the Rss line of /proc/<pid>/smaps_rollup.
func rssKB(t *testing.T, pid int) float64 {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "smaps_rollup"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "Rss:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb
		}
	}
	t.Fatalf("no Rss line for pid %d", pid)
	return 0
}

// Two parked copies of this test binary share their file pages with each other and with this process.
// App-alone PSS splits those pages between the two copies only: the pair sums to at least the kernel's PSS
// (which also hands this process a share) and to less than their RSS (which counts shared pages twice).
func TestTreePSSSplitsFilePagesOnlyWithinTheTree(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("page frames are only visible to root")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for i := 0; i < 2; i++ {
		cmd := exec.Command(exe, "-test.run", "^TestHelperPark$")
		cmd.Env = append(os.Environ(), "PSS_HELPER=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
		pids = append(pids, cmd.Process.Pid)
	}
	time.Sleep(500 * time.Millisecond) // let both reach the park
	own, ok := treePSS(pids)
	if !ok {
		t.Fatal("page frames unreadable as root")
	}
	var sumOwn, sumRss, sumKernel float64
	for _, pid := range pids {
		k, _ := pss(pid)
		sumOwn, sumRss, sumKernel = sumOwn+own[pid], sumRss+rssKB(t, pid), sumKernel+k
	}
	t.Logf("app-alone %.0f kB, kernel PSS %.0f kB, RSS %.0f kB", sumOwn, sumKernel, sumRss)
	if sumOwn < sumKernel || sumOwn > sumRss-256 {
		t.Fatalf("app-alone PSS %.0f kB: want ≥ the kernel's PSS %.0f kB and below the summed RSS %.0f kB", sumOwn, sumKernel, sumRss)
	}
}

func TestHelperPark(t *testing.T) {
	if os.Getenv("PSS_HELPER") != "1" {
		t.Skip("helper process for TestTreePSSSplitsFilePagesOnlyWithinTheTree")
	}
	time.Sleep(time.Minute)
}
