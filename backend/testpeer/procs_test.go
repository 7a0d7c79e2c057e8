package testpeer

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
)

func TestProcessesSeesAChildInItsOwnGroup(t *testing.T) {
	cmd := exec.Command("sleep", "30")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	got := InGroups(cmd.Process.Pid)
	if len(got) != 1 || got[0].PID != cmd.Process.Pid || got[0].Name != "sleep" || got[0].PPID != os.Getpid() {
		t.Fatalf("InGroups(%d) = %+v", cmd.Process.Pid, got)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if left := InGroups(cmd.Process.Pid); len(left) != 0 {
		t.Fatalf("after kill: %+v", left)
	}
}
