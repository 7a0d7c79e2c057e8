package revalidate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"siyana/backend/atomicfile"
	"siyana/backend/redact"
)

// LogFile is the operation log's name under the config dir.
const LogFile = "revalidate-log.jsonl"

// Default bounds of the operation log. Compaction keeps three quarters of them, so it happens once every
// ~125 runs rather than on every append.
const (
	DefaultLogMaxEntries = 500
	DefaultLogMaxBytes   = 512 << 10
	maxLogLine           = 64 << 10 // one entry; longer item lists are cut (the counts stay)
)

// LogEntry is one run in the operation log. It never holds the secret nor any header.
type LogEntry struct {
	Time        time.Time        `json:"ts" ts_type:"string"`
	RunID       string           `json:"runId"`
	ProfileID   string           `json:"profileId"`
	Actor       string           `json:"actor"`
	Kind        string           `json:"kind"`
	Mode        string           `json:"mode"`
	Tags        []string         `json:"tags"`
	Paths       []PathSpec       `json:"paths"`
	ItemCount   int              `json:"itemCount"`           // tags + paths, even when the lists were cut
	Outcome     string           `json:"result"`              // ok | partial | failed | canceled
	Code        string           `json:"code"`                // the run's code
	DurationMs  float64          `json:"durationMs"`          // whole run, verification included
	Errors      []ItemResult     `json:"errors"`              // items not done, with the reason (no per-instance detail)
	Instances   []InstanceResult `json:"instances"`           // per site URL
	Verify      []VerifyResult   `json:"verify,omitempty"`    // when verification ran
	NextVersion string           `json:"nextVersion"`         // as the route reported
	RetryOf     string           `json:"retryOf,omitempty"`   // run whose failed items this one retried
	Truncated   bool             `json:"truncated,omitempty"` // lists were cut to keep the entry under 64 KiB
}

// History is the answer of Last.
type History struct {
	OK           bool       `json:"ok"`
	Code         string     `json:"code"`
	Message      string     `json:"message"`          // English detail for logs
	Reason       string     `json:"reason,omitempty"` // revalidate.why.<reason>: logUnreadable, logLinesSkipped
	Entries      []LogEntry `json:"entries"`          // newest first
	SkippedLines int        `json:"skippedLines"`     // lines that could not be read (corrupt or cut), skipped
	CheckedAt    time.Time  `json:"checkedAt" ts_type:"string"`
	DurationMs   float64    `json:"durationMs"`
}

// opLog is the JSON-lines file. One mutex serialises this process; the app runs once per user.
type opLog struct {
	path       string
	maxEntries int
	maxBytes   int64
	redact     *redact.Registry // every entry is scrubbed before it is written, and again when read

	mu    sync.Mutex
	lines int // lines in the file, -1 until counted
}

func newOpLog(dir string, maxEntries int, maxBytes int64, r *redact.Registry) *opLog {
	return &opLog{path: filepath.Join(dir, LogFile), maxEntries: maxEntries, maxBytes: maxBytes, redact: r, lines: -1}
}

// scrub returns e with every string scrubbed. An entry that does not survive the round trip is not written
// (fail closed): the log is a record of runs, not worth a leak. Last scrubs what it returns again, so a line
// written before a value was known (or by an older version) gives nothing away either.
func (l *opLog) scrub(e LogEntry) (LogEntry, error) {
	raw, err := json.Marshal(e)
	if err != nil {
		return LogEntry{}, err
	}
	clean := l.redact.Scrubber().JSON(raw)
	if string(clean) == string(raw) {
		return e, nil
	}
	var out LogEntry
	if err := json.Unmarshal(clean, &out); err != nil {
		return LogEntry{}, err
	}
	return out, nil
}

// encodeEntry marshals e, halving the item lists until the line fits maxLogLine.
func encodeEntry(e LogEntry) ([]byte, error) {
	for {
		line, err := json.Marshal(e)
		if err != nil {
			return nil, err
		}
		if len(line) < maxLogLine || len(e.Tags)+len(e.Paths)+len(e.Errors)+len(e.Verify) == 0 {
			return append(line, '\n'), nil
		}
		e.Truncated = true
		e.Tags, e.Paths, e.Errors, e.Verify = e.Tags[:len(e.Tags)/2], e.Paths[:len(e.Paths)/2], e.Errors[:len(e.Errors)/2], e.Verify[:len(e.Verify)/2]
	}
}

// append adds one entry, compacting first when the entry would push the file past a bound.
func (l *opLog) append(e LogEntry) error {
	e, err := l.scrub(e)
	if err != nil {
		return err
	}
	line, err := encodeEntry(e)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(l.path), 0o700); err != nil {
		return err
	}
	size := int64(0)
	if st, err := os.Stat(l.path); err == nil {
		size = st.Size()
	}
	if l.lines < 0 {
		_, _, n, err := l.readLocked()
		if err != nil {
			return err
		}
		l.lines = n
	}
	if size+int64(len(line)) > l.maxBytes || l.lines+1 > l.maxEntries {
		if err := l.compactLocked(int64(len(line))); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(l.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	// A crash mid-write leaves a line without its newline; start on a new line so only that one is lost.
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		last := make([]byte, 1)
		if rf, err := os.Open(l.path); err == nil {
			_, _ = rf.ReadAt(last, st.Size()-1)
			rf.Close()
		}
		if last[0] != '\n' {
			line = append([]byte{'\n'}, line...)
		}
	}
	_, werr := f.Write(line)
	cerr := f.Close()
	if werr != nil {
		return werr
	}
	l.lines++
	return cerr
}

// compactLocked rewrites the file with the newest valid entries that leave room for incoming bytes within
// three quarters of the bounds. Temp file + rename: a crash leaves the old file or the new, never half.
func (l *opLog) compactLocked(incoming int64) error {
	_, raws, _, err := l.readLocked()
	if err != nil {
		return err
	}
	keepBytes := l.maxBytes*3/4 - incoming
	keepEntries := l.maxEntries*3/4 - 1
	var size int64
	start := len(raws)
	for start > 0 && len(raws)-start < keepEntries && size+int64(len(raws[start-1])) <= keepBytes {
		start--
		size += int64(len(raws[start]))
	}
	if err := atomicfile.WriteFile(l.path, bytes.Join(raws[start:], nil)); err != nil {
		return err
	}
	l.lines = len(raws) - start
	return nil
}

// readLocked returns the valid entries in file order with their raw lines (newline included), and the
// number of lines in the file. Invalid lines are counted in lines but not returned.
func (l *opLog) readLocked() (entries []LogEntry, raws [][]byte, lines int, err error) {
	f, err := os.Open(l.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, 0, nil
	}
	if err != nil {
		return nil, nil, 0, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	for {
		line, rerr := r.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			lines++
			var e LogEntry
			if len(line) <= maxLogLine+1 && json.Unmarshal(line, &e) == nil && e.RunID != "" {
				if line[len(line)-1] != '\n' {
					line = append(line, '\n')
				}
				entries = append(entries, e)
				raws = append(raws, line)
			}
		}
		if rerr == io.EOF {
			return entries, raws, lines, nil
		}
		if rerr != nil {
			return nil, nil, 0, rerr
		}
	}
}

// read returns the valid entries and how many lines were skipped.
func (l *opLog) read() ([]LogEntry, int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	entries, _, lines, err := l.readLocked()
	return entries, lines - len(entries), err
}
