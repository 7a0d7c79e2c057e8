// Package applog is the app's structured log: JSON lines (log/slog) in <configDir>/logs/siyana.log, rotated
// by size. Every record passes a redacting handler first, which replaces every secret value the app has read
// from the keychain this session (the redact.Registry, any profile) and credential shapes (URL user-info,
// token=...) with [REDACTED]. It is the second line of defence: callers should not log secrets at all.
package applog

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"gopkg.in/natefinch/lumberjack.v2"

	"siyana/backend/redact"
)

// Where the log lives under the config dir, and its rotation bounds: a few MB is weeks of use.
const (
	Dir        = "logs"
	File       = "siyana.log"
	MaxSizeMB  = 5
	MaxBackups = 3
	MaxAgeDays = 30
)

// Log is an open log file.
type Log struct {
	*slog.Logger
	Path string
	out  io.WriteCloser
}

// Open creates <configDir>/logs (0700) and returns a JSON logger writing there through a handler that
// redacts with r.
func Open(configDir string, level slog.Leveler, r *redact.Registry) (*Log, error) {
	if configDir == "" {
		return nil, errNoDir // never a logs dir relative to wherever the app was started
	}
	dir := filepath.Join(configDir, Dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, File)
	// lumberjack creates files 0600 and keeps the mode of an existing file on rotation.
	out := &lumberjack.Logger{Filename: path, MaxSize: MaxSizeMB, MaxBackups: MaxBackups, MaxAge: MaxAgeDays}
	return &Log{Logger: slog.New(NewHandler(slog.NewJSONHandler(out, &slog.HandlerOptions{Level: level}), r)),
		Path: path, out: out}, nil
}

var errNoDir = errors.New("applog: no config dir")

// Close flushes and closes the file.
func (l *Log) Close() error { return l.out.Close() }
