package tables

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeRepo lays out files (path -> content) under a temporary root.
func writeRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// stmtAt finds the statement at where ("file:line").
func stmtAt(r *Result, where string) *Statement {
	for i := range r.Statements {
		if r.Statements[i].Where == where {
			return &r.Statements[i]
		}
	}
	return nil
}

func TestCollectGoSources(t *testing.T) {
	root := writeRepo(t, map[string]string{
		"go.mod": "module example.com/m\n",
		"store/store.go": `package store

import (
	"database/sql"
	"fmt"

	_ "github.com/lib/pq"
)

const cols = "id, name"

const selectUser = "SELECT " + cols + " FROM users"

const table = "audit_log"

type Store struct{ db *sql.DB }

func (s *Store) User(id int) error {
	_, err := s.db.Query(selectUser+" WHERE id = $1", id)
	return err
}

func (s *Store) Audit(msg string) error {
	q := fmt.Sprintf("INSERT INTO %s (msg) VALUES ($1)", table)
	_, err := s.db.Exec(q, msg)
	return err
}

func (s *Store) Count(t string) error {
	_, err := s.db.Exec(fmt.Sprintf("SELECT count(*) FROM %s", t))
	return err
}

func purge(db *sql.DB) {
	query := "DELETE FROM sessions WHERE expired"
	query += " AND user_id IN (SELECT id FROM users)"
	db.Exec(query)
	db.Exec("VACUUM")
	db.Exec("TRUNCATE schema_migrations")
	_ = fmt.Errorf("select failed: %w", nil)
}
`,
		"repo/repo.go": `package repo

import . "github.com/Masterminds/squirrel"

type albumRepo struct{ tableName string }

func newAlbumRepo() *albumRepo {
	r := &albumRepo{}
	r.tableName = "album"
	return r
}

func (r *albumRepo) list() {
	Select("*").From("album").
		LeftJoin("library on album.library_id = library.id")
	Delete("playlist_tracks")
}
`,
		"model/model.go": `package model

type Issue struct{}

// TableName is the gorm table of Issue.
func (Issue) TableName() string { return "issue" }
`,
		"web/web.go": `package web

import "net/http"

func routes(r interface{ Delete(string, http.HandlerFunc) }) {
	r.Delete("items", nil) // a router, not a query builder: web imports none
}
`,
	})
	r := collectRepo(t, root, Options{Ignore: []string{"audit_*"}})
	if r.Dialect != "postgres" || !strings.Contains(r.DialectReason, "lib/pq") {
		t.Errorf("dialect %q (%s)", r.Dialect, r.DialectReason)
	}
	checks := []struct{ where, fn, how, tables string }{
		{"store/store.go:19", "(*Store).User", HowParsed, "users:read"},        // concatenation with a constant
		{"store/store.go:24", "(*Store).Audit", HowParsed, ""},                 // Sprintf of a constant, ignored by audit_*
		{"store/store.go:30", "(*Store).Count", HowUnknown, ""},                // Sprintf of a parameter: table unknown
		{"store/store.go:35", "purge", HowParsed, "sessions:write users:read"}, // += appended
		{"store/store.go:39", "purge", HowScanned, ""},                         // schema_migrations ignored by default
		{"repo/repo.go:9", "newAlbumRepo", HowBuilder, "album:read"},           // table name field
		{"repo/repo.go:14", "(*albumRepo).list", HowBuilder, "album:read"},     // From
		{"repo/repo.go:15", "(*albumRepo).list", HowBuilder, "library:read"},
		{"repo/repo.go:16", "(*albumRepo).list", HowBuilder, "playlist_tracks:write"}, // Delete
		{"model/model.go:6", "Issue.TableName", HowBuilder, "issue:ddl"},              // gorm TableName
	}
	for _, c := range checks {
		s := stmtAt(r, c.where)
		if s == nil {
			t.Errorf("%s: no statement", c.where)
			continue
		}
		if s.Func != c.fn || s.How != c.how || accString(s.Tables) != c.tables {
			t.Errorf("%s: got %s %s [%s], want %s %s [%s]", c.where, s.Func, s.How, accString(s.Tables), c.fn, c.how, c.tables)
		}
	}
	for _, s := range r.Statements {
		if strings.HasPrefix(s.Where, "web/") || strings.Contains(s.SQL, "select failed") || s.SQL == "VACUUM" {
			t.Errorf("not a statement: %+v", s)
		}
		if s.Where == "store/store.go:12" {
			t.Errorf("constant read as part of a bigger statement counted again: %+v", s)
		}
	}
	if r.Unknown != 1 || len(r.Warnings) != 1 || r.Warnings[0].Where != "store/store.go:30" {
		t.Errorf("unknown %d, warnings %+v", r.Unknown, r.Warnings)
	}
	if r.Found != r.Parsed+r.Scanned+r.Unknown || r.ByDialect["postgres"] != r.Found {
		t.Errorf("counts: %+v", r)
	}
}

func TestSQLFileAttribution(t *testing.T) {
	root := writeRepo(t, map[string]string{
		"go.mod": "module example.com/m\n",
		"db/embed.go": `package db

import "embed"

//go:embed schema/*.sql
var FS embed.FS
`,
		"db/schema/001.sql": "CREATE TABLE a (id int);\nCREATE TABLE b (a_id int REFERENCES a(id));\n",
		"users/named.go": `package users

import _ "embed"

//go:embed queries.sql
var q string

func lookup(name string) string { return name }

func Get() { lookup("get-user") }
`,
		"users/queries.sql": "-- name: get-user\nSELECT * FROM users WHERE id = $1;\n\n-- name: del-user\nDELETE FROM users WHERE id = $1;\n",
		"loader/loader.go": `package loader

import "os"

func load() { os.ReadFile("sql/reports.sql") }
`,
		"sql/reports.sql":        "SELECT * FROM reports;",
		"tools/seed/seed.sql":    "INSERT INTO seeds VALUES (1);",
		"tools/seed/vendor/x.go": "package x",
	})
	r := collectRepo(t, root, Options{})
	want := map[string]struct{ pkg, fn, name, tables string }{
		"db/schema/001.sql:1":   {"db", "", "", "a:ddl"},
		"db/schema/001.sql:2":   {"db", "", "", "a:ddl b:ddl"},
		"users/queries.sql:2":   {"users", "Get", "get-user", "users:read"},
		"users/queries.sql:5":   {"users", "", "del-user", "users:write"},
		"sql/reports.sql:1":     {"loader", "", "", "reports:read"},
		"tools/seed/seed.sql:1": {"tools/seed", "", "", "seeds:write"},
	}
	for where, w := range want {
		s := stmtAt(r, where)
		if s == nil {
			t.Errorf("%s: missing", where)
			continue
		}
		if s.Package != w.pkg || s.Func != w.fn || s.Name != w.name || accString(s.Tables) != w.tables {
			t.Errorf("%s: got %s %s %s [%s], want %+v", where, s.Package, s.Func, s.Name, accString(s.Tables), w)
		}
	}
}

func TestIgnore(t *testing.T) {
	ig := newIgnore(Options{Ignore: []string{"audit_*"}})
	for _, n := range []string{"schema_migrations", "pg_catalog.pg_class", "audit_log", "dual"} {
		if !ig.match(n) {
			t.Errorf("%s not ignored", n)
		}
	}
	if ig.match("users") || newIgnore(Options{NoDefaultIgnore: true}).match("schema_migrations") {
		t.Error("ignore matched too much")
	}
}

// TestSummaryEnds: a file whose summary ends in many small items (struct
// types, each a model candidate) decodes; their count is bounded by what
// is left of the input, not by a guess at their size.
func TestSummaryEnds(t *testing.T) {
	var src strings.Builder
	src.WriteString("package m\n")
	for i := range 9 {
		fmt.Fprintf(&src, "type T%d struct{}\n", i)
	}
	root := writeRepo(t, map[string]string{"go.mod": "module example.com/m\n", "m/m.go": src.String()})
	collectRepo(t, root, Options{}) // fails the test when the summary does not decode
}
