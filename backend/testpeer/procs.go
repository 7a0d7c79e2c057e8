package testpeer

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ProcInfo is one process as /proc/<pid>/stat describes it.
type ProcInfo struct {
	PID, PPID, PGRP int
	Name            string // comm, may hold spaces
	Zombie          bool   // exited, waiting for its parent: holds no resources
}

// Processes lists every process of the machine (Linux /proc). Tests use it to prove nothing they started
// is left running; the bench uses it to find an app's WebKit helpers.
func Processes() []ProcInfo {
	entries, _ := os.ReadDir("/proc")
	out := make([]ProcInfo, 0, len(entries))
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// comm is in parentheses and may hold spaces or ')': the fields after the last ')' are
		// state, ppid, pgrp, ...
		open, closing := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
		if open < 0 || closing < open {
			continue
		}
		f := strings.Fields(string(b[closing+1:]))
		if len(f) < 3 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		pgrp, _ := strconv.Atoi(f[2])
		out = append(out, ProcInfo{PID: pid, PPID: ppid, PGRP: pgrp, Name: string(b[open+1 : closing]), Zombie: f[0] == "Z"})
	}
	return out
}

// InGroups returns the live (non-zombie) processes whose process group is one of groups.
func InGroups(groups ...int) []ProcInfo {
	want := map[int]bool{}
	for _, g := range groups {
		want[g] = true
	}
	var out []ProcInfo
	for _, p := range Processes() {
		if want[p.PGRP] && !p.Zombie {
			out = append(out, p)
		}
	}
	return out
}
