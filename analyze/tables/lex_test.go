package tables

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		mysql bool
		want  []string
	}{
		{"plain", "SELECT 1; SELECT 2;", false, []string{"SELECT 1", "SELECT 2"}},
		{"no trailing semicolon", "  SELECT 1  ", false, []string{"SELECT 1"}},
		{"semicolon in string", "INSERT INTO t VALUES ('a;b'); DELETE FROM t", false, []string{"INSERT INTO t VALUES ('a;b')", "DELETE FROM t"}},
		{"doubled quote", "SELECT 'it''s;'; SELECT 2", false, []string{"SELECT 'it''s;'", "SELECT 2"}},
		{"quoted identifier", `SELECT "a;b" FROM t; SELECT 2`, false, []string{`SELECT "a;b" FROM t`, "SELECT 2"}},
		{"backtick", "SELECT `a;b` FROM t; SELECT 2", true, []string{"SELECT `a;b` FROM t", "SELECT 2"}},
		{"line comment", "SELECT 1 -- no; split\n; SELECT 2", false, []string{"SELECT 1", "SELECT 2"}},
		{"block comment", "/* a; b */ SELECT 1; /* only a comment */;", false, []string{"SELECT 1"}},
		{"dollar body", "CREATE FUNCTION f() RETURNS int AS $$ BEGIN; RETURN 1; END; $$ LANGUAGE plpgsql; SELECT 2",
			false, []string{"CREATE FUNCTION f() RETURNS int AS $$ BEGIN; RETURN 1; END; $$ LANGUAGE plpgsql", "SELECT 2"}},
		{"tagged dollar body", "DO $body$ x; $$ y; $body$; SELECT 1", false, []string{"DO $body$ x; $$ y; $body$", "SELECT 1"}},
		{"positional parameter is not a dollar quote", "SELECT $1; SELECT $2", false, []string{"SELECT $1", "SELECT $2"}},
		{"mysql backslash escape", `SELECT 'a\';b'; SELECT 2`, true, []string{`SELECT 'a\';b'`, "SELECT 2"}},
		{"mysql hash comment", "SELECT 1 # x; y\n; SELECT 2", true, []string{"SELECT 1", "SELECT 2"}},
		{"E string", `SELECT E'a\';b'; SELECT 2`, false, []string{`SELECT E'a\';b'`, "SELECT 2"}},
		{"sqlite trigger body", "CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE b SET n = n + 1; DELETE FROM c; END; SELECT 1",
			false, []string{"CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE b SET n = n + 1; DELETE FROM c; END", "SELECT 1"}},
		{"unterminated quote", "SELECT 'abc; SELECT 2", false, []string{"SELECT 'abc; SELECT 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range Split(tt.in, tt.mysql) {
				got = append(got, p.Text)
			}
			if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") {
				t.Errorf("Split(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkSplit asserts the splitter's invariants: pieces are ordered,
// non-empty, equal to their range of the input, and what lies between
// them is only whitespace, comments and semicolons.
func checkSplit(t *testing.T, s string, mysql bool) {
	pieces := Split(s, mysql)
	prev := 0
	for _, p := range pieces {
		if p.Start < prev || p.End <= p.Start || p.End > len(s) || s[p.Start:p.End] != p.Text {
			t.Fatalf("bad piece %+v of %q", p, s)
		}
		gap := s[prev:p.Start]
		for _, tk := range lex(gap, mysql) {
			if !tk.trivia() && tk.kind != tSemi {
				t.Fatalf("gap %q before piece %+v holds %q", gap, p, gap[tk.start:tk.end])
			}
		}
		prev = p.End
	}
	for _, tk := range lex(s[prev:], mysql) {
		if !tk.trivia() && tk.kind != tSemi {
			t.Fatalf("tail %q holds a token", s[prev:])
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"SELECT 1; SELECT 2", "SELECT 'a;b' -- c;\n; /* d; */ SELECT $1",
		"CREATE FUNCTION f() AS $x$ a; $x$; SELECT 1", "$", "$$", "$a", "'", `"`, "`", "/*", "--", "E'\\'",
		"CREATE TRIGGER t BEGIN CASE WHEN 1 THEN 2 END; END; x", "::", ":a", "?;?",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, mysql bool) {
		toks := lex(s, mysql)
		end := 0
		for _, tk := range toks {
			if tk.start != end || tk.end <= tk.start {
				t.Fatalf("tokens do not tile the input at %d: %+v", end, tk)
			}
			end = tk.end
		}
		if end != len(s) {
			t.Fatalf("tokens end at %d of %d", end, len(s))
		}
		checkSplit(t, s, mysql)
	})
}
