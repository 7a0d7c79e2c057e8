// Package platform is the one seam between backend services and the desktop runtime (events, native dialogs,
// clipboard). Services take a Runtime; main wires the Wails implementation, tests use Recorder, and dev
// builds used by the browser E2E can answer dialogs from files (see platform_*.go in package main).
package platform

import (
	"context"
	"sync"
)

// FileFilter narrows a native file dialog, e.g. {"Environment files", "*.env;*.env.*"}.
type FileFilter struct {
	DisplayName string
	Pattern     string
}

// Runtime is what backend services may ask of the desktop shell.
type Runtime interface {
	// Emit sends an event to the frontend. It must not block for long.
	Emit(event string, data any)
	// OpenFile shows an open dialog; "" means the user cancelled.
	OpenFile(ctx context.Context, title string, filters []FileFilter) (string, error)
	// SaveFile shows a save dialog; "" means the user cancelled.
	SaveFile(ctx context.Context, title, defaultName string, filters []FileFilter) (string, error)
	// SetClipboard replaces the clipboard text.
	SetClipboard(ctx context.Context, text string) error
}

// Notification is one native desktop notification. ID names what it is about (a profile and check), so
// a click on it can open the app on that card.
type Notification struct {
	ID    string
	Title string
	Body  string
}

// Notifier is a Runtime that can show native notifications (the desktop app; not siyanactl).
type Notifier interface {
	Notify(ctx context.Context, n Notification) error
}

// Event is one emitted event, as recorded by Recorder.
type Event struct {
	Name string
	Data any
}

// Recorder is a Runtime for tests: it records events and answers dialogs with fixed paths.
type Recorder struct {
	mu        sync.Mutex
	events    []Event
	OpenPath  string
	SavePath  string
	Clipboard string
	notes     []Notification
}

func (r *Recorder) Notify(_ context.Context, n Notification) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.notes = append(r.notes, n)
	return nil
}

// Notifications returns a copy of the notifications recorded so far.
func (r *Recorder) Notifications() []Notification {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Notification(nil), r.notes...)
}

func (r *Recorder) Emit(event string, data any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, Event{Name: event, Data: data})
}

func (r *Recorder) OpenFile(context.Context, string, []FileFilter) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.OpenPath, nil
}

func (r *Recorder) SaveFile(context.Context, string, string, []FileFilter) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.SavePath, nil
}

func (r *Recorder) SetClipboard(_ context.Context, text string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Clipboard = text
	return nil
}

// Events returns a copy of the events recorded so far.
func (r *Recorder) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}
