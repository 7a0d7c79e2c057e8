// Package samples is the watch history: every sample of every watched (or manually run) check, the
// incidents, and 5-minute aggregates, in an embedded SQLite database (modernc.org/sqlite: pure Go, so
// every build stays cgo-free) under the config dir.
//
// Durability: WAL journal, synchronous=NORMAL, one connection (so one writer). Each sample is its own
// transaction; a committed one survives the process being killed (the WAL is in the OS's page cache; only
// a power loss can drop the last commits, never corrupt the file).
//
// Retention: raw samples 7 days, 5-minute aggregates (count, successes, degraded, latency sum / count /
// max) 90 days, closed incidents 90 days. The aggregates are kept up to date on every insert rather than
// computed when raw samples expire, so the card's uptime and sparkline read at most 8,640 small rows for
// 30 days whatever the interval, and are exact (a sample's bucket is its own 5 minutes).
//
// Only what the scheduler hands over is stored: code, latency, state and a short detail that the front end
// scrubbed with its redactor (watch.Outcome); this package stores no result bodies.
package samples

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"siyana/backend/watch"
)

// The "sqlite" driver (modernc.org/sqlite) is registered by the binary that opens a Store: the desktop app
// imports it (app_watch.go), this package's tests do (driver_test.go). siyanactl links this package (for
// the diagnostics summary's types) but never opens a Store, and without the import it does not link
// SQLite: 3.7 MB less binary and less init at every start. Open without the driver gives a Store whose
// Warning is CodeUnavailable, as for any database that cannot be opened.

// FileName is the database under the config dir (with its -wal and -shm companions).
const FileName = "history.db"

// Retention and bucketing.
const (
	RawRetention       = 7 * 24 * time.Hour
	AggregateRetention = 90 * 24 * time.Hour
	Bucket             = 5 * time.Minute
	pruneEvery         = time.Hour
)

// Codes of the history's answers and of its load warnings.
const (
	CodeUnavailable   = "HISTORY_UNAVAILABLE"    // the database could not be opened; nothing is kept this session
	CodeQueryFailed   = "HISTORY_QUERY_FAILED"   // a read failed
	WarnCorrupt       = "HISTORY_CORRUPT"        // the database was unreadable: moved aside (params.path), a new one started
	WarnNewerSchema   = "HISTORY_NEWER_SCHEMA"   // written by a newer Siyana: moved aside, a new one started
	CodeInvalidRange  = "HISTORY_INVALID_RANGE"  // from/to not RFC 3339, reversed, or longer than AggregateRetention
	CodeInvalidFormat = "HISTORY_INVALID_FORMAT" // an export format other than csv or json
)

// Warning says what was found when the database was opened.
type Warning struct {
	Code    string            `json:"code"`
	Params  map[string]string `json:"params"` // path: where the old database went
	MovedTo string            `json:"movedTo"`
	Detail  string            `json:"detail"` // English technical reason
}

// Store is the history database. Safe for concurrent use; every method is bounded by its context.
type Store struct {
	mu        sync.Mutex // one writer; queries take it too (one connection)
	db        *sql.DB
	path      string
	now       func() time.Time
	warning   *Warning
	lastPrune time.Time
	stmts     map[string]*sql.Stmt // prepared once: parsing each statement anew costs more than running it
	// OnError, when set, hears a failed write (the app logs it); a failed write costs that sample only.
	OnError func(error)
}

// Open opens (or creates) the database at path; "" keeps the history in memory for the session. It never
// fails: a corrupt or newer database is moved aside (with its -wal and -shm files) and a new one started;
// when none can be opened the history lives in memory and Warning says so.
func Open(path string, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	s := &Store{path: path, now: now}
	if path == "" {
		s.mustMemory()
		return s
	}
	db, err := openFile(path)
	if err == nil {
		return s.set(db)
	}
	code := WarnCorrupt
	if errors.Is(err, errNewer) {
		code = WarnNewerSchema
	}
	if !isCorrupt(err) && code != WarnNewerSchema {
		s.warning = &Warning{Code: CodeUnavailable, Params: map[string]string{"path": path}, Detail: err.Error()}
		s.mustMemory()
		return s
	}
	target := path + ".corrupt-" + now().UTC().Format("20060102T150405.000000000Z")
	if mvErr := moveAside(path, target); mvErr != nil {
		s.warning = &Warning{Code: CodeUnavailable, Params: map[string]string{"path": path}, Detail: err.Error() + "; move aside: " + mvErr.Error()}
		s.mustMemory()
		return s
	}
	s.warning = &Warning{Code: code, Params: map[string]string{"path": target}, MovedTo: target, Detail: err.Error()}
	if db, err = openFile(path); err != nil {
		s.warning = &Warning{Code: CodeUnavailable, Params: map[string]string{"path": path}, Detail: err.Error()}
		s.mustMemory()
		return s
	}
	return s.set(db)
}

func (s *Store) set(db *sql.DB) *Store {
	s.db = db
	return s
}

// prepared returns q prepared on the store's connection (s.mu held).
func (s *Store) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	if st := s.stmts[q]; st != nil {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[q] = st
	return st, nil
}

// exec runs q, already prepared, inside tx (s.mu held).
func (s *Store) exec(ctx context.Context, tx *sql.Tx, q string, args ...any) error {
	_, err := tx.StmtContext(ctx, s.stmts[q]).ExecContext(ctx, args...)
	return err
}

func (s *Store) mustMemory() {
	db, err := openDSN("file::memory:")
	if err == nil {
		err = migrate(context.Background(), db)
	}
	if err != nil { // the in-memory engine has no reason to fail; a nil db makes every call answer CodeUnavailable
		s.db = nil
		return
	}
	s.db = db
}

var errNewer = errors.New("samples: the database was written by a newer version")

func openDSN(dsn string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one writer; the WAL lets nothing else block it
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	return db, nil
}

func openFile(path string) (*sql.DB, error) {
	db, err := openDSN(path + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = func() error {
		if _, err := db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
			return err
		}
		var res string
		if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&res); err != nil {
			return err
		}
		if res != "ok" {
			return fmt.Errorf("%w: quick_check: %s", errCorrupt, res)
		}
		return migrate(ctx, db)
	}()
	if err != nil {
		db.Close()
		return nil, err
	}
	_ = os.Chmod(path, 0o600)
	return db, nil
}

var errCorrupt = errors.New("samples: database corrupt")

// isCorrupt tells a damaged file (moved aside) from a file the app cannot open at all (left alone).
func isCorrupt(err error) bool {
	if errors.Is(err, errCorrupt) {
		return true
	}
	m := err.Error()
	for _, s := range []string{"SQLITE_CORRUPT", "SQLITE_NOTADB", "file is not a database", "malformed", "corrupt"} {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}

func moveAside(path, target string) error {
	if err := os.Rename(path, target); err != nil {
		return err
	}
	for _, ext := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + ext); err == nil {
			if err := os.Rename(path+ext, target+ext); err != nil {
				return err
			}
		}
	}
	return nil
}

// Warning is what was found at open, nil when the database opened cleanly.
func (s *Store) Warning() *Warning { return s.warning }

// Path is the database file ("" in memory).
func (s *Store) Path() string { return s.path }

// Close closes the database (a checkpoint folds the WAL back into the file).
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil
	}
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	err := s.db.Close()
	s.db = nil
	return err
}

// Observe stores a sample (and opens or closes an incident on its event): the scheduler's sink.
func (s *Store) Observe(smp watch.Sample, ev *watch.Event) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Insert(ctx, smp, ev); err != nil && s.OnError != nil {
		s.OnError(err)
	}
}

var errClosed = errors.New("samples: history unavailable")

// The statements of Insert, prepared once (before a transaction: the one connection is the transaction's
// while it lasts). The aggregate is the samples_aggregate trigger's (schema.go).
const (
	sqlInsertSample = `INSERT INTO samples(profile, check_kind, at, ok, code, latency_ms, state, detail, manual)
		VALUES(?,?,?,?,?,?,?,?,?)`
	sqlOpenIncident  = `INSERT INTO incidents(profile, check_kind, started, code) VALUES(?,?,?,?)`
	sqlCloseIncident = `UPDATE incidents SET ended = ? WHERE profile = ? AND check_kind = ? AND ended IS NULL`
)

// Insert stores one sample and its 5-minute aggregate atomically; a sample that changed the state opens
// or closes its incident in the same transaction.
func (s *Store) Insert(ctx context.Context, smp watch.Sample, ev *watch.Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return errClosed
	}
	for _, q := range []string{sqlInsertSample, sqlOpenIncident, sqlCloseIncident} {
		if _, err := s.prepared(ctx, q); err != nil {
			return err
		}
	}
	at := smp.At.UnixMilli()
	args := []any{smp.ProfileID, smp.Check, at, b2i(smp.OK), smp.Code, smp.LatencyMs, string(smp.State), smp.Detail, b2i(smp.Manual)}
	var err error
	if ev == nil || (ev.Kind != watch.EventDown && ev.Kind != watch.EventRecovered) {
		_, err = s.stmts[sqlInsertSample].ExecContext(ctx, args...) // one statement: atomic with its trigger
	} else {
		err = s.withIncident(ctx, smp, ev, at, args)
	}
	if err != nil {
		return err
	}
	if now := s.now(); now.Sub(s.lastPrune) >= pruneEvery {
		s.lastPrune = now
		return s.pruneLocked(ctx, now)
	}
	return nil
}

func (s *Store) withIncident(ctx context.Context, smp watch.Sample, ev *watch.Event, at int64, args []any) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := s.exec(ctx, tx, sqlInsertSample, args...); err != nil {
		return err
	}
	if ev.Kind == watch.EventDown {
		err = s.exec(ctx, tx, sqlOpenIncident, smp.ProfileID, smp.Check, ev.Since.UnixMilli(), ev.Code)
	} else {
		err = s.exec(ctx, tx, sqlCloseIncident, at, smp.ProfileID, smp.Check)
	}
	if err != nil {
		return err
	}
	return tx.Commit()
}

// Prune drops raw samples older than RawRetention and aggregates and closed incidents older than
// AggregateRetention (Insert calls it hourly).
func (s *Store) Prune(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return errClosed
	}
	return s.pruneLocked(ctx, s.now())
}

func (s *Store) pruneLocked(ctx context.Context, now time.Time) error {
	raw, agg := now.Add(-RawRetention).UnixMilli(), now.Add(-AggregateRetention).UnixMilli()
	for _, q := range []struct {
		sql string
		arg int64
	}{
		{`DELETE FROM samples WHERE at < ?`, raw},
		{`DELETE FROM aggregates WHERE bucket < ?`, agg},
		{`DELETE FROM incidents WHERE ended IS NOT NULL AND ended < ?`, agg},
	} {
		if _, err := s.db.ExecContext(ctx, q.sql, q.arg); err != nil {
			return err
		}
	}
	return nil
}

// Forget drops everything kept for profileID (the profile was deleted).
func (s *Store) Forget(ctx context.Context, profileID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return errClosed
	}
	for _, t := range []string{"samples", "aggregates", "incidents"} {
		if _, err := s.db.ExecContext(ctx, "DELETE FROM "+t+" WHERE profile = ?", profileID); err != nil {
			return err
		}
	}
	return nil
}

func bucketOf(ms int64) int64 { return ms - ms%Bucket.Milliseconds() }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
