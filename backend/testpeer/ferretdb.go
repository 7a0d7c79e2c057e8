package testpeer

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// FerretOptions configure a FerretDB peer.
type FerretOptions struct {
	// User and Password create a SCRAM user in "admin" and turn authentication on. Both empty: no auth.
	User, Password string
	// Database is the database the URIs name (default "shopdb", the site's).
	Database string
	// TLS also listens with TLS on a second port, with a self-signed certificate for 127.0.0.1.
	TLS bool
}

// FerretDB is a running FerretDB (MongoDB wire protocol, SQLite backend) on 127.0.0.1.
type FerretDB struct {
	Proc    *Process
	Addr    string // plain listener, 127.0.0.1:port
	TLSAddr string // TLS listener when Options.TLS, else ""
	URI     string // mongodb://user:password@Addr/Database?authSource=admin (no credentials without a user)
	TLSURI  string // the same through TLSAddr, trusting CAFile; "" without TLS
	CAFile  string // PEM of the self-signed certificate; "" without TLS
	Dir     string // private state: SQLite files, state.json, certificate; removed by Stop
	Opts    FerretOptions
}

// FerretBinary is where scripts/peers/ferretdb.sh puts the binary.
func FerretBinary() (string, error) {
	dir, err := ToolsDir()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "ferretdb", "ferretdb")
	if _, err := os.Stat(bin); err != nil {
		return "", &Missing{What: "FerretDB (" + bin + ")", Hint: "run scripts/peers/ferretdb.sh"}
	}
	return bin, nil
}

// StartFerretDB starts FerretDB on a free loopback port with its own temporary state and waits until it
// accepts connections. A missing binary returns *Missing.
func StartFerretDB(ctx context.Context, opts FerretOptions) (*FerretDB, error) {
	bin, err := FerretBinary()
	if err != nil {
		return nil, err
	}
	if opts.Database == "" {
		opts.Database = "shopdb"
	}
	if (opts.User == "") != (opts.Password == "") {
		return nil, errors.New("testpeer: FerretDB needs both user and password, or neither")
	}
	// FreePort can race with another process taking the port; a few fresh attempts make that harmless.
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		f, err := startFerretOnce(ctx, bin, opts)
		if err == nil {
			return f, nil
		}
		lastErr = err
		if ctx.Err() != nil {
			break
		}
	}
	return nil, lastErr
}

func startFerretOnce(ctx context.Context, bin string, opts FerretOptions) (*FerretDB, error) {
	dir, err := os.MkdirTemp("", "siyana-ferretdb-")
	if err != nil {
		return nil, err
	}
	f := &FerretDB{Dir: dir, Opts: opts}
	ok := false
	defer func() {
		if !ok {
			f.Stop()
		}
	}()
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	f.Addr = Addr(port)
	dataDir := filepath.Join(dir, "data") + "/"
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, err
	}
	args := []string{
		"--handler=sqlite", "--sqlite-url=file:" + dataDir,
		"--listen-addr=" + f.Addr, "--state-dir=" + dir,
		"--telemetry=disable", "--debug-addr=-", "--log-level=warn",
	}
	if opts.User != "" {
		args = append(args, "--test-enable-new-auth", "--setup-database=admin",
			"--setup-username="+opts.User, "--setup-password="+opts.Password)
	}
	if opts.TLS {
		tlsPort, err := FreePort()
		if err != nil {
			return nil, err
		}
		f.TLSAddr = Addr(tlsPort)
		cert, key := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
		if err := writeSelfSigned(cert, key); err != nil {
			return nil, err
		}
		f.CAFile = cert
		args = append(args, "--listen-tls="+f.TLSAddr, "--listen-tls-cert-file="+cert, "--listen-tls-key-file="+key)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "FERRETDB_TELEMETRY=disable")
	f.Proc, err = Start("ferretdb", cmd)
	if err != nil {
		return nil, err
	}
	waitCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := f.Proc.WaitTCP(waitCtx, f.Addr); err != nil {
		return nil, err
	}
	if f.TLSAddr != "" {
		if err := f.Proc.WaitTCP(waitCtx, f.TLSAddr); err != nil {
			return nil, err
		}
	}
	f.URI = f.URIFor(opts.User, opts.Password)
	if f.TLSAddr != "" {
		f.TLSURI = fmt.Sprintf("mongodb://%s%s/%s?authSource=admin&tls=true&tlsCAFile=%s",
			userinfo(opts.User, opts.Password), f.TLSAddr, opts.Database, url.QueryEscape(f.CAFile))
	}
	ok = true
	return f, nil
}

// URIFor is the plain URI with other credentials (a wrong password, another user).
func (f *FerretDB) URIFor(user, password string) string {
	return fmt.Sprintf("mongodb://%s%s/%s?authSource=admin", userinfo(user, password), f.Addr, f.Opts.Database)
}

func userinfo(user, password string) string {
	if user == "" {
		return ""
	}
	return url.UserPassword(user, password).String() + "@"
}

// Stop kills FerretDB and removes its state directory. Safe to call twice.
func (f *FerretDB) Stop() { stopAndRemove(f.Proc, f.Dir) }

// FerretDBT starts FerretDB for a test and stops it at cleanup; a missing binary skips (fails under CI).
func FerretDBT(t TB, opts FerretOptions) *FerretDB {
	t.Helper()
	return startT(t, 0, func(ctx context.Context) (*FerretDB, error) { return StartFerretDB(ctx, opts) })
}

// writeSelfSigned writes a short-lived certificate for 127.0.0.1 and localhost, its own CA.
func writeSelfSigned(certFile, keyFile string) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "siyana test peer"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		return err
	}
	return os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
}
