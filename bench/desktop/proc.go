package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"siyana/backend/testpeer"
)

// Proc is one process of the app's tree.
type Proc struct {
	PID  int    `json:"pid"`
	Name string `json:"name"`
	// PssKB is the PSS the process would have if the app ran alone on the machine (see treePSS), or the
	// kernel's PSS when page frames cannot be read (SystemPssKB == PssKB then).
	PssKB float64 `json:"pssKB"`
	// SystemPssKB is the kernel's PSS, which also depends on what else on the machine maps the same files.
	SystemPssKB float64 `json:"systemPssKB"`
	// AnonKB is the anonymous + shared-memory part of PssKB (heaps, JS, DOM, layers): what the app's own work
	// allocates. The rest is file pages (libraries, the binary, fonts), whose PSS also shrinks whenever some
	// unrelated process on the machine maps the same WebKit libraries, so it swings between runs by tens of MiB.
	AnonKB float64 `json:"anonKB"`
}

// tree returns root and all its descendants (by parent pid) plus anything else in root's process group.
func tree(root int) []Proc {
	all := map[int]testpeer.ProcInfo{}
	for _, p := range testpeer.Processes() {
		all[p.PID] = p
	}
	in := map[int]bool{root: true}
	for changed := true; changed; {
		changed = false
		for pid, p := range all {
			if !in[pid] && (in[p.PPID] || p.PGRP == root) {
				in[pid], changed = true, true
			}
		}
	}
	var out []Proc
	for pid := range in {
		if p, ok := all[pid]; ok {
			out = append(out, Proc{PID: pid, Name: p.Name})
		}
	}
	return out
}

// readMemory fills in the PSS of the app's processes. PSS, not RSS: WebKit's processes share most of their
// libraries, and RSS would count the shared pages once per process. alone reports whether PssKB is the
// app-alone PSS (treePSS) rather than the kernel's.
func readMemory(procs []Proc) (alone bool) {
	pids := make([]int, len(procs))
	for i := range procs {
		pids[i] = procs[i].PID
		procs[i].SystemPssKB, procs[i].AnonKB = pss(procs[i].PID)
		procs[i].PssKB = procs[i].SystemPssKB
	}
	own, alone := treePSS(pids)
	if alone {
		for i := range procs {
			procs[i].PssKB = own[procs[i].PID]
		}
	}
	return alone
}

// pss reads the Pss line and the Pss_Anon + Pss_Shmem lines of /proc/<pid>/smaps_rollup (kB).
func pss(pid int) (total, anon float64) {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "smaps_rollup"))
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		key, v, ok := strings.Cut(s.Text(), ":")
		if !ok {
			continue
		}
		kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
		switch key {
		case "Pss":
			total = kb
		case "Pss_Anon", "Pss_Shmem":
			anon += kb
		}
	}
	return total, anon
}
