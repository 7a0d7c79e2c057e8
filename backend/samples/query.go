package samples

import (
	"context"
	"database/sql"
	"time"

	"siyana/backend/watch"
)

// Uptime is the share of successful runs in a window. Samples 0 means nothing was recorded (no figure).
type Uptime struct {
	Pct     float64 `json:"pct"`     // 0..100 (degraded runs count as up)
	Samples int     `json:"samples"` // runs in the window
}

// Point is one point of a latency chart: a raw sample (Count 1) or a bucket of several.
type Point struct {
	At        time.Time   `json:"at" ts_type:"string"` // the sample's time, or the bucket's start
	Count     int         `json:"count"`
	OKCount   int         `json:"okCount"`
	Degraded  int         `json:"degraded"`
	LatencyMs float64     `json:"latencyMs"` // mean latency of the successful runs (0 when none)
	MaxMs     float64     `json:"maxMs"`
	Code      string      `json:"code,omitempty"`                                                   // raw samples only
	State     watch.State `json:"state,omitempty" ts_type:"'unknown' | 'up' | 'degraded' | 'down'"` // raw samples only
}

// Incident is one down period of a check.
type Incident struct {
	Started    time.Time  `json:"started" ts_type:"string"`
	Ended      *time.Time `json:"ended,omitempty" ts_type:"string"` // nil while it lasts
	DurationMs float64    `json:"durationMs"`                       // so far, while it lasts
	Code       string     `json:"code"`                             // the failure that opened it
}

// Card is what a card shows of a check's history.
type Card struct {
	Uptime24h Uptime     `json:"uptime24h"`
	Uptime7d  Uptime     `json:"uptime7d"`
	Uptime30d Uptime     `json:"uptime30d"`
	Sparkline []Point    `json:"sparkline"` // the last 24 h in SparklinePoints buckets, oldest first, empty ones left out
	Incidents []Incident `json:"incidents"` // newest first, at most CardIncidents
	Last      *Point     `json:"last,omitempty"`
}

// Sizes of the card.
const (
	SparklinePoints = 96 // 15-minute buckets over 24 h
	CardIncidents   = 5
	MaxSeriesPoints = 1000
	// RawSeriesSpan: a range at most this long (and inside the raw retention) is drawn from raw samples.
	RawSeriesSpan = 6 * time.Hour
)

func (s *Store) read(ctx context.Context, fn func(*sql.DB) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return errClosed
	}
	return fn(s.db)
}

// Card returns the card's uptimes, sparkline, recent incidents and last sample of (profileID, check).
func (s *Store) Card(ctx context.Context, profileID, check string) (Card, error) {
	now := s.now()
	c := Card{Sparkline: []Point{}, Incidents: []Incident{}}
	err := s.read(ctx, func(db *sql.DB) error {
		var err error
		if c.Uptime24h, c.Uptime7d, c.Uptime30d, err = uptimes(ctx, db, profileID, check, now); err != nil {
			return err
		}
		if c.Sparkline, err = aggregated(ctx, db, profileID, check, now.Add(-24*time.Hour), now, 24*time.Hour/SparklinePoints); err != nil {
			return err
		}
		if c.Incidents, err = incidents(ctx, db, profileID, check, CardIncidents, now); err != nil {
			return err
		}
		last, err := raw(ctx, db, profileID, check, time.Time{}, now.Add(time.Hour), 1, true)
		if err == nil && len(last) == 1 {
			c.Last = &last[0]
		}
		return err
	})
	return c, err
}

// uptimes reads the three windows of the card in one pass over the 30-day aggregates.
func uptimes(ctx context.Context, db *sql.DB, profileID, check string, now time.Time) (d1, d7, d30 Uptime, err error) {
	b := func(d time.Duration) int64 { return bucketOf(now.Add(-d).UnixMilli()) }
	var n1, ok1, n7, ok7, n30, ok30 sql.NullInt64
	err = db.QueryRowContext(ctx, `SELECT
			sum(CASE WHEN bucket >= ?1 THEN n END), sum(CASE WHEN bucket >= ?1 THEN ok_n END),
			sum(CASE WHEN bucket >= ?2 THEN n END), sum(CASE WHEN bucket >= ?2 THEN ok_n END),
			sum(n), sum(ok_n)
		FROM aggregates WHERE profile = ?4 AND check_kind = ?5 AND bucket >= ?3`,
		b(24*time.Hour), b(7*24*time.Hour), b(30*24*time.Hour), profileID, check).Scan(&n1, &ok1, &n7, &ok7, &n30, &ok30)
	up := func(n, ok sql.NullInt64) Uptime {
		if n.Int64 == 0 {
			return Uptime{}
		}
		return Uptime{Pct: 100 * float64(ok.Int64) / float64(n.Int64), Samples: int(n.Int64)}
	}
	return up(n1, ok1), up(n7, ok7), up(n30, ok30), err
}

// aggregated reads the 5-minute aggregates of [from, to) merged into buckets of step (at least Bucket).
func aggregated(ctx context.Context, db *sql.DB, profileID, check string, from, to time.Time, step time.Duration) ([]Point, error) {
	st := max(step, Bucket).Milliseconds()
	st -= st % Bucket.Milliseconds()
	rows, err := db.QueryContext(ctx, `SELECT (bucket / ?) * ?, sum(n), sum(ok_n), sum(degraded_n), sum(lat_n), sum(lat_sum), max(lat_max)
		FROM aggregates WHERE profile = ? AND check_kind = ? AND bucket >= ? AND bucket < ?
		GROUP BY 1 ORDER BY 1`, st, st, profileID, check, bucketOf(from.UnixMilli()), to.UnixMilli())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Point{}
	for rows.Next() {
		var p Point
		var at, latN int64
		var latSum float64
		if err := rows.Scan(&at, &p.Count, &p.OKCount, &p.Degraded, &latN, &latSum, &p.MaxMs); err != nil {
			return nil, err
		}
		p.At = time.UnixMilli(at).UTC()
		if latN > 0 {
			p.LatencyMs = latSum / float64(latN)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// raw reads raw samples of [from, to), oldest first (newest first and limit 1 with last).
func raw(ctx context.Context, db *sql.DB, profileID, check string, from, to time.Time, limit int, last bool) ([]Point, error) {
	order := "ASC"
	if last {
		order = "DESC"
	}
	rows, err := db.QueryContext(ctx, `SELECT at, ok, code, latency_ms, state FROM samples
		WHERE profile = ? AND check_kind = ? AND at >= ? AND at < ? ORDER BY at `+order+` LIMIT ?`,
		profileID, check, from.UnixMilli(), to.UnixMilli(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Point{}
	for rows.Next() {
		var p Point
		var at int64
		var ok int
		var state string
		if err := rows.Scan(&at, &ok, &p.Code, &p.LatencyMs, &state); err != nil {
			return nil, err
		}
		p.At, p.Count, p.OKCount, p.State, p.MaxMs = time.UnixMilli(at).UTC(), 1, ok, watch.State(state), p.LatencyMs
		if p.State == watch.StateDegraded {
			p.Degraded = 1
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func incidents(ctx context.Context, db *sql.DB, profileID, check string, limit int, now time.Time) ([]Incident, error) {
	return scanIncidents(now)(db.QueryContext(ctx, `SELECT started, ended, code FROM incidents WHERE profile = ? AND check_kind = ?
		ORDER BY started DESC LIMIT ?`, profileID, check, limit))
}

// scanIncidents reads rows of (started, ended, code); an open incident lasts until now.
func scanIncidents(now time.Time) func(*sql.Rows, error) ([]Incident, error) {
	return func(rows *sql.Rows, err error) ([]Incident, error) {
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		out := []Incident{}
		for rows.Next() {
			var started int64
			var ended sql.NullInt64
			var in Incident
			if err := rows.Scan(&started, &ended, &in.Code); err != nil {
				return nil, err
			}
			in.Started = time.UnixMilli(started).UTC()
			end := now
			if ended.Valid {
				e := time.UnixMilli(ended.Int64).UTC()
				in.Ended, end = &e, e
			}
			in.DurationMs = float64(end.Sub(in.Started).Milliseconds())
			out = append(out, in)
		}
		return out, rows.Err()
	}
}

// Incidents returns the newest incidents of (profileID, check), at most limit.
func (s *Store) Incidents(ctx context.Context, profileID, check string, limit int) ([]Incident, error) {
	var out []Incident
	err := s.read(ctx, func(db *sql.DB) (err error) {
		out, err = incidents(ctx, db, profileID, check, limit, s.now())
		return err
	})
	return out, err
}

// OpenIncident says whether (profileID, check) has an incident still open, and since when: the scheduler's
// Restore after a restart.
func (s *Store) OpenIncident(profileID, check string) (since time.Time, open bool) {
	_ = s.read(context.Background(), func(db *sql.DB) error {
		var started int64
		err := db.QueryRow(`SELECT started FROM incidents WHERE profile = ? AND check_kind = ? AND ended IS NULL
			ORDER BY started DESC LIMIT 1`, profileID, check).Scan(&started)
		if err == nil {
			since, open = time.UnixMilli(started).UTC(), true
		}
		return nil
	})
	return since, open
}

// Series is the history of a check over a time range, for the zoomable chart.
type Series struct {
	From      time.Time  `json:"from" ts_type:"string"`
	To        time.Time  `json:"to" ts_type:"string"`
	StepMs    int64      `json:"stepMs"` // 0: raw samples; else the bucket width
	Points    []Point    `json:"points"`
	Incidents []Incident `json:"incidents"` // those that started in the range or were open in it
}

// Range returns [from, to) as raw samples when it is short and recent enough (RawSeriesSpan, inside
// RawRetention, at most MaxSeriesPoints), else as aggregates in buckets sized so at most MaxSeriesPoints come back.
func (s *Store) Range(ctx context.Context, profileID, check string, from, to time.Time) (Series, error) {
	out := Series{From: from.UTC(), To: to.UTC(), Points: []Point{}, Incidents: []Incident{}}
	now := s.now()
	err := s.read(ctx, func(db *sql.DB) error {
		var err error
		if to.Sub(from) <= RawSeriesSpan && from.After(now.Add(-RawRetention)) {
			out.Points, err = raw(ctx, db, profileID, check, from, to, MaxSeriesPoints+1, false)
			if err != nil {
				return err
			}
			if len(out.Points) <= MaxSeriesPoints {
				return rangeIncidents(ctx, db, &out, profileID, check, now)
			}
		}
		step := max(Bucket, to.Sub(from)/MaxSeriesPoints)
		step = (step + Bucket - 1) / Bucket * Bucket
		out.StepMs = step.Milliseconds()
		if out.Points, err = aggregated(ctx, db, profileID, check, from, to, step); err != nil {
			return err
		}
		return rangeIncidents(ctx, db, &out, profileID, check, now)
	})
	return out, err
}

func rangeIncidents(ctx context.Context, db *sql.DB, out *Series, profileID, check string, now time.Time) (err error) {
	out.Incidents, err = scanIncidents(now)(db.QueryContext(ctx, `SELECT started, ended, code FROM incidents
		WHERE profile = ? AND check_kind = ? AND started < ? AND (ended IS NULL OR ended >= ?) ORDER BY started LIMIT 500`,
		profileID, check, out.To.UnixMilli(), out.From.UnixMilli()))
	return err
}

// CheckSummary is a check's uptime and latest incidents, for the diagnostics bundle (no detail text).
type CheckSummary struct {
	Check     string     `json:"check"`
	Uptime24h Uptime     `json:"uptime24h"`
	Uptime7d  Uptime     `json:"uptime7d"`
	Uptime30d Uptime     `json:"uptime30d"`
	Incidents []Incident `json:"incidents"` // newest first, at most SummaryIncidents
}

// SummaryIncidents is how many incidents a check's summary carries.
const SummaryIncidents = 3

// Summary returns the summary of each of checks that has any history, in the order given.
func (s *Store) Summary(ctx context.Context, profileID string, checks []string) ([]CheckSummary, error) {
	out := []CheckSummary{}
	for _, ch := range checks {
		c, err := s.Card(ctx, profileID, ch)
		if err != nil {
			return out, err
		}
		if c.Uptime30d.Samples == 0 && len(c.Incidents) == 0 {
			continue
		}
		inc := c.Incidents
		if len(inc) > SummaryIncidents {
			inc = inc[:SummaryIncidents]
		}
		out = append(out, CheckSummary{Check: ch, Uptime24h: c.Uptime24h, Uptime7d: c.Uptime7d, Uptime30d: c.Uptime30d, Incidents: inc})
	}
	return out, nil
}
