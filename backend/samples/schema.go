package samples

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations[i] brings the schema from version i to i+1. Append only: a released step never changes.
var migrations = [][]string{
	{ // 1: samples, 5-minute aggregates, incidents
		`CREATE TABLE samples(
			profile TEXT NOT NULL, check_kind TEXT NOT NULL, at INTEGER NOT NULL,
			ok INTEGER NOT NULL, code TEXT NOT NULL, latency_ms REAL NOT NULL,
			state TEXT NOT NULL, detail TEXT NOT NULL, manual INTEGER NOT NULL)`,
		`CREATE INDEX samples_key_at ON samples(profile, check_kind, at)`,
		`CREATE TABLE aggregates(
			profile TEXT NOT NULL, check_kind TEXT NOT NULL, bucket INTEGER NOT NULL,
			n INTEGER NOT NULL, ok_n INTEGER NOT NULL, degraded_n INTEGER NOT NULL,
			lat_n INTEGER NOT NULL, lat_sum REAL NOT NULL, lat_max REAL NOT NULL,
			PRIMARY KEY(profile, check_kind, bucket)) WITHOUT ROWID`,
		`CREATE TABLE incidents(
			id INTEGER PRIMARY KEY, profile TEXT NOT NULL, check_kind TEXT NOT NULL,
			started INTEGER NOT NULL, ended INTEGER, code TEXT NOT NULL)`,
		`CREATE INDEX incidents_key ON incidents(profile, check_kind, started)`,
		// The 5-minute aggregate follows every sample inside SQLite: an insert is one statement (atomic
		// on its own), which is most of its cost in a pure-Go SQLite.
		`CREATE TRIGGER samples_aggregate AFTER INSERT ON samples BEGIN
			INSERT INTO aggregates(profile, check_kind, bucket, n, ok_n, degraded_n, lat_n, lat_sum, lat_max)
			VALUES(NEW.profile, NEW.check_kind, NEW.at - NEW.at % 300000, 1, NEW.ok, NEW.state = 'degraded', NEW.ok,
				CASE WHEN NEW.ok THEN NEW.latency_ms ELSE 0 END, CASE WHEN NEW.ok THEN NEW.latency_ms ELSE 0 END)
			ON CONFLICT(profile, check_kind, bucket) DO UPDATE SET n = n + 1, ok_n = ok_n + excluded.ok_n,
				degraded_n = degraded_n + excluded.degraded_n, lat_n = lat_n + excluded.lat_n,
				lat_sum = lat_sum + excluded.lat_sum, lat_max = max(lat_max, excluded.lat_max);
		END`,
	},
}

// SchemaVersion is the version this build writes.
var SchemaVersion = len(migrations)

// migrate brings db to SchemaVersion, each step in its own transaction with the version it reaches. A
// database of a newer version is refused (errNewer): its tables may mean something this build does not know.
func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)`); err != nil {
		return err
	}
	v, err := version(ctx, db)
	if err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("%w: schema %d, this build knows %d", errNewer, v, len(migrations))
	}
	for ; v < len(migrations); v++ {
		if err := step(ctx, db, v); err != nil {
			return fmt.Errorf("samples: migrate to %d: %w", v+1, err)
		}
	}
	return nil
}

func version(ctx context.Context, db *sql.DB) (int, error) {
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}

func step(ctx context.Context, db *sql.DB, from int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range migrations[from] {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version(version) VALUES(?)`, from+1); err != nil {
		return err
	}
	return tx.Commit()
}
