package tables

import "testing"

// TestFunctionBodies checks that the tables of SQL and PL/pgSQL bodies
// go to the package defining the function (as ddl) and to the packages
// calling it (as the body uses them), through nested calls.
func TestFunctionBodies(t *testing.T) {
	root := writeRepo(t, map[string]string{
		"go.mod":              "module example.com/m\n",
		"migrations/embed.go": "package migrations\n\nimport \"embed\"\n\n//go:embed *.sql\nvar FS embed.FS\n",
		"migrations/001_init.sql": `CREATE TABLE users (id int);
CREATE TABLE sessions (id int, user_id int REFERENCES users(id));
CREATE TABLE audit (msg text);
CREATE OR REPLACE FUNCTION purge_sessions() RETURNS void AS $$
DECLARE
  n int;
BEGIN
  DELETE FROM sessions WHERE expired;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN
    INSERT INTO audit (msg) VALUES ('purged ' || n);
  END IF;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM users WHERE name <> ''root''';
CREATE FUNCTION public.nightly() RETURNS void AS $body$
BEGIN
  PERFORM purge_sessions();
  CREATE TEMP TABLE stale AS SELECT id FROM users;
  DELETE FROM stale;
END
$body$ LANGUAGE plpgsql;
CREATE PROCEDURE loop_a() LANGUAGE plpgsql AS $$ BEGIN CALL loop_b(); END $$;
CREATE PROCEDURE loop_b() LANGUAGE plpgsql AS $$ BEGIN CALL loop_a(); UPDATE users SET id = id; END $$;
CREATE TRIGGER audit_purge AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION purge_sessions();
DO $$ BEGIN UPDATE users SET id = id + 0; END $$;
`,
		"store/store.go": `package store

import (
	"database/sql"

	_ "github.com/lib/pq"
)

func Purge(db *sql.DB) { db.Exec("SELECT purge_sessions()") }

func Count(db *sql.DB) { db.QueryRow("SELECT user_count()") }

func Nightly(db *sql.DB) { db.Exec("SELECT public.nightly()") }

func Loop(db *sql.DB) { db.Exec("CALL loop_a()") }
`,
	})
	r := collectRepo(t, root, Options{})
	checks := []struct{ where, tables string }{
		{"migrations/001_init.sql:4", "audit:ddl sessions:ddl"}, // the defining package owns the body's tables
		{"migrations/001_init.sql:15", "users:ddl"},
		{"migrations/001_init.sql:16", "users:ddl"}, // its temporary table is not a table
		{"migrations/001_init.sql:25", "audit:ddl sessions:ddl users:ddl"},
		{"migrations/001_init.sql:26", "users:write"}, // DO runs its body
		{"store/store.go:9", "audit:write sessions:write"},
		{"store/store.go:11", "users:read"},
		{"store/store.go:13", "audit:write sessions:write users:read"}, // nested PERFORM, schema-qualified call
		{"store/store.go:15", "users:write"},                           // recursive procedures end
	}
	for _, c := range checks {
		s := stmtAt(r, c.where)
		if s == nil {
			t.Errorf("%s: no statement", c.where)
			continue
		}
		if accString(s.Tables) != c.tables {
			t.Errorf("%s: tables [%s], want [%s] (%.60q)", c.where, accString(s.Tables), c.tables, s.SQL)
		}
	}
	has := func(pkg, table, access string) bool {
		for _, pt := range r.Packages[pkg] {
			if pt.Name == table && pt.Access == access {
				return true
			}
		}
		return false
	}
	if !has("store", "sessions", Write) || !has("migrations", "sessions", DDL) || has("migrations", "sessions", Write) {
		t.Errorf("packages: %v", r.Packages)
	}
}
