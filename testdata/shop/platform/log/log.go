// Package log gives every package the same structured logger. Domains
// depend on this wrapper rather than on log/slog so the backend can change
// in one place.
package log

import (
	"context"
	"io"
	"log/slog"
	"os"
)

type requestIDKey struct{}

// Logger writes structured log lines tagged with the request id, if any.
type Logger struct {
	l *slog.Logger
}

// New returns a logger that writes JSON lines to stderr.
func New(service string, debug bool) *Logger {
	level := slog.LevelInfo
	if debug {
		level = slog.LevelDebug
	}
	h := slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level})
	return &Logger{l: slog.New(h).With("service", service)}
}

// Nop returns a logger that discards everything, for tests and tools.
func Nop() *Logger {
	return &Logger{l: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// With returns a logger that adds args to every line.
func (lg *Logger) With(args ...any) *Logger {
	return &Logger{l: lg.l.With(args...)}
}

// WithRequestID stores id in ctx so that every line logged for the request
// can be correlated.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// Info logs an informational message.
func (lg *Logger) Info(ctx context.Context, msg string, args ...any) {
	lg.l.InfoContext(ctx, msg, append(args, requestAttr(ctx)...)...)
}

// Error logs a failure together with its error.
func (lg *Logger) Error(ctx context.Context, msg string, err error, args ...any) {
	args = append(args, "err", err)
	lg.l.ErrorContext(ctx, msg, append(args, requestAttr(ctx)...)...)
}

func requestAttr(ctx context.Context) []any {
	if id, ok := ctx.Value(requestIDKey{}).(string); ok {
		return []any{"request_id", id}
	}
	return nil
}
