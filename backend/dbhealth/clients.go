package dbhealth

// The cache of driver clients, one per profile: making one (the first check waits, the others reuse it),
// retiring it when the URI changes or its servers failed, and closing them all.

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/event"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/description"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// disconnectTimeout bounds closing one client; Disconnect waits for in-use connections otherwise.
const disconnectTimeout = 5 * time.Second

// deadDisconnectTimeout bounds closing a client whose server failed: Disconnect's endSessions would wait
// out server selection for a server that is gone (10 s), and its connections have nothing to finish.
const deadDisconnectTimeout = 250 * time.Millisecond

// entry is one profile's client. Fields other than key and ready are written once, before ready is closed,
// and only read after it: checks arriving while the first connection is made wait instead of dialling too.
type entry struct {
	key   [32]byte
	ready chan struct{}

	// down is true while every server of the client's topology has failed its last heartbeat (the
	// driver's monitor says so); a check then connects afresh instead of waiting out server selection.
	down atomic.Bool
	// failed is set when a check on the client failed (see forget).
	failed atomic.Bool

	client        *mongo.Client
	err           error
	connectDur    time.Duration
	connectedAt   time.Time
	serverVersion string
}

// acquire returns the profile's client, making it if needed. reused is true when an earlier check made it.
// A URI change retires the old client; a failed first connection is dropped so the next check starts over.
func (s *Service) acquire(ctx context.Context, profileID, uri string, t target, timeout time.Duration) (*entry, bool, error) {
	key := uriKey(uri)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, false, ErrClosed
	}
	if s.clients == nil {
		s.clients = make(map[string]*entry)
	}
	e := s.clients[profileID]
	if e != nil && e.key != key {
		delete(s.clients, profileID)
		s.retire(e)
		e = nil
	}
	if e != nil {
		s.mu.Unlock()
		select {
		case <-e.ready:
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
		if e.err != nil {
			return nil, false, e.err
		}
		return e, true, nil
	}
	e = &entry{key: key, ready: make(chan struct{})}
	s.clients[profileID] = e
	s.mu.Unlock()

	func() {
		// A panic while connecting must still release the waiters and drop the entry.
		defer func() {
			if r := recover(); r != nil {
				e.err = fmt.Errorf("%w: %v", errPanic, r)
			}
		}()
		s.connect(ctx, e, uri, t, timeout)
	}()
	close(e.ready)
	if e.err != nil {
		s.mu.Lock()
		if s.clients[profileID] == e {
			delete(s.clients, profileID)
		}
		s.retire(e)
		s.mu.Unlock()
		return nil, false, e.err
	}
	return e, false, nil
}

// forget drops the profile's client after a failed probe, so the next check connects afresh: a cached
// client whose server went away would otherwise wait out the whole server-selection timeout, where a fresh
// connection gives up as soon as every host has failed once (see connect).
func (s *Service) forget(profileID string, e *entry) {
	e.failed.Store(true)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.clients[profileID] == e {
		delete(s.clients, profileID)
		s.retire(e)
	}
}

// disconnectTimeout is how long closing e's client may take; call after e.ready.
func (e *entry) disconnectTimeout() time.Duration {
	if e.err != nil || e.down.Load() || e.failed.Load() {
		return deadDisconnectTimeout
	}
	return disconnectTimeout
}

// retire disconnects e in the background once its first connection attempt is over. Callers hold s.mu.
func (s *Service) retire(e *entry) {
	s.retiring.Add(1)
	go func() {
		defer s.retiring.Done()
		<-e.ready
		if e.client != nil {
			ctx, cancel := context.WithTimeout(context.Background(), e.disconnectTimeout())
			defer cancel()
			_ = e.client.Disconnect(ctx)
		}
	}()
}

// connect builds the client and pays the first connection with one probe, so the check's own probe that
// follows measures a warm round trip. Results go into e.
func (s *Service) connect(ctx context.Context, e *entry, uri string, t target, timeout time.Duration) {
	start := time.Now()
	e.connectedAt = s.Now.Now()
	if t.srv {
		r := s.Resolver
		if r == nil {
			r = net.DefaultResolver
		}
		name, _, _ := strings.Cut(t.host, ":")
		if _, _, err := r.LookupSRV(ctx, "mongodb", "tcp", name); err != nil {
			e.err = err
			return
		}
	}

	// ApplyURI does the SRV and TXT lookups itself without a context; run it aside so the check stays
	// bounded even when DNS hangs.
	type built struct {
		client *mongo.Client
		err    error
	}
	// The driver keeps retrying server selection until the deadline, so a refused port or a bad
	// certificate would cost the whole timeout. Once every seed host has failed its first heartbeat, the
	// first connection gives up with those errors.
	firstCtx, giveUp := context.WithCancelCause(ctx)
	defer giveUp(nil)
	monitor := &event.ServerMonitor{TopologyDescriptionChanged: func(ev *event.TopologyDescriptionChangedEvent) {
		failed := allFailed(ev.NewDescription.Servers)
		e.down.Store(failed != nil)
		if failed != nil {
			giveUp(failed)
		}
	}}
	// A host that accepts TCP and then stalls the TLS handshake (what Atlas does to an address off its access
	// list) must fail on its own before the check's deadline; otherwise no host has said anything when the
	// check ends and a stalled Atlas cluster is indistinguishable from no answer at all. Half the time left
	// still gives a slow link several round trips for TCP + TLS.
	dialTimeout := timeout / 2
	if dl, ok := ctx.Deadline(); ok {
		dialTimeout = max(min(dialTimeout, time.Until(dl)/2), time.Millisecond)
	}
	ch := make(chan built, 1)
	go func() {
		o := options.Client().ApplyURI(uri).SetConnectTimeout(dialTimeout).SetServerSelectionTimeout(timeout).
			SetServerMonitor(monitor)
		if s.Dialer != nil {
			o.SetDialer(s.Dialer)
		}
		c, err := mongo.Connect(context.Background(), o)
		ch <- built{c, err}
	}()
	select {
	case b := <-ch:
		e.client, e.err = b.client, b.err
	case <-ctx.Done():
		e.err = ctx.Err()
		s.retiring.Add(1)
		go func() {
			defer s.retiring.Done()
			if b := <-ch; b.client != nil {
				_ = b.client.Disconnect(context.Background())
			}
		}()
		return
	}
	if e.err != nil {
		if e.client != nil {
			_ = e.client.Disconnect(context.Background())
			e.client = nil
		}
		e.err = errors.Join(ErrInvalidURI, e.err)
		return
	}
	if err := e.client.Database(probeDatabase(t)).RunCommand(firstCtx, probeCmd).Err(); err != nil {
		var failed *serversFailed
		if errors.As(context.Cause(firstCtx), &failed) {
			err = failed
		}
		e.err = err
		return
	}
	e.connectDur = time.Since(start)

	// The version is worth one round trip per client, not per check. A failure here is not a failed check.
	var info struct {
		Version string `bson:"version"`
	}
	if err := e.client.Database("admin").RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info); err == nil {
		e.serverVersion = info.Version
	}
}

// serversFailed carries the first error of every seed host when all of them failed.
type serversFailed struct{ errs []error }

func (f *serversFailed) Error() string   { return errors.Join(f.errs...).Error() }
func (f *serversFailed) Unwrap() []error { return f.errs }

// allFailed returns the hosts' errors when every host of the topology has failed, else nil. The SRV name
// itself never appears here: the seed list is already resolved.
func allFailed(servers []description.Server) error {
	if len(servers) == 0 {
		return nil
	}
	errs := make([]error, 0, len(servers))
	for _, srv := range servers {
		if srv.LastError == nil {
			return nil
		}
		errs = append(errs, srv.LastError)
	}
	return &serversFailed{errs: errs}
}

// Close disconnects every cached client and waits for background disconnects. Checks after Close return
// INTERNAL. Safe to call twice.
func (s *Service) Close() error {
	s.mu.Lock()
	s.closed = true
	entries := s.clients
	s.clients = nil
	s.mu.Unlock()

	var errs []error
	for _, e := range entries {
		<-e.ready // bounded: the connecting check has its own deadline
		if e.client == nil {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), e.disconnectTimeout())
		errs = append(errs, e.client.Disconnect(ctx))
		cancel()
	}
	s.retiring.Wait()
	return errors.Join(errs...)
}
