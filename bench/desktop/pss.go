package main

import (
	"bufio"
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The kernel's PSS divides each file page (WebKit's and GTK's libraries, mostly) among EVERY process on the
// machine that maps it. On a shared machine some other WebKit app comes and goes (another test run's
// WebKitWebProcess), so the same idle app read 160 MiB in one run and 230 MiB in the next: the figure
// measured the neighbours, not the app. treePSS divides file pages only among the processes of the measured
// app, i.e. it is the PSS the app would have on a machine where it runs alone. Anonymous and shared memory
// are taken from the kernel's own PSS (no outside process shares them, bar the X server's MIT-SHM segments,
// which hit both apps alike).

const pageKB = 4

// fileRange is one file-backed mapping of one process.
type fileRange struct{ start, end uint64 }

// treePSS returns, per pid, anon+shmem PSS plus its file pages divided among the pids that map them.
// ok is false when the PFNs cannot be read (pagemap hides them without CAP_SYS_ADMIN): the caller then keeps
// the kernel's PSS.
func treePSS(pids []int) (map[int]float64, bool) {
	frames := map[int][]uint64{} // pid → resident file page frames
	count := map[uint64]int{}    // frame → how many pids of the tree map it
	for _, pid := range pids {
		seen := map[uint64]bool{}
		for _, pfn := range fileFrames(pid) {
			if pfn == 0 {
				return nil, false
			}
			if !seen[pfn] { // the same page mapped twice by one process counts once for it
				seen[pfn] = true
				frames[pid] = append(frames[pid], pfn)
				count[pfn]++
			}
		}
	}
	out := map[int]float64{}
	for _, pid := range pids {
		_, anon := pss(pid)
		kb := anon
		for _, pfn := range frames[pid] {
			kb += pageKB / float64(count[pfn])
		}
		out[pid] = kb
	}
	return out, true
}

// fileFrames lists the page frames of the resident file pages in pid's file mappings (libraries, the binary,
// fonts, data files), skipping memfd/SysV/device mappings, which are shared memory, not files.
func fileFrames(pid int) []uint64 {
	var ranges []fileRange
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "maps"))
	if err != nil {
		return nil
	}
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text()) // start-end perms offset dev inode path
		if len(fields) < 6 {
			continue
		}
		path := fields[5]
		if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "/memfd:") || strings.HasPrefix(path, "/SYSV") ||
			strings.HasPrefix(path, "/dev/") {
			continue
		}
		lo, hi, _ := strings.Cut(fields[0], "-")
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 == nil && err2 == nil && end > start {
			ranges = append(ranges, fileRange{start, end})
		}
	}
	f.Close()

	pm, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "pagemap"))
	if err != nil {
		return nil
	}
	defer pm.Close()
	var out []uint64
	var buf []byte
	for _, r := range ranges {
		n := int((r.end - r.start) / 4096)
		if cap(buf) < 8*n {
			buf = make([]byte, 8*n)
		}
		b := buf[:8*n]
		if _, err := pm.ReadAt(b, int64(r.start/4096*8)); err != nil {
			continue
		}
		for i := 0; i < n; i++ {
			e := binary.LittleEndian.Uint64(b[8*i:])
			// bit 63: present; bit 61: file page (an anonymous copy-on-write page of a private file mapping,
			// e.g. relocated data, is already in the anon PSS).
			if e&(1<<63) == 0 || e&(1<<61) == 0 {
				continue
			}
			out = append(out, e&(1<<55-1))
		}
	}
	return out
}
