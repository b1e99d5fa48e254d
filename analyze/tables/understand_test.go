package tables

import (
	"strings"
	"testing"
)

func accString(acc []Access) string {
	var parts []string
	for _, a := range acc {
		parts = append(parts, a.Table+":"+a.Access)
	}
	return strings.Join(parts, " ")
}

func TestUnderstand(t *testing.T) {
	tests := []struct {
		name, sql string
		mysql     bool
		kind, how string
		want      string // sorted "table:access" list
	}{
		// PostgreSQL
		{"pg select params casts", "SELECT id FROM users WHERE id = $1::bigint AND email ILIKE $2", false, "select", HowParsed, "users:read"},
		{"pg join aliases", `SELECT o.id FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN users AS u ON u.id = o.user_id`, false, "select", HowParsed, "order_lines:read orders:read users:read"},
		{"pg returning", "INSERT INTO orders (user_id) VALUES ($1) RETURNING id", false, "insert", HowParsed, "orders:write"},
		{"pg on conflict", "INSERT INTO stock (sku, n) VALUES ($1, $2) ON CONFLICT (sku) DO UPDATE SET n = stock.n + EXCLUDED.n", false, "insert", HowParsed, "stock:write"},
		{"pg insert select", "INSERT INTO archive SELECT * FROM orders WHERE created_at < now() - interval '1 year'", false, "insert", HowScanned, "archive:write orders:read"},
		{"pg cte", "WITH recent AS (SELECT * FROM orders WHERE created_at > $1) SELECT r.id FROM recent r JOIN users u ON u.id = r.user_id", false, "select", HowScanned, "orders:read users:read"},
		{"pg recursive cte", "WITH RECURSIVE tree(id) AS (SELECT id FROM categories WHERE parent_id IS NULL UNION ALL SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id) SELECT * FROM tree", false, "select", HowScanned, "categories:read"},
		{"pg data-modifying cte", "WITH moved AS (DELETE FROM queue WHERE id = $1 RETURNING *) INSERT INTO done SELECT * FROM moved", false, "insert", HowScanned, "done:write queue:write"},
		{"pg update from", "UPDATE stock s SET n = s.n - l.quantity FROM order_lines l WHERE l.product_id = s.product_id", false, "update", HowScanned, "order_lines:read stock:write"},
		{"pg delete using", "DELETE FROM sessions s USING users u WHERE s.user_id = u.id AND u.disabled", false, "delete", HowScanned, "sessions:write users:read"},
		{"pg quoted and schema", `SELECT * FROM "Billing"."Ledger_Entries" e JOIN billing.accounts a ON a.id = e.account_id`, false, "select", HowParsed, "billing.accounts:read billing.ledger_entries:read"},
		{"pg functions are not tables", "SELECT x FROM unnest($1::int[]) AS x, generate_series(1, 3) g JOIN LATERAL jsonb_each(x) j ON true", false, "select", HowScanned, ""},
		{"pg extract from", "SELECT EXTRACT(EPOCH FROM created_at), substring(name FROM 2) FROM events WHERE a IS DISTINCT FROM b", false, "select", HowScanned, "events:read"},
		{"pg for update skip locked", "SELECT id FROM jobs WHERE state = 'ready' ORDER BY id NULLS LAST LIMIT 1 FOR UPDATE SKIP LOCKED", false, "select", HowParsed, "jobs:read"},
		{"pg ddl foreign keys", "CREATE TABLE IF NOT EXISTS order_lines (id bigserial PRIMARY KEY, order_id bigint REFERENCES orders(id) ON DELETE CASCADE, product_id bigint NOT NULL REFERENCES catalog.products (id))", false, "ddl", HowScanned, "catalog.products:ddl order_lines:ddl orders:ddl"},
		{"pg alter add fk", "ALTER TABLE ONLY payments ADD CONSTRAINT fk FOREIGN KEY (invoice_id) REFERENCES invoices(id)", false, "ddl", HowScanned, "invoices:ddl payments:ddl"},
		{"pg create index", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users USING btree (lower(email))", false, "ddl", HowScanned, "users:ddl"},
		{"pg drop tables", "DROP TABLE IF EXISTS a, b CASCADE", false, "ddl", HowScanned, "a:ddl b:ddl"},
		{"pg truncate", "TRUNCATE carts, cart_items RESTART IDENTITY", false, "delete", HowScanned, "cart_items:write carts:write"},
		{"pg create view", "CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE NOT disabled", false, "ddl", HowScanned, "active_users:ddl users:read"},
		{"sprintf hole as table", "SELECT count(*) FROM ? WHERE archived_at IS NULL", false, "select", HowUnknown, ""},
		{"sprintf hole as column", "SELECT ? FROM products WHERE id = ?", false, "select", HowParsed, "products:read"},
		// MySQL
		{"mysql backticks", "SELECT `u`.`id` FROM `user` `u` WHERE `u`.`name` = ?", true, "select", HowParsed, "user:read"},
		{"mysql on duplicate", "INSERT INTO counters (k, n) VALUES (?, 1) ON DUPLICATE KEY UPDATE n = n + 1", true, "insert", HowParsed, "counters:write"},
		{"mysql multi delete", "DELETE a FROM access a JOIN repository r ON r.id = a.repo_id WHERE r.owner_id = ?", true, "delete", HowParsed, "access:write repository:read"},
		{"mysql update join", "UPDATE issue i JOIN repository r ON r.id = i.repo_id SET i.is_closed = 1 WHERE r.id = ?", true, "update", HowParsed, "issue:write repository:read"},
		{"mysql double-quoted string", `SELECT id FROM t WHERE name = "x;y"`, true, "select", HowParsed, "t:read"},
		// SQLite
		{"sqlite insert or replace", "INSERT OR REPLACE INTO property (id, value) VALUES (?, ?)", false, "insert", HowParsed, "property:write"},
		{"sqlite update or ignore", "UPDATE OR IGNORE annotation SET item_id = ? WHERE item_id = ?", false, "update", HowScanned, "annotation:write"},
		{"sqlite trigger", "CREATE TRIGGER tr AFTER DELETE ON album BEGIN DELETE FROM annotation WHERE item_id = old.id; END", false, "ddl", HowScanned, "album:ddl annotation:write"},
		{"sqlite virtual table", "CREATE VIRTUAL TABLE IF NOT EXISTS media_fts USING fts5(title)", false, "ddl", HowScanned, "media_fts:ddl"},
		// other
		{"no table", "SELECT 1", false, "select", HowParsed, ""},
		{"set", "SET search_path TO billing", false, "other", HowScanned, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, acc, how := understand(tt.sql, tt.mysql)
			if got := accString(acc); got != tt.want || kind != tt.kind || how != tt.how {
				t.Errorf("understand(%q)\n got  %s %s [%s]\n want %s %s [%s]", tt.sql, kind, how, got, tt.kind, tt.how, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT * FROM t WHERE a = $1 AND b = $12", "SELECT * FROM t WHERE a = :v1 AND b = :v12"},
		{"SELECT a::int, b::varchar(20)[], c::timestamp with time zone FROM t", "SELECT a, b, c FROM t"},
		{`SELECT "x" FROM "T"`, "SELECT `x` FROM `T`"},
		{"SELECT * FROM t WHERE n ILIKE $1", "SELECT * FROM t WHERE n LIKE :v1"},
		{"INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING RETURNING id", "INSERT INTO t (a) VALUES (1) "},
		{"SELECT * FROM t ORDER BY a DESC NULLS LAST", "SELECT * FROM t ORDER BY a DESC "},
		{"SELECT * FROM t FOR UPDATE SKIP LOCKED", "SELECT * FROM t "},
		{"INSERT OR REPLACE INTO t VALUES (1)", "REPLACE INTO t VALUES (1)"},
		{"SELECT DISTINCT ON (a) a FROM t", "SELECT DISTINCT a FROM t"},
		{"SELECT E'a' -- c\nFROM t;", "SELECT 'a'   FROM t "},
		{"SELECT 'it''s $1' FROM t", "SELECT 'it''s $1' FROM t"},
	}
	for _, tt := range tests {
		if got := normalize(tt.in, false); got != tt.want {
			t.Errorf("normalize(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func TestLooksSQL(t *testing.T) {
	yes := []string{"SELECT a FROM t", "insert into t values (1)", "UPDATE t SET a = 1", "DELETE FROM t",
		"WITH x AS (SELECT 1) SELECT * FROM x", "CREATE TABLE t (a int)", "ALTER TABLE t ADD COLUMN b int", "  (SELECT a FROM t)"}
	no := []string{"select a file", "Delete the item", "create table file", "insert organization: %v",
		"update failed: %w", "SELECT", "drop table", "selection FROM x"}
	for _, s := range yes {
		if !looksSQL(s, false) {
			t.Errorf("looksSQL(%q) = false", s)
		}
	}
	for _, s := range no {
		if looksSQL(s, false) {
			t.Errorf("looksSQL(%q) = true", s)
		}
	}
	if !looksSQL("SELECT 1", true) || looksSQL("SELECT 1", false) {
		t.Errorf("loose test: SELECT 1 passed to a database call is SQL")
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"SELECT * FROM a JOIN b ON a.id = b.id", "WITH x AS (SELECT 1 FROM t) SELECT * FROM x",
		"INSERT INTO t (a) SELECT a FROM u RETURNING *", "UPDATE a SET x = 1 FROM b", "DELETE FROM a USING b",
		`CREATE TABLE "S"."T" (a int REFERENCES u(id))`, "FROM", "JOIN (", "INTO `a`.", "WITH", "WITH a AS (",
		"SELECT * FROM ?", "UPDATE OR", "TABLE", "REFERENCES \"\"", "SELECT a::int FROM t WHERE b = $1",
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, mysql bool) {
		_, acc, _ := scanSQL(s, mysql)
		for _, a := range acc {
			if a.Table == "" || a.Table != strings.ToLower(a.Table) {
				t.Fatalf("bad table name %q from %q", a.Table, s)
			}
			for _, part := range strings.Split(a.Table, ".") {
				if !validPart(part) {
					t.Fatalf("bad table name %q from %q", a.Table, s)
				}
			}
			if a.Access != Read && a.Access != Write && a.Access != DDL {
				t.Fatalf("bad access %q", a.Access)
			}
		}
		_ = normalize(s, mysql)
		understand(s, mysql) // must not panic
	})
}
