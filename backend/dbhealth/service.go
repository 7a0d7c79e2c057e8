package dbhealth

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"siyana/backend/check"
)

// ErrClosed is returned by checks made after Close.
var ErrClosed = errors.New("dbhealth: service closed")

// errPanic marks a recovered panic; it becomes INTERNAL.
var errPanic = errors.New("dbhealth: panic")

// probeCollection is a name no site uses: filtering listCollections on it keeps the answer empty (no cursor
// left open, one round trip) while the server still demands the listCollections privilege on the database.
const probeCollection = "__siyana_probe__"

// probeCmd proves login *and* read access. ping would not: it succeeds without credentials. listCollections
// on the URI's database is refused (code 13) to an unauthenticated or unprivileged user on MongoDB/Atlas and
// to an unauthenticated one on FerretDB, and wrong credentials already fail the handshake before it runs.
// connectionStatus was rejected: it also answers without login, so it needs a second rule on its reply,
// and FerretDB's reply does not list users the way MongoDB's does.
var probeCmd = bson.D{
	{Key: "listCollections", Value: 1},
	{Key: "filter", Value: bson.D{{Key: "name", Value: probeCollection}}},
	{Key: "nameOnly", Value: true},
}

// SRVResolver answers the SRV lookup of mongodb+srv URIs. *net.Resolver satisfies it.
type SRVResolver interface {
	LookupSRV(ctx context.Context, service, proto, name string) (string, []*net.SRV, error)
}

// Service checks databases and caches one driver client per profile. Safe for concurrent use. Call Close
// on shutdown.
type Service struct {
	// Resolver makes the SRV lookup of a mongodb+srv URI under the check's deadline before the driver
	// (whose own lookup ignores contexts) repeats it. nil means net.DefaultResolver.
	Resolver SRVResolver
	// Dialer opens the driver's connections; nil means the driver's own net.Dialer. The driver hands it the
	// unresolved "host:port" of each server, so tests can send Atlas host names to loopback listeners
	// without any name being looked up.
	Dialer options.ContextDialer
	// Now is the wall clock for CheckedAt/ConnectedAt; nil means time.Now. Durations always use the
	// monotonic clock.
	Now check.Clock

	mu       sync.Mutex
	clients  map[string]*entry // by profile ID
	closed   bool
	retiring sync.WaitGroup // disconnects running in the background; Close waits for them
}

// New returns a Service with the real resolver and clock.
func New() *Service { return &Service{} }

// Check probes the database of uri for the given profile. It never panics and returns within
// opts.Timeout (default check.DefaultTimeout) or the context's earlier deadline.
func (s *Service) Check(ctx context.Context, profileID, uri string, opts Options) (res Result) {
	begin := time.Now()
	res.CheckedAt = s.Now.Now()
	res.Plan = opts.Plan
	defer func() {
		if r := recover(); r != nil {
			res.Stats = nil
			res.fill(check.CodeInternal, nil)
		}
		res.DurationMs = check.Ms(time.Since(begin))
	}()

	if strings.TrimSpace(uri) == "" {
		res.fill(check.CodeNotConfigured, nil)
		return res
	}
	// Refused here, before any lookup or dial: a URI a driver could split differently from us would send
	// pieces of its password to DNS and into the result.
	t, err := parseTarget(uri)
	if err != nil {
		res.fill(CodeInvalidURI, uriParams(err))
		return res
	}
	res.DBName, res.Host, res.SRV = t.dbName, t.host, t.srv

	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = check.DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	e, reused, err := s.acquire(ctx, profileID, uri, t, timeout)
	if err == nil && reused && e.down.Load() {
		// The driver already knows every server is down: a fresh connection says why at once.
		s.forget(profileID, e)
		e, reused, err = s.acquire(ctx, profileID, uri, t, timeout)
	}
	res.Reused = reused
	if err != nil {
		res.fill(classify(ctx, err, t), nil)
		return res
	}
	res.ConnectMs = check.Ms(e.connectDur)
	res.ConnectedAt = e.connectedAt
	res.ServerVersion = e.serverVersion

	db := e.client.Database(probeDatabase(t))
	start := time.Now()
	err = db.RunCommand(ctx, probeCmd).Err()
	res.LatencyMs = check.Ms(time.Since(start))
	if err != nil {
		code := classify(ctx, err, t)
		if reused && code == CodeTLSError && isDropped(err) {
			// A hang-up on a connection that already worked is the server going away, TLS or not.
			code = check.CodeUnreachable
		}
		res.fill(code, nil)
		s.forget(profileID, e)
		return res
	}
	if opts.Stats {
		st, err := dbStats(ctx, db)
		if err != nil {
			res.fill(classify(ctx, err, t), nil)
			s.forget(profileID, e)
			return res
		}
		res.Stats = st
	}
	res.fill(check.CodeOK, nil)
	return res
}

// probeDatabase is the database the site's driver would use: the URI's, else the drivers' default "test".
func probeDatabase(t target) string {
	if t.dbName == "" {
		return "test"
	}
	return t.dbName
}

// dbStats reads the database size figures. Servers answer with int32, int64 or double depending on size
// and implementation, so every number is converted.
func dbStats(ctx context.Context, db *mongo.Database) (*Stats, error) {
	var raw bson.M
	if err := db.RunCommand(ctx, bson.D{{Key: "dbStats", Value: 1}, {Key: "scale", Value: 1}}).Decode(&raw); err != nil {
		return nil, err
	}
	return &Stats{
		Collections: toInt64(raw["collections"]),
		Objects:     toInt64(raw["objects"]),
		DataSize:    toInt64(raw["dataSize"]),
		StorageSize: toInt64(raw["storageSize"]),
		IndexSize:   toInt64(raw["indexSize"]),
	}, nil
}

func toInt64(v any) int64 {
	switch n := v.(type) {
	case int32:
		return int64(n)
	case int64:
		return n
	case float64:
		return int64(n)
	}
	return 0
}

// UnreachableBudget is the longest a check may take to say that a database refused the connection (a
// stopped server, a closed port): a fresh connection gives up at the first failed heartbeat of every host,
// and a failed probe drops the cached client. On loopback it answers in under a millisecond; a host that
// stays silent is bounded by the connect timeout instead (half of the check's timeout).
const UnreachableBudget = 2 * time.Second
