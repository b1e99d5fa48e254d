package tables

import "testing"

// TestShop runs the pass over the fixture monolith: four domains, each
// with a store package of PostgreSQL SQL, embedded migrations and a
// named-query file.
func TestShop(t *testing.T) {
	r := collectRepo(t, "../../testdata/shop", Options{})
	if r.Dialect != "postgres" {
		t.Errorf("dialect %q (%s)", r.Dialect, r.DialectReason)
	}
	has := func(pkg, table, access, via string) bool {
		for _, pt := range r.Packages[pkg] {
			if pt.Name == table && pt.Access == access && pt.Via == via {
				return true
			}
		}
		return false
	}
	want := []struct{ pkg, table, access, via string }{
		{"ordering/store", "orders", Write, Direct},
		{"ordering", "orders", Write, Carried},      // service -> store.(*Store).CreateOrder
		{"ordering", "order_lines", Write, Carried}, // second INSERT of the same method
		{"api", "orders", Read, Carried},            // handler -> ordering service -> store
		{"identity/store", "users", Read, Direct},   // queries.sql, embedded
		{"identity", "users", Write, Carried},       // named query tied to (*Store).CreateUser
		{"billing/store", "billing.ledger_entries", Write, Direct},
		{"migrations", "billing.ledger_entries", DDL, Direct}, // embedded *.sql
		{"migrations", "orders", DDL, Direct},                 // REFERENCES orders(id)
		{"catalog/search", "products", Read, Direct},
	}
	for _, w := range want {
		if !has(w.pkg, w.table, w.access, w.via) {
			t.Errorf("%s: want %s %s %s; has %v", w.pkg, w.table, w.access, w.via, r.Packages[w.pkg])
		}
	}
	for _, tb := range r.Tables {
		if tb.Name == "schema_migrations" {
			t.Error("schema_migrations not ignored")
		}
	}
	if has("ordering/store", "orders", Write, Carried) {
		t.Error("direct access also reported as carried")
	}
	s := stmtAt(r, "identity/store/queries.sql:10")
	if s == nil || s.Name != "create-user" || s.Func != "(*Store).CreateUser" || s.Package != "identity/store" {
		t.Errorf("named query: %+v", s)
	}
	var unknown []string
	for _, w := range r.Warnings {
		unknown = append(unknown, w.Where)
	}
	if len(unknown) != 1 || unknown[0] != "catalog/store/store.go:32" {
		t.Errorf("warnings %v: want only the Sprintf'd table of catalog/store Count", unknown)
	}
	if r.Found < 80 || r.Unknown != 1 {
		t.Errorf("found %d, unknown %d", r.Found, r.Unknown)
	}
	// The same input gives the same output.
	again := collectRepo(t, "../../testdata/shop", Options{})
	if len(again.Statements) != len(r.Statements) || len(again.Tables) != len(r.Tables) {
		t.Error("not deterministic")
	}
	for i := range r.Statements {
		if r.Statements[i].Where != again.Statements[i].Where || accString(r.Statements[i].Tables) != accString(again.Statements[i].Tables) {
			t.Fatalf("statement %d differs between runs", i)
		}
	}
}
