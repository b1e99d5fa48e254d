// Package tables finds which package reads and writes which database
// table, from the source alone: nothing is run, no database is needed.
//
// # Use
//
// seams parses every Go file once and hands each syntax tree to a
// Collector (AddFile, safe for concurrent use); Finish then reads the
// repository's .sql files, works out every statement and returns a
// Result: statements with their tables, each table's readers, writers
// and DDL owners, and per package the tables it touches directly or
// through calls ("carried").
//
//	c := tables.NewCollector(tables.Options{})
//	for _, f := range files { c.AddFile(f.Dir, f.ImportPath, f.Path, fset, f.AST) }
//	res := c.Finish(root, skipDir, skipFile)
//
// # Where SQL is found
//
//   - Go strings passed to database calls (Query, Exec, QueryRowContext,
//     sqlx Get/Select/NamedExec, gorm Raw, xorm SQL...), and any other
//     string that is clearly a statement (a verb with its structure:
//     SELECT..FROM, INSERT INTO, UPDATE t SET, DELETE FROM, CREATE TABLE).
//     Constants and local variables are followed, across files of a
//     package and into other module packages (pkg.Const); concatenations
//     and `+=` are joined; fmt.Sprintf verbs become the known constant
//     argument or a hole ("?"), so `FROM %s` of a parameter is reported
//     as not understood instead of being guessed.
//   - .sql files, split into statements; "-- name: x" blocks (sqlc,
//     goyesql, dotsql) keep their name, and a function of the owning
//     package that mentions the name as a literal (query("x"),
//     queries["x"]) is taken to run it. A file belongs to the package
//     whose //go:embed pattern matches it, else to one whose Go code
//     names its path in a literal, else to the package of its directory
//     or the nearest one above, else to its directory.
//   - Query builders and ORMs, in packages importing one (squirrel, goqu,
//     gorm, xorm, bun...): From/Join/LeftJoin("t ..."),
//     Insert/Update/Delete/Into("t"), Table("t"), a tableName field set
//     to a literal, and a TableName() method returning a literal.
//     A builder call is a statement with How "builder".
//
// # How a statement is read
//
// A lexer that knows quotes, comments and dollar-quoting splits the text
// (Split). Data statements are normalized for the MySQL grammar of
// github.com/xwb1989/sqlparser ($1 -> :v1, casts dropped, RETURNING and
// ON CONFLICT dropped, "x" -> `x`: see normalize) and parsed; what the
// parser rejects (CTEs, UPDATE..FROM, DELETE..USING, most PostgreSQL)
// and all DDL go to a token scanner that takes names after FROM, JOIN,
// INTO, UPDATE, TABLE, REFERENCES, ON (of CREATE INDEX/TRIGGER) and
// USING (of DELETE/MERGE), minus CTE names and function calls. The
// parser never logs: ParseStrictDDL is used and DDL skips it, so the
// global logger is left alone. Parser panics are recovered.
//
// Access: INSERT/UPDATE/DELETE/TRUNCATE targets are written; tables
// after FROM/JOIN/USING, in subqueries and CTE bodies are read; names in
// CREATE/ALTER/DROP and their REFERENCES are ddl (a view's or CREATE
// TABLE AS's sources are read). ORM model names (TableName()) are ddl,
// other builder names read. Names are lower-cased, unquoted, with the
// schema kept as a prefix; DefaultIgnore and Options.Ignore drop
// bookkeeping tables.
//
// The dialect is guessed from the driver imports (lib/pq, pgx,
// go-sql-driver/mysql, go-sqlite3, modernc sqlite...) and sql.Open
// driver names; it only changes how quotes are read (MySQL: "x" is a
// string, backslash escapes, # comments).
//
// # Attribution and carrying
//
// A statement belongs to its package and enclosing function (for a
// package-level constant: the functions using it). Its tables are
// carried to the callers of that function, up to Options.MaxDepth (3)
// call edges, and every package reached other than the statement's own
// gets them as "carried". Calls are resolved by name without types (see
// carry.go for the rules): interface calls reach an implementation only
// through the caller package's imports, and calls through function
// values are not seen, so carried access is a lower bound plus some
// same-name noise, never a whole-program closure.
//
// # Accuracy
//
// testdata/sql/labelled.json holds 95 statements quoted from listmonk,
// navidrome, vikunja and gogs with their table sets read by hand;
// TestLabelledAccuracy requires 97% exact matches. TestRealRepo
// (SEAMS_REAL_REPO=/path) and the benchmarks (SEAMS_BENCH_REPO=/path)
// run the pass over a real repository.
package tables
