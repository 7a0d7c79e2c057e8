package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Proc is one process of the app's tree.
type Proc struct {
	PID   int     `json:"pid"`
	Name  string  `json:"name"`
	PssKB float64 `json:"pssKB"`
}

// tree returns root and all its descendants (by parent pid) plus anything else in root's process group,
// with their PSS. PSS, not RSS: WebKit's processes share most of their libraries, and RSS would count the
// shared pages once per process.
func tree(root int) []Proc {
	type info struct {
		ppid, pgrp int
		name       string
	}
	all := map[int]info{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		open, closing := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
		if open < 0 || closing < open {
			continue
		}
		f := strings.Fields(string(b[closing+1:])) // state ppid pgrp ...
		if len(f) < 3 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		pgrp, _ := strconv.Atoi(f[2])
		all[pid] = info{ppid: ppid, pgrp: pgrp, name: string(b[open+1 : closing])}
	}
	in := map[int]bool{root: true}
	for changed := true; changed; {
		changed = false
		for pid, i := range all {
			if !in[pid] && (in[i.ppid] || i.pgrp == root) {
				in[pid], changed = true, true
			}
		}
	}
	var out []Proc
	for pid := range in {
		i, ok := all[pid]
		if !ok {
			continue
		}
		out = append(out, Proc{PID: pid, Name: i.name, PssKB: pss(pid)})
	}
	return out
}

// pss reads the Pss line of /proc/<pid>/smaps_rollup (kB).
func pss(pid int) float64 {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "smaps_rollup"))
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "Pss:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb
		}
	}
	return 0
}
