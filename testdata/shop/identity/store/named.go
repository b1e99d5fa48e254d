package store

import (
	_ "embed"
	"strings"
)

//go:embed queries.sql
var queriesSQL string

// queries is filled once at start-up so that a missing name fails fast
// in tests rather than at the first login in production.
var queries = parseNamed(queriesSQL)

// parseNamed splits a file of "-- name: x" blocks into a map.
func parseNamed(src string) map[string]string {
	out := make(map[string]string)
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			out[name] = strings.TrimSpace(body.String())
		}
		body.Reset()
	}
	for _, line := range strings.Split(src, "\n") {
		if rest, ok := strings.CutPrefix(line, "-- name:"); ok {
			flush()
			name = strings.TrimSpace(rest)
			continue
		}
		if name != "" && !strings.HasPrefix(strings.TrimSpace(line), "--") {
			body.WriteString(line)
			body.WriteByte('\n')
		}
	}
	flush()
	return out
}

func query(name string) string {
	q, ok := queries[name]
	if !ok {
		panic("identity/store: no query named " + name)
	}
	return q
}
