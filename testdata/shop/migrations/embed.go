// Package migrations holds the SQL schema of the shop. It lives next to the
// .sql files because go:embed cannot reach into parent directories.
package migrations

import "embed"

// FS holds every migration; platform/db applies them in file-name order.
//
//go:embed *.sql
var FS embed.FS
