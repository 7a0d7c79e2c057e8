package secrets

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"strings"

	"github.com/godbus/dbus/v5"
)

// sessionBusCheck refuses before go-keyring runs when there is no session bus to talk to. Without a bus
// address godbus runs dbus-launch, which starts a dbus-daemon and a keyring daemon per call and leaves them
// running (observed on Debian 12, see shared/notes/keychain.md).
func sessionBusCheck() error {
	addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	if addr == "" || addr == "autolaunch:" {
		// godbus falls back to this socket itself when the variable is empty.
		if isSocket(fmt.Sprintf("/run/user/%d/bus", os.Getuid())) {
			return nil
		}
		return fmt.Errorf("%w: no session bus (DBUS_SESSION_BUS_ADDRESS is empty and /run/user/%d/bus is missing)", ErrNoKeychain, os.Getuid())
	}
	if busAddressUsable(addr) {
		return nil
	}
	return fmt.Errorf("%w: the session bus address points to no socket", ErrNoKeychain)
}

// busAddressUsable reports whether one of the ';'-separated addresses can be dialled without spawning
// anything: a unix path must exist as a socket; abstract sockets and tcp cannot be checked cheaply and spawn
// nothing, so they count; autolaunch does spawn, so it does not.
func busAddressUsable(addrs string) bool {
	for _, a := range strings.Split(addrs, ";") {
		transport, params, ok := strings.Cut(a, ":")
		if !ok {
			continue
		}
		switch transport {
		case "unix":
			for _, kv := range strings.Split(params, ",") {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "path":
					if p, err := unescapeBusValue(v); err == nil && isSocket(p) {
						return true
					}
				case "abstract":
					return true
				}
			}
		case "tcp", "nonce-tcp", "unixexec", "systemd":
			return true
		}
	}
	return false
}

// unescapeBusValue undoes the %XX escaping of D-Bus address values.
func unescapeBusValue(v string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] != '%' {
			b.WriteByte(v[i])
			continue
		}
		if i+2 >= len(v) {
			return "", errors.New("bad escape")
		}
		var c byte
		if _, err := fmt.Sscanf(v[i+1:i+3], "%02x", &c); err != nil {
			return "", err
		}
		b.WriteByte(c)
		i += 2
	}
	return b.String(), nil
}

func isSocket(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().Type() == fs.ModeSocket
}

// mapPlatformError classifies Secret Service failures (cases observed on Debian 12).
func mapPlatformError(err error) error {
	if name := dbusErrorName(err); name != "" {
		switch {
		case strings.HasSuffix(name, ".IsLocked"):
			return ErrLocked
		case strings.HasPrefix(name, "org.freedesktop.DBus.Error."):
			// ServiceUnknown, NameHasNoOwner, NoReply, Spawn.*: nobody provides the Secret Service.
			return ErrNoKeychain
		}
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.Is(err, exec.ErrNotFound) {
		return ErrNoKeychain
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "failed to unlock correct collection"):
		// No login collection, or it is locked and no prompt can be shown.
		return ErrLocked
	case strings.Contains(msg, "dbus:"), strings.Contains(msg, "dbus-launch"):
		return ErrNoKeychain
	}
	return nil
}

// dbusErrorName returns the D-Bus error name inside err, "" when there is none (godbus returns the struct by
// value or by pointer depending on the path).
func dbusErrorName(err error) string {
	var v dbus.Error
	if errors.As(err, &v) {
		return v.Name
	}
	var p *dbus.Error
	if errors.As(err, &p) && p != nil {
		return p.Name
	}
	return ""
}
