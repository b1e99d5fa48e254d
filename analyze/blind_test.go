package analyze

import (
	"strings"
	"testing"

	"github.com/seams-tool/seams/analyze/tables"
)

// TestBlindData checks when seams says that most data access is out of
// its sight, and that it says why.
func TestBlindData(t *testing.T) {
	stmts := func(n int, how string, withTable bool) []tables.Statement {
		out := make([]tables.Statement, n)
		for i := range out {
			out[i] = tables.Statement{How: how}
			if withTable {
				out[i].Tables = []tables.Access{{Table: "orders", Access: tables.Read}}
			}
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		res   tables.Result
		tests bool
		want  []string // substrings; none: no warning
	}{
		{"mostly read", tables.Result{Statements: append(stmts(30, tables.HowParsed, true), stmts(10, tables.HowUnknown, false)...)}, false, nil},
		{"mostly not understood", tables.Result{Statements: append(stmts(10, tables.HowParsed, true), stmts(15, tables.HowUnknown, false)...)}, false,
			[]string{"15 of 25", "15 not understood"}},
		{"ORM without tables", tables.Result{Statements: append(stmts(5, tables.HowParsed, true), stmts(20, tables.HowORM, false)...)}, false,
			[]string{"20 of 25", "20 query-builder or ORM calls"}},
		{"test code left out", tables.Result{Statements: stmts(8, tables.HowParsed, true), Tests: 30}, false,
			[]string{"30 of 38", "30 in test code, left out"}},
		{"test code read", tables.Result{Statements: stmts(8, tables.HowParsed, true), Tests: 30}, true, nil},
		{"too few to tell", tables.Result{Statements: stmts(9, tables.HowUnknown, false)}, false, nil},
		{"half is not most", tables.Result{Statements: append(stmts(15, tables.HowParsed, true), stmts(15, tables.HowUnknown, false)...)}, false, nil},
	} {
		got := blindData(&tc.res, tc.tests)
		if len(tc.want) == 0 {
			if got != "" {
				t.Errorf("%s: warned %q", tc.name, got)
			}
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, got, w)
			}
		}
	}
}
