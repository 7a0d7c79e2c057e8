package dbhealth

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/address"
	"go.mongodb.org/mongo-driver/mongo/description"
	"go.mongodb.org/mongo-driver/x/mongo/driver/topology"

	"siyana/backend/check"
)

// selection builds the error the driver returns when no server could be selected, with each host's cause.
func selection(lastErrs ...error) error {
	var d description.Topology
	for i, e := range lastErrs {
		d.Servers = append(d.Servers, description.Server{Addr: address.Address(fmt.Sprint("h", i)), LastError: e})
	}
	return topology.ServerSelectionError{Desc: d, Wrapped: context.DeadlineExceeded}
}

// Exact error shapes as MongoDB and Atlas send them. Code 13 and IP_NOT_ALLOWED are also produced through
// the real driver (TestCheckNoCredentialsIsUnauthorized, TestIPNotAllowedThroughTheDriver); these pin the
// shapes those peers cannot send (Atlas's code 8000, an authenticated user without privilege).
func TestClassifyShapes(t *testing.T) {
	atlas := target{host: "cluster0.abcde.mongodb.net", srv: true, tls: true}
	local := target{host: "127.0.0.1:27017"}
	localTLS := target{host: "127.0.0.1:27017", tls: true}
	scenarios := []struct {
		name string
		err  error
		t    target
		want string
	}{
		{"no privilege (code 13)", mongo.CommandError{Code: 13, Name: "Unauthorized", Message: "not authorized on shopdb to execute command { listCollections: 1 }"}, local, CodeUnauthorized},
		{"atlas shared tier bad auth", mongo.CommandError{Code: 8000, Name: "AtlasError", Message: "bad auth : authentication failed"}, atlas, CodeUnauthorized},
		{"other server error", mongo.CommandError{Code: 2, Name: "BadValue"}, local, CodeDBError},
		{"ip not on the access list (likely)", selection(io.EOF, io.EOF, io.ErrUnexpectedEOF), atlas, CodeIPNotAllowed},
		{"eof on a non-atlas TLS host is TLS", selection(io.EOF), localTLS, CodeTLSError},
		// Issue 12: a database stopped under a pooled connection fails the next command with EOF / reset.
		{"eof on a plain URI is unreachable", selection(io.EOF), local, check.CodeUnreachable},
		{"pooled connection reset on a plain URI", &net.OpError{Op: "read", Err: syscall.ECONNRESET}, local, check.CodeUnreachable},
		{"tls text on a plain URI is not TLS", errors.New("tls: first record does not look like a TLS handshake"), local, CodeDBError},
		{"certificate", selection(&net.OpError{Op: "dial", Err: x509.UnknownAuthorityError{}}), atlas, CodeTLSError},
		{"one host refused, one bad certificate", selection(&net.OpError{Op: "dial", Err: errors.New("connect: connection refused")}, x509.HostnameError{Certificate: &x509.Certificate{}, Host: "x"}), localTLS, CodeTLSError},
		{"dns inside a server error", selection(&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "h", IsNotFound: true}}), local, CodeDNSNotFound},
		{"selection timeout without cause", selection(), local, check.CodeTimeout},
		{"unknown", errors.New("something odd"), local, CodeDBError},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			if got := classify(context.Background(), sc.err, sc.t); got != sc.want {
				t.Fatalf("classify(%v) = %s, want %s", sc.err, got, sc.want)
			}
		})
	}
}

func TestParseTarget(t *testing.T) {
	scenarios := []struct {
		uri, host, db string
		srv           bool
		bad           bool
	}{
		{uri: "mongodb+srv://u:p%40ss@cluster0.abcde.mongodb.net/shop?retryWrites=true&w=majority", host: "cluster0.abcde.mongodb.net", db: "shop", srv: true},
		{uri: "mongodb://u:p@a:1,b:2/db?replicaSet=rs0", host: "a:1,b:2", db: "db"},
		{uri: "mongodb://u:p@[::1]:27017,[::1]:27018/db", host: "[::1]:27017,[::1]:27018", db: "db"},
		{uri: "mongodb://localhost", host: "localhost"},
		{uri: "mongodb://u:p@host/bad.name", bad: true},
		{uri: "redis://host", bad: true},
	}
	for _, sc := range scenarios {
		got, err := parseTarget(sc.uri)
		if sc.bad {
			if err == nil {
				t.Errorf("%s: want an error", sc.uri)
			}
			continue
		}
		if err != nil || got.host != sc.host || got.dbName != sc.db || got.srv != sc.srv {
			t.Errorf("%s: got %+v, %v", sc.uri, got, err)
		}
	}
}
