package tables

import "strings"

// Functions and procedures written in SQL or PL/pgSQL touch tables
// where nobody sees it: a package that runs SELECT purge_sessions()
// writes the tables purge_sessions writes. read finds the body of
// CREATE FUNCTION/PROCEDURE (and of DO blocks, which run at once) and
// scans it statement by statement; Finish then gives every statement
// calling a defined function the tables of its body, through nested
// calls, with the access kinds of the body.

// sqlFunc is a function or procedure defined in SQL.
type sqlFunc struct {
	name  string   // lower-case, schema-qualified as written
	acc   []Access // what the body touches itself
	calls []string // names the body calls
	temp  []string // temporary tables the body makes
}

// routineBody finds the body of CREATE [OR REPLACE] FUNCTION|PROCEDURE
// name(...) ... AS $$body$$ (or 'body', or BEGIN ATOMIC ... END) and of
// DO $$body$$; name is "" for a DO block.
func (sc *scanner) routineBody() (body, name string, ok bool) {
	i := 0
	switch sc.word(0) {
	case "DO":
	case "CREATE":
		i = 1
		if sc.word(i) == "OR" && sc.word(i+1) == "REPLACE" {
			i += 2
		}
		if w := sc.word(i); w != "FUNCTION" && w != "PROCEDURE" {
			return "", "", false
		}
		n, _, ok := sc.name(i + 1)
		if !ok {
			return "", "", false
		}
		name = n
	default:
		return "", "", false
	}
	for j := i + 1; j < len(sc.t); j++ {
		t := sc.t[j]
		switch {
		case t.kind == tDollar:
			text := sc.text(j)
			k := strings.IndexByte(text[1:], '$') + 2 // after the opening tag
			if k < 2 || len(text) < 2*k {
				return text[min(k, len(text)):], name, true // unterminated
			}
			return text[k : len(text)-k], name, true
		case t.kind == tString && (sc.word(j-1) == "AS" || sc.word(0) == "DO"):
			return strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(sc.text(j), "'"), "'"), "''", "'"), name, true
		case sc.up[j] == "ATOMIC" && sc.word(j-1) == "BEGIN":
			return sc.s[t.end:], name, true
		}
	}
	return "", "", false
}

// plControl are PL/pgSQL words that may open a statement of a body
// before the SQL it runs.
var plControl = setOf("BEGIN ELSE LOOP THEN END DECLARE EXCEPTION")

// readBody scans a routine body statement by statement. Holes and
// dynamic SQL (EXECUTE format(...)) leave their tables unknown; they do
// not make the definition a statement not understood.
func readBody(name, body string, mysql bool) *sqlFunc {
	fn := &sqlFunc{name: name}
	for _, piece := range Split(body, mysql) {
		toks := lex(piece.Text, mysql)
		sc := newScanner(piece.Text, toks)
		for len(sc.t) > 1 && plControl[sc.up[0]] {
			sc.t, sc.up = sc.t[1:], sc.up[1:]
		}
		sc.ctes = sc.cteNames()
		sc.run()
		fn.acc = append(fn.acc, sc.acc...)
		fn.calls = append(fn.calls, sc.calls...)
		fn.temp = append(fn.temp, sc.temp...)
	}
	fn.acc = dropTables(dedupe(fn.acc), fn.temp)
	fn.calls = dedupeStrings(fn.calls)
	return fn
}

// dropTables removes the accesses to the named tables.
func dropTables(acc []Access, names []string) []Access {
	if len(names) == 0 {
		return acc
	}
	var out []Access
	for _, a := range acc {
		if !containsString(names, a.Table) {
			out = append(out, a)
		}
	}
	return out
}

func containsString(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// funcIndex resolves calls to the functions defined anywhere in the
// repository, by full name and by the name without its schema.
type funcIndex struct {
	byName map[string][]*sqlFunc
	memo   map[*sqlFunc][]Access
}

func newFuncIndex(stmts []*stmt) *funcIndex {
	ix := &funcIndex{byName: map[string][]*sqlFunc{}, memo: map[*sqlFunc][]Access{}}
	for _, s := range stmts {
		fn := s.reading.fn
		if fn == nil || fn.name == "" {
			continue
		}
		ix.byName[fn.name] = append(ix.byName[fn.name], fn)
		if i := strings.LastIndexByte(fn.name, '.'); i >= 0 {
			bare := fn.name[i+1:]
			ix.byName[bare] = append(ix.byName[bare], fn)
		}
	}
	return ix
}

// lookup finds the definitions a call name may mean (overloads and
// redefinitions by CREATE OR REPLACE all count).
func (ix *funcIndex) lookup(name string) []*sqlFunc {
	if fns := ix.byName[name]; len(fns) > 0 {
		return fns
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return ix.byName[name[i+1:]]
	}
	return nil
}

// tables returns what a call of fn touches: its body and, through
// nested calls, the bodies it calls. A recursive call adds nothing.
func (ix *funcIndex) tables(fn *sqlFunc) []Access {
	if acc, ok := ix.memo[fn]; ok {
		return acc
	}
	ix.memo[fn] = nil // a cycle reads as no further tables
	acc := append([]Access{}, fn.acc...)
	for _, c := range fn.calls {
		for _, callee := range ix.lookup(c) {
			if callee != fn {
				acc = append(acc, ix.tables(callee)...)
			}
		}
	}
	acc = dedupe(acc)
	ix.memo[fn] = acc
	return acc
}

// called returns the tables the functions called by a statement touch:
// with the body's access kinds for a data statement, as ddl for DDL
// (CREATE TRIGGER ... EXECUTE FUNCTION f()).
func (ix *funcIndex) called(s *stmt) []Access {
	if len(ix.byName) == 0 || s.reading.fn != nil {
		return nil
	}
	var out []Access
	for _, c := range s.reading.calls {
		for _, fn := range ix.lookup(c) {
			for _, a := range ix.tables(fn) {
				if s.Kind == "ddl" {
					a.Access = DDL
				}
				out = append(out, a)
			}
		}
	}
	return out
}
