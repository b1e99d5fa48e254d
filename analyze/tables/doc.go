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
//	for _, f := range files {
//		c.Add(tables.File{Pkg: f.Dir, ImportPath: f.ImportPath, Path: f.Path,
//			Fset: fset, AST: f.AST, Generated: f.Generated})
//	}
//	res := c.Finish(root, skipDir, skipFile)
//
// AddFile is Add for a hand-written file.
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
//     gorm, xorm, bun, beego...): From/Join/LeftJoin("t ..."),
//     Insert/Update/Delete/Into("t"), Table("t"), QueryTable("t"), a
//     tableName field set to a literal, and a TableName() method
//     returning a literal or a constant. A builder call is a statement
//     with How "builder"; Table/QueryTable take the access of their
//     call chain (db.Table("t").Where(...).Updates(...) writes).
//   - ORM calls on model types (How "orm", Via "orm"; ormwalk.go,
//     ormfinish.go): db.Create(&u), x.Where(...).Get(&t), o.Read(t),
//     db.Model(&User{}).Update(...), db.NewSelect().Model(&rows),
//     client.User.Create() (ent). A model argument is told by its
//     syntax (&T{}, T{}, new(T)) or by the declared type of a local
//     variable or parameter, and resolved by name through the file's
//     imports and the package's declarations, without type checking.
//     Its table is explicit (TableName(), bun:"table:t", go-pg's
//     tableName field, gorp's AddTableWithName, ent's
//     entsql.Annotation{Table: ...}) or the ORM's default rule for a
//     type tagged for it or registered with it (gorm, bun, go-pg, ent:
//     snake_case plural, singular with gorm's SingularTable; xorm,
//     beego: snake_case; gorp: the type name); a type extending
//     another (xorm:"extends") reads that type's table. Registrations
//     (AutoMigrate, Sync2, RegisterModel, AddTable) are ddl; ent schema
//     types are ddl of the schema package. Only packages using an ORM,
//     directly or through a module package wrapping one, count.
//   - SQL and PL/pgSQL function bodies (funcs.go): CREATE FUNCTION and
//     PROCEDURE bodies are scanned; the defining statement owns their
//     tables (ddl), and a statement calling the function (SELECT f(),
//     CALL p(), PERFORM f() in another body) touches them as the body
//     does, through nested calls. DO blocks run their body.
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
// TABLE AS's sources are read), and so are ANALYZE and VACUUM targets;
// ALTER INDEX/SEQUENCE/FUNCTION/TYPE/DOMAIN ... RENAME TO names no
// table. ORM model names (TableName()) are ddl, other builder names
// read. Names are lower-cased, unquoted, with the schema kept as a
// prefix; DefaultIgnore (migration bookkeeping, pg_*, information_schema,
// sqlite_*, mysql.*) and Options.Ignore drop tables. A format hole in a
// table position (FROM "%s", audit_%s) makes the statement not
// understood, never a table named "?". Outside database-call arguments
// a string must have a statement's shape to be SQL: help text such as
// "Update a static-type host set:" is prose.
//
// The dialect is guessed from the driver imports (lib/pq, pgx,
// go-sql-driver/mysql, go-sqlite3, modernc sqlite...) and sql.Open
// driver names; it only changes how quotes are read (MySQL: "x" is a
// string, backslash escapes, # comments).
//
// # Across statements
//
// Some statements mean something only beside others (post.go,
// schema.go): a CTE defined in another constant of a concatenation
// shadows that name in the constant used alone; CREATE TEMP TABLE x
// makes x no table in its file and function; calls of SQL functions
// take the body's tables; and the DDL replayed in migration order
// (paths compared with numbers as numbers: 0/01 < 2/01 < 10/01,
// 001_ < 010_, timestamps; down migrations left out) gives the live
// schema: a table dropped, or renamed and not created again, is marked
// Table.Dropped with DroppedAt and RenamedTo, and a renamed table's
// accesses count for its live name. Without DDL nothing is dropped.
//
// # Tests and generated code
//
// Test SQL (Statement.Test: _test.go files, packages all of whose files
// are tests, files under TestDirs, pgTAP .sql files) is left out unless
// Options.Tests, and test functions carry nothing to their callers'
// packages. SQL of generated files (File.Generated) is marked
// Statement.Generated and kept unless Options.NoGenerated.
//
// # Limits
//
// The pass is linear in the size of its input. Go files over
// MaxGoFile (16 MiB) and .sql files over MaxSQLFile (4 MiB) are
// skipped, and a literal or an evaluated string over 1 MiB is not read,
// each with a Warning naming it (limits.go). BenchmarkHostile shows the
// cost per statement staying flat from 10k to 160k statements in one file.
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
// TestLabelledAccuracy requires 97% exact matches. The module in
// oracle/ compares every PostgreSQL statement of the fixtures, and of a
// real repository with SEAMS_ORACLE_REPO=/path, with PostgreSQL's own
// parser (ReadStatement is what it compares). TestRealRepo
// (SEAMS_REAL_REPO=/path) and the benchmarks (SEAMS_BENCH_REPO=/path)
// run the pass over a real repository.
package tables
