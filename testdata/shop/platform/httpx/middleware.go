// Package httpx holds the HTTP middleware and response helpers shared by
// every handler of the shop.
package httpx

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"time"

	"example.com/shop/platform/errs"
	"example.com/shop/platform/log"
)

// Middleware decorates a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies mws so that the first one is the outermost.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// RequestID tags the request context so log lines can be correlated.
func RequestID() Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := r.Header.Get("X-Request-Id")
			if id == "" {
				var b [8]byte
				_, _ = rand.Read(b[:])
				id = hex.EncodeToString(b[:])
			}
			w.Header().Set("X-Request-Id", id)
			next.ServeHTTP(w, r.WithContext(log.WithRequestID(r.Context(), id)))
		})
	}
}

// AccessLog logs one line per request with its duration.
func AccessLog(lg *log.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			next.ServeHTTP(w, r)
			lg.Info(r.Context(), "request", "method", r.Method, "path", r.URL.Path, "took", time.Since(start))
		})
	}
}

// Recover turns a panic into a 500 instead of killing the connection.
func Recover(lg *log.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if v := recover(); v != nil {
					lg.Error(r.Context(), "panic", errs.Invalid("httpx.Recover", "%v", v))
					http.Error(w, "internal error", http.StatusInternalServerError)
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}
