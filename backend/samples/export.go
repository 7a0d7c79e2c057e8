package samples

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"siyana/backend/watch"
)

// Export formats.
const (
	FormatCSV  = "csv"
	FormatJSON = "json"
)

// ExportRow is one line of an export: a raw sample (kind "sample", the last RawRetention) or a 5-minute
// aggregate older than the raw samples (kind "aggregate"), oldest first.
type ExportRow struct {
	Kind      string      `json:"kind"`
	At        time.Time   `json:"at"`
	Count     int         `json:"count"`
	OKCount   int         `json:"okCount"`
	Degraded  int         `json:"degraded"`
	LatencyMs float64     `json:"latencyMs"`
	MaxMs     float64     `json:"maxMs"`
	Code      string      `json:"code,omitempty"`
	State     watch.State `json:"state,omitempty"`
	Detail    string      `json:"detail,omitempty"`
	Manual    bool        `json:"manual,omitempty"`
}

// Export is a check's whole kept history.
type Export struct {
	SchemaVersion int         `json:"schemaVersion"`
	Check         string      `json:"check"`
	ExportedAt    time.Time   `json:"exportedAt"`
	Rows          []ExportRow `json:"rows"`
	Incidents     []Incident  `json:"incidents"`
}

// ValidFormat says whether format is one Write accepts.
func ValidFormat(format string) bool { return format == FormatCSV || format == FormatJSON }

// Export reads everything kept of (profileID, check). The profile id is not in it (the file may be shared).
func (s *Store) Export(ctx context.Context, profileID, check string) (Export, error) {
	now := s.now()
	out := Export{SchemaVersion: 1, Check: check, ExportedAt: now.UTC(), Rows: []ExportRow{}, Incidents: []Incident{}}
	err := s.read(ctx, func(db *sql.DB) error {
		var oldest sql.NullInt64
		if err := db.QueryRowContext(ctx, `SELECT min(at) FROM samples WHERE profile = ? AND check_kind = ?`, profileID, check).Scan(&oldest); err != nil {
			return err
		}
		cut := now.UnixMilli()
		if oldest.Valid {
			cut = bucketOf(oldest.Int64)
		}
		aggs, err := aggregated(ctx, db, profileID, check, time.UnixMilli(0), time.UnixMilli(cut), Bucket)
		if err != nil {
			return err
		}
		for _, p := range aggs {
			out.Rows = append(out.Rows, ExportRow{Kind: "aggregate", At: p.At, Count: p.Count, OKCount: p.OKCount,
				Degraded: p.Degraded, LatencyMs: p.LatencyMs, MaxMs: p.MaxMs})
		}
		rows, err := db.QueryContext(ctx, `SELECT at, ok, code, latency_ms, state, detail, manual FROM samples
			WHERE profile = ? AND check_kind = ? ORDER BY at`, profileID, check)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r ExportRow
			var at int64
			var state string
			if err := rows.Scan(&at, &r.OKCount, &r.Code, &r.LatencyMs, &state, &r.Detail, &r.Manual); err != nil {
				return err
			}
			r.Kind, r.At, r.Count, r.MaxMs, r.State = "sample", time.UnixMilli(at).UTC(), 1, r.LatencyMs, watch.State(state)
			if r.State == watch.StateDegraded {
				r.Degraded = 1
			}
			out.Rows = append(out.Rows, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		out.Incidents, err = scanIncidents(now)(db.QueryContext(ctx, `SELECT started, ended, code FROM incidents
			WHERE profile = ? AND check_kind = ? ORDER BY started`, profileID, check))
		return err
	})
	return out, err
}

// Write encodes e as format (ValidFormat) to w. CSV cells that a spreadsheet would run as a formula
// (starting with = + - @, tab or CR) get a leading apostrophe.
func Write(w io.Writer, e Export, format string) error {
	if format == FormatJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(e)
	}
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"kind", "at", "count", "ok_count", "degraded", "latency_ms", "max_ms", "code", "state", "detail", "manual"})
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	for _, r := range e.Rows {
		_ = cw.Write([]string{r.Kind, r.At.Format(time.RFC3339Nano), strconv.Itoa(r.Count), strconv.Itoa(r.OKCount),
			strconv.Itoa(r.Degraded), f(r.LatencyMs), f(r.MaxMs), cell(r.Code), cell(string(r.State)), cell(r.Detail),
			strconv.FormatBool(r.Manual)})
	}
	cw.Flush()
	return cw.Error()
}

func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
