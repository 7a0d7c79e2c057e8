package applog

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"siyana/backend/redact"
)

// handler scrubs the message and every attribute (nested groups, errors, values logged as structs) before
// the wrapped handler sees them. Attributes bound with WithAttrs are kept raw and scrubbed at each record,
// so a secret registered after the logger was built is still removed.
type handler struct {
	base slog.Handler
	r    *redact.Registry
	ops  []op // WithAttrs / WithGroup calls in order
}

type op struct {
	group string
	attrs []slog.Attr
}

// NewHandler wraps next so nothing reaches it unscrubbed. r is read at every record, so a value registered
// after the logger was built is still removed; nil removes credential shapes only.
func NewHandler(next slog.Handler, r *redact.Registry) slog.Handler {
	return &handler{base: next, r: r}
}

func (h *handler) Enabled(ctx context.Context, l slog.Level) bool { return h.base.Enabled(ctx, l) }

func (h *handler) WithAttrs(as []slog.Attr) slog.Handler {
	return &handler{base: h.base, r: h.r, ops: append(h.ops[:len(h.ops):len(h.ops)], op{attrs: as})}
}

func (h *handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return &handler{base: h.base, r: h.r, ops: append(h.ops[:len(h.ops):len(h.ops)], op{group: name})}
}

func (h *handler) Handle(ctx context.Context, rec slog.Record) error {
	next := h.base
	for _, o := range h.ops {
		if o.group != "" {
			next = next.WithGroup(o.group)
		} else {
			next = next.WithAttrs(h.scrubAttrs(o.attrs))
		}
	}
	out := slog.NewRecord(rec.Time, rec.Level, h.r.Scrub(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.scrubAttr(a))
		return true
	})
	return next.Handle(ctx, out)
}

func (h *handler) scrubAttrs(as []slog.Attr) []slog.Attr {
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i] = h.scrubAttr(a)
	}
	return out
}

func (h *handler) scrubAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	key := h.r.Scrub(a.Key)
	switch v.Kind() {
	case slog.KindString:
		return slog.String(key, h.r.Scrub(v.String()))
	case slog.KindGroup:
		return slog.Attr{Key: key, Value: slog.GroupValue(h.scrubAttrs(v.Group())...)}
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.String(key, h.r.Scrub(x.Error()))
		case fmt.Stringer:
			return slog.String(key, h.r.Scrub(x.String()))
		}
		// A struct or map would be marshalled by the JSON handler with its strings intact: marshal it here,
		// and if scrubbing changes anything, log the scrubbed text instead.
		b, err := json.Marshal(v.Any())
		if err != nil {
			return slog.String(key, h.r.Scrub(fmt.Sprint(v.Any())))
		}
		if s := h.r.Scrub(string(b)); s != string(b) {
			return slog.String(key, s)
		}
		return slog.Attr{Key: key, Value: v}
	}
	return slog.Attr{Key: key, Value: v}
}
