package tables

import (
	"slices"
	"strings"
	"testing"
)

// tableNames lists the tables of a result.
func tableNames(r *Result) []string {
	var out []string
	for _, t := range r.Tables {
		out = append(out, t.Name)
	}
	return out
}

// TestOnlyRealTables checks what must never come out as a table: system
// catalogs, temporary tables, format holes, words of prose, the other
// objects ALTER ... RENAME TO names, and CTE names defined in another
// constant of a concatenation.
func TestOnlyRealTables(t *testing.T) {
	root := writeRepo(t, map[string]string{
		"go.mod": "module example.com/m\n",
		"store/store.go": "package store\n\n" + `import (
	"database/sql"
	"fmt"

	_ "github.com/lib/pq"
)

func catalogs(db *sql.DB) {
	db.Query("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace")
	db.Query("SELECT count(*) FROM pg_stat_activity WHERE datname = $1")
	db.Query("SELECT indexrelid FROM pg_index")
	db.Query("SELECT table_name FROM information_schema.tables")
	db.Query("SELECT name FROM sqlite_master WHERE type = 'table'")
	db.Query("SELECT user FROM mysql.user")
}

func scratch(db *sql.DB) {
	db.Exec("CREATE TEMP TABLE scratch AS SELECT id FROM users")
	db.Exec("INSERT INTO orders_archive SELECT o.* FROM orders o JOIN scratch s ON s.id = o.user_id")
	db.Exec("DROP TABLE scratch")
}

func hole(db *sql.DB, t string) {
	db.Exec(fmt.Sprintf(` + "`INSERT INTO \"%s\" (a) VALUES (1)`" + `, t))
	db.Exec(fmt.Sprintf("DELETE FROM audit_%s WHERE id = $1", t))
}

const withRecent = "WITH recent AS (SELECT * FROM orders WHERE created_at > now() - interval '1 day') "

const selectRecent = "SELECT r.id FROM recent r JOIN users u ON u.id = r.user_id"

func recentOrders(db *sql.DB) { db.Query(withRecent + selectRecent) }

func recentQuery() string { return selectRecent }

func renames(db *sql.DB) {
	db.Exec("ALTER INDEX users_email_idx RENAME TO users_email_key")
	db.Exec("ALTER SEQUENCE users_id_seq RENAME TO members_id_seq")
	db.Exec("ALTER FUNCTION touch() RENAME TO touch_updated")
	db.Exec("ALTER TYPE mood RENAME TO feeling")
	db.Exec("ALTER DOMAIN email RENAME TO email_address")
	db.Exec("ALTER TABLE IF EXISTS people RENAME TO persons")
}
`,
		"cmd/help.go": `package cmd

var helpUpdate = []string{
	"Usage: tool host-sets update [options]",
	"    Update a static-type host set:",
	"    Update an existing host set given its ID. Example:",
}

const helpSelect = "Select a file from the list"

const helpDelete = "Delete from the cache every entry."
`,
	})
	r := collectRepo(t, root, Options{})
	got := tableNames(r)
	want := []string{"orders", "orders_archive", "people", "persons", "users"}
	if !slices.Equal(got, want) {
		t.Errorf("tables %v, want %v", got, want)
	}
	var unknown []string
	for _, w := range r.Warnings {
		unknown = append(unknown, w.Where)
	}
	if !slices.Equal(unknown, []string{"store/store.go:26", "store/store.go:27"}) {
		t.Errorf("warnings at %v, want the two holes", unknown)
	}
	for _, s := range r.Statements {
		if strings.HasPrefix(s.Where, "cmd/") {
			t.Errorf("prose read as SQL: %s %q", s.Where, s.SQL)
		}
	}
	if s := stmtAt(r, "store/store.go:34"); s == nil || accString(s.Tables) != "orders:read users:read" {
		t.Errorf("CTE of the other constant: %+v", s)
	}
	if s := stmtAt(r, "store/store.go:32"); s == nil || accString(s.Tables) != "users:read" {
		t.Errorf("constant used alone keeps its CTE shadowed: %+v", s)
	}
}

func TestScanRenameTargets(t *testing.T) {
	tests := []struct{ sql, want string }{
		{"ALTER INDEX a_idx RENAME TO b_idx", ""},
		{"ALTER SEQUENCE s RENAME TO s2", ""},
		{"ALTER FUNCTION f(int) RENAME TO g", ""},
		{"ALTER PROCEDURE p() RENAME TO q", ""},
		{"ALTER TYPE t RENAME TO t2", ""},
		{"ALTER DOMAIN d RENAME TO d2", ""},
		{"ALTER TABLE a RENAME TO b", "a:ddl b:ddl"},
		{"ALTER TABLE a RENAME COLUMN x TO y", "a:ddl"},
		{"ALTER VIEW v RENAME TO w", "v:ddl w:ddl"},
		{"ALTER MATERIALIZED VIEW v RENAME TO w", "v:ddl w:ddl"},
		{"RENAME TABLE a TO b, c TO d", "a:ddl b:ddl c:ddl d:ddl"},
	}
	for _, tt := range tests {
		_, acc, _ := scanSQL(tt.sql, false)
		if got := accString(acc); got != tt.want {
			t.Errorf("%s: got [%s], want [%s]", tt.sql, got, tt.want)
		}
	}
}
