package tables

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// hostileFile writes one Go file holding n SQL statements in the shapes
// that once made the pass quadratic per file: thousands of calls in
// one function, of local bindings extended with +=, of package
// constants, of Sprintf'd constant table names, and a long
// concatenation.
func hostileFile(n int) string {
	var b strings.Builder
	b.WriteString("package big\n\nimport (\n\t\"database/sql\"\n\t\"fmt\"\n)\n\n")
	q := n / 4
	b.WriteString("func bulk(db *sql.DB) {\n")
	for i := range q {
		fmt.Fprintf(&b, "\tdb.Exec(\"INSERT INTO t%d (a, b) VALUES ($1, $2)\", %d, %d)\n", i%100, i, i)
	}
	b.WriteString("}\n\nfunc locals(db *sql.DB) {\n")
	for i := range q {
		fmt.Fprintf(&b, "\tq%d := \"SELECT a FROM t%d\"\n\tq%d += \" WHERE id = $1\"\n\tdb.Query(q%d, 1)\n", i, i%100, i, i)
	}
	b.WriteString("}\n\n")
	for i := range q {
		fmt.Fprintf(&b, "const c%d = \"UPDATE t%d SET a = 1 WHERE id = $1\"\n", i, i%100)
		if i%100 == 99 || i == q-1 {
			fmt.Fprintf(&b, "\nfunc use%d(db *sql.DB) {\n", i)
			for j := i - i%100; j <= i; j++ {
				fmt.Fprintf(&b, "\tdb.Exec(c%d, 1)\n", j)
			}
			b.WriteString("}\n\n")
		}
	}
	rest := n - 3*q - 1
	b.WriteString("func sprintf(db *sql.DB) {\n")
	for i := range rest {
		fmt.Fprintf(&b, "\tdb.Exec(fmt.Sprintf(\"DELETE FROM %%s WHERE id = $1\", tbl%d), 1)\n", i%100)
	}
	b.WriteString("}\n\n")
	for i := range 100 {
		fmt.Fprintf(&b, "const tbl%d = \"t%d\"\n", i, i)
	}
	b.WriteString("\nconst long = \"SELECT a\"")
	for i := range n / 10 {
		fmt.Fprintf(&b, " +\n\t\", c%d\"", i)
	}
	b.WriteString(" +\n\t\" FROM wide\"\n\nfunc wide(db *sql.DB) { db.Query(long) }\n")
	return b.String()
}

func parseHostile(tb testing.TB, n int) (*token.FileSet, *ast.File) {
	tb.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "big/big.go", hostileFile(n), parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		tb.Fatal(err)
	}
	return fset, f
}

// BenchmarkHostile runs the pass over generated files of 10k, 40k and
// 160k statements; ns/stmt stays flat when the pass is linear:
//
//	go test -run - -bench Hostile -count 3 ./analyze/tables
func BenchmarkHostile(b *testing.B) {
	for _, n := range []int{10_000, 40_000, 160_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			fset, f := parseHostile(b, n)
			b.ResetTimer()
			for b.Loop() {
				c := NewCollector(Options{})
				c.AddFile("big", "x/big", "big/big.go", fset, f)
				if r := c.Finish(nil, nil, nil); r.Found != n {
					b.Fatalf("found %d statements, want %d", r.Found, n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/stmt")
		})
	}
}

// TestHostileShapes checks that every shape of the benchmark file is
// read whole: each statement once, with its table.
func TestHostileShapes(t *testing.T) {
	fset, f := parseHostile(t, 400)
	c := NewCollector(Options{})
	c.AddFile("big", "x/big", "big/big.go", fset, f)
	r := c.Finish(nil, nil, nil)
	kinds := map[string]int{}
	for _, s := range r.Statements {
		kinds[s.Kind]++
		if len(s.Tables) != 1 || !strings.HasPrefix(s.Tables[0].Table, "t") && s.Tables[0].Table != "wide" {
			t.Errorf("%s: tables %v of %.60q", s.Where, s.Tables, s.SQL)
		}
	}
	want := map[string]int{"insert": 100, "select": 101, "update": 100, "delete": 99}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%s statements: %d, want %d (all: %v)", k, kinds[k], n, kinds)
		}
	}
	if r.Found != 400 || r.Unknown != 0 {
		t.Errorf("found %d, unknown %d, warnings %v", r.Found, r.Unknown, r.Warnings)
	}
}

// TestSizeLimits checks that what the limits leave out is named in a
// warning, and that constants spliced into each other (which grow
// exponentially: 8^11 copies here) stop at the literal limit instead of
// filling memory.
func TestSizeLimits(t *testing.T) {
	var exp strings.Builder
	exp.WriteString("package p\n\nimport \"database/sql\"\n\nconst a0 = \"SELECT x FROM t\"\n")
	for i := 1; i <= 11; i++ {
		fmt.Fprintf(&exp, "const a%d = a%d", i, i-1)
		for range 7 {
			fmt.Fprintf(&exp, " + a%d", i-1)
		}
		exp.WriteString("\n")
	}
	exp.WriteString("\nfunc run(db *sql.DB) { db.Exec(a11) }\n")
	huge := "package p\n\nimport \"database/sql\"\n\nfunc run(db *sql.DB) {\n\tdb.Exec(\"SELECT x FROM t WHERE a IN (" +
		strings.Repeat("1, ", maxLiteral/3) + "1)\")\n\tdb.Exec(\"SELECT y FROM u\")\n}\n"
	small := "package p\n\nimport \"database/sql\"\n\nfunc run(db *sql.DB) { db.Exec(\"SELECT x FROM t\") }\n"
	tests := []struct {
		name, src string
		fileSize  int // pretend the file is this big; 0: as it is
		warning   string
		where     string
		found     int
	}{
		{"exponential constants", exp.String(), 0, "evaluates to more than 1 MiB", "p/p.go:16", 1}, // a5 (0.5 MB) is still read
		{"huge literal", huge, 0, "larger than 1 MiB", "p/p.go:6", 1},
		{"huge file", small, MaxGoFile + 1, "Go file of 16777217 bytes skipped: larger than 16 MiB", "p/p.go", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "p/p.go", tt.src, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			if tt.fileSize > 0 {
				f.FileEnd = f.FileStart + token.Pos(tt.fileSize)
			}
			c := NewCollector(Options{})
			c.AddFile("p", "x/p", "p/p.go", fset, f)
			r := c.Finish(nil, nil, nil)
			var got []string
			ok := false
			for _, w := range r.Warnings {
				got = append(got, w.Where+": "+w.Message)
				ok = ok || w.Where == tt.where && strings.Contains(w.Message, tt.warning)
			}
			if !ok {
				t.Errorf("want warning %s: %q; got %q", tt.where, tt.warning, got)
			}
			if r.Found != tt.found {
				t.Errorf("found %d statements, want %d", r.Found, tt.found)
			}
		})
	}
}
