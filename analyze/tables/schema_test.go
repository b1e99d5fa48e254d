package tables

import (
	"slices"
	"testing"
)

// TestLiveSchema replays migrations in version order: numbers compare
// as numbers (10 after 2), down migrations are left out, renames chain
// and move their accesses to the live name.
func TestLiveSchema(t *testing.T) {
	root := writeRepo(t, map[string]string{
		"go.mod":              "module example.com/m\n",
		"migrations/embed.go": "package migrations\n",
		"migrations/1/01_init.up.sql": "CREATE TABLE users (id int);\nCREATE TABLE legacy_tokens (id int);\n" +
			"CREATE TABLE people (id int);\nCREATE TABLE old_orders (id int);\n",
		"migrations/1/01_init.down.sql": "DROP TABLE users;\n",
		"migrations/2/01_rename.up.sql": "ALTER TABLE people RENAME TO persons;\nDROP TABLE IF EXISTS widgets;\n",
		"migrations/3/01_again.up.sql":  "ALTER TABLE IF EXISTS ONLY persons RENAME TO members;\n",
		"migrations/5/01_mysql.up.sql":  "RENAME TABLE old_orders TO orders_archive;\n",
		"migrations/10/01_drop.up.sql":  "DROP TABLE legacy_tokens;\nCREATE TABLE widgets (id int);\n",
		"migrations/down/2/01_undo.sql": "DROP TABLE members;\n",
		"migrations/11/01_temp.up.sql":  "CREATE TEMP TABLE t1 AS SELECT id FROM users;\nDROP TABLE t1;\n",
		"store/store.go": `package store

import "database/sql"

func People(db *sql.DB) { db.Query("SELECT id FROM people") }

func Tokens(db *sql.DB) { db.Query("SELECT id FROM legacy_tokens") }
`,
	})
	r := collectRepo(t, root, Options{})
	type state struct {
		dropped  bool
		at, to   string
		hasUsers bool
	}
	want := map[string]state{
		"users":          {false, "", "", true},
		"legacy_tokens":  {true, "migrations/10/01_drop.up.sql:1", "", true},
		"people":         {true, "migrations/2/01_rename.up.sql:1", "members", false},
		"persons":        {true, "migrations/3/01_again.up.sql:1", "members", false},
		"members":        {false, "", "", true},
		"old_orders":     {true, "migrations/5/01_mysql.up.sql:1", "orders_archive", false},
		"orders_archive": {false, "", "", true},
		"widgets":        {false, "", "", true},
	}
	var names []string
	for _, tb := range r.Tables {
		names = append(names, tb.Name)
		w, ok := want[tb.Name]
		if !ok {
			t.Errorf("unexpected table %s", tb.Name)
			continue
		}
		users := len(tb.Readers)+len(tb.Writers)+len(tb.DDL) > 0
		if tb.Dropped != w.dropped || tb.DroppedAt != w.at || tb.RenamedTo != w.to || users != w.hasUsers {
			t.Errorf("%s: dropped %v at %q renamed to %q, users %v; want %+v", tb.Name, tb.Dropped, tb.DroppedAt, tb.RenamedTo, users, w)
		}
	}
	if len(names) != len(want) {
		t.Errorf("tables %v", names)
	}
	if !slices.Contains(r.Packages["store"], PackageTable{"members", Read, Direct}) {
		t.Errorf("store's read of people does not count for members: %v", r.Packages["store"])
	}
	if s := stmtAt(r, "store/store.go:5"); s == nil || accString(s.Tables) != "members:read" {
		t.Errorf("statement of the renamed table: %+v", s)
	}
}

func TestNoDDLNothingDropped(t *testing.T) {
	root := writeRepo(t, map[string]string{
		"go.mod":         "module example.com/m\n",
		"store/store.go": "package store\n\nimport \"database/sql\"\n\nfunc F(db *sql.DB) { db.Query(\"SELECT id FROM users\") }\n",
	})
	for _, tb := range collectRepo(t, root, Options{}).Tables {
		if tb.Dropped {
			t.Errorf("%s dropped without DDL", tb.Name)
		}
	}
}

func TestNaturalCompare(t *testing.T) {
	ordered := []string{"0/01_a.up.sql", "1/01_a.up.sql", "2/01_a.up.sql", "10/01_a.up.sql",
		"m/001_init.sql", "m/002_b.sql", "m/010_c.sql", "v/20230101120000_x.go", "v/20230201090000_y.go"}
	got := slices.Clone(ordered)
	slices.Reverse(got)
	slices.SortFunc(got, naturalCompare)
	if !slices.Equal(got, ordered) {
		t.Errorf("got %v", got)
	}
}
