package tables

import "fmt"

// Size limits keep the pass linear and its memory bounded on hostile
// or generated input; what they leave out is named in a Warning. Real
// repositories are far below them: the largest Go file of the test
// corpus is 0.6 MB, the largest SQL literal a few KB.
const (
	// MaxGoFile bounds the Go files read: a bigger one is skipped whole
	// (bindata, generated tables), with a warning naming it.
	MaxGoFile = 16 << 20
	// MaxSQLFile bounds the .sql files read: bigger ones are data
	// dumps, not schema or queries.
	MaxSQLFile = 4 << 20
	// maxLiteral bounds one string literal, and one evaluated string
	// (a concatenation, a Sprintf, constants spliced into each other,
	// which can grow exponentially), read as SQL.
	maxLiteral = 1 << 20
)

// tooBig is what an evaluation over maxLiteral returns; it cannot be
// mistaken for SQL.
const tooBig = "\x00too big\x00"

// sizeName renders a byte count the way the limits are documented.
func sizeName(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
