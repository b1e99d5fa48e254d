package tables

import (
	"fmt"
	"slices"
	"strings"
)

// Dialects are the SQL dialects Options.Dialect takes.
var Dialects = []string{"postgres", "mysql", "sqlite"}

// Options tune the SQL pass.
type Options struct {
	// Dialect is "postgres", "mysql" or "sqlite"; "" guesses it from the
	// database driver the repository imports.
	Dialect string
	// Ignore lists extra tables to drop; a pattern may hold * (e.g.
	// "audit_*"), and is compared with the normalized (lower-case,
	// schema-qualified) name.
	Ignore []string
	// NoDefaultIgnore keeps the migration bookkeeping and system
	// catalog tables that DefaultIgnore lists.
	NoDefaultIgnore bool
	// MaxDepth bounds how many call edges a table access is carried
	// up from the function that runs the statement; 0 means 3.
	MaxDepth int
	// Tests keeps test SQL (Statement.Test) in the result; by default
	// it is left out of Statements, Tables and Packages, and test
	// functions carry no access to their callers' packages.
	Tests bool
	// NoGenerated leaves out the SQL of generated files
	// (Statement.Generated), which is kept by default.
	NoGenerated bool
}

// Validate says which option cannot be used, if one cannot.
func (o Options) Validate() error {
	if o.Dialect != "" && !slices.Contains(Dialects, o.Dialect) {
		return fmt.Errorf("unknown SQL dialect %q (known: %s)", o.Dialect, strings.Join(Dialects, ", "))
	}
	if o.MaxDepth < 0 {
		return fmt.Errorf("max depth: want at least 0, got %d", o.MaxDepth)
	}
	return nil
}

// DefaultIgnore holds the tables dropped unless Options.NoDefaultIgnore:
// migration tools' bookkeeping and system catalogs, which every domain
// touches without that saying anything about the domain.
var DefaultIgnore = []string{
	"schema_migrations", "goose_db_version", "gorp_migrations", "migrations",
	"__diesel_schema_migrations", "atlas_schema_revisions",
	"pg_catalog.*", "pg_*", "information_schema.*", "sqlite_*", "mysql.*",
	"performance_schema.*", "dual",
}

// Access kinds of a table in a statement.
const (
	Read  = "read"
	Write = "write"
	DDL   = "ddl"
)

// How a statement was understood.
const (
	HowParsed  = "parsed"  // the SQL parser accepted it (after normalization)
	HowScanned = "scanned" // the token scanner found its tables
	HowUnknown = "unknown" // neither: its tables are not known
	HowBuilder = "builder" // a query-builder call or ORM table name, not SQL text
	HowORM     = "orm"     // an ORM call on a model type, or an ent schema
)

// Via tells whether a package touches a table itself (in SQL text or a
// builder call), itself through an ORM model, or through a call.
const (
	Direct  = "direct"
	ORM     = "orm"
	Carried = "carried"
)

// Result is what the SQL pass found; everything in it is sorted.
type Result struct {
	// Dialect is the SQL dialect statements were read as ("" when no
	// driver was found), and DialectReason says why.
	Dialect, DialectReason string
	// Statements are sorted by Where (file, then line).
	Statements []Statement
	// Tables are sorted by Name.
	Tables []Table
	// Packages maps a package directory to the tables it touches,
	// each slice sorted by Name then Access.
	Packages map[string][]PackageTable
	// Found counts SQL statements; Parsed + Scanned + Unknown == Found.
	Found, Parsed, Scanned, Unknown int
	// Builder counts query-builder and ORM table-name sites, which are
	// statements too but not SQL text, so they are not in Found.
	Builder int
	// ORM counts ORM calls on model types and ent schemas (HowORM),
	// not in Found either.
	ORM int
	// Tests and Generated count the statements (SQL and builder) of
	// test and of generated sources, whether the options kept them or
	// not; the other counts hold only the statements kept.
	Tests, Generated int
	// ByDialect counts SQL statements per dialect they were read as.
	ByDialect map[string]int
	// Warnings name each statement that was not understood.
	Warnings []Warning
}

// Statement is one SQL statement, builder call or ORM table name.
type Statement struct {
	// Where is "file:line", the file relative to the repository root.
	Where string
	// Package is the package directory the statement is attributed to.
	Package string
	// Func is the enclosing function ("loadUsers", "(*Store).CreateOrder",
	// "Store.Get" for a value receiver), or the function that uses the
	// package-level constant holding the SQL; "" when there is none.
	Func string
	// Name is the query name of a "-- name: x" block in a .sql file.
	Name string
	// Kind is select, insert, update, delete, ddl or other.
	Kind string
	// How is HowParsed, HowScanned, HowUnknown or HowBuilder.
	How string
	// SQL is the statement text (builder calls: the call, e.g. From("t")).
	SQL string
	// Tables are the tables it touches, ignored ones removed, sorted.
	Tables []Access
	// Test marks test SQL: from a _test.go file, a test-only package
	// (all its Go files are tests), a file under one of TestDirs, or a
	// pgTAP .sql file. Listed only with Options.Tests.
	Test bool
	// Generated marks SQL from a generated Go file (File.Generated).
	// Listed unless Options.NoGenerated.
	Generated bool
}

// Access is one table of a statement and how the statement uses it.
type Access struct {
	Table  string
	Access string // Read, Write or DDL
}

// Table is one table and the packages that use it.
type Table struct {
	Name                  string
	Readers, Writers, DDL []User
	// Dropped marks a table the replayed DDL no longer has: dropped,
	// or renamed (RenamedTo is then its live name, which its accesses
	// count for, so it has no users of its own). DroppedAt is the
	// statement ("file:line") that dropped or renamed it.
	Dropped   bool
	DroppedAt string
	RenamedTo string
}

// User is a package using a table; Carried when it does so only by
// calling a function of another package that does.
type User struct {
	Package string
	Carried bool
	// ORM marks a package that does so itself but only through ORM
	// calls on model types (Via ORM).
	ORM bool
}

// PackageTable is one table a package touches.
type PackageTable struct {
	Name   string
	Access string // Read, Write or DDL
	Via    string // Direct, ORM or Carried
}

// Warning reports a statement the pass could not understand.
type Warning struct {
	Message string
	Where   string
}
