package tables

import (
	"runtime"
	"slices"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"
)

// understand reads one statement: the parser first for data statements
// (it knows aliases and nesting exactly), the scanner for DDL and for
// whatever the parser rejects. DDL never goes to the parser: it loses
// foreign keys and logs through the global logger on half-parsed DDL.
func understand(sql string, mysql bool) (kind string, acc []Access, how string) {
	r := read(sql, mysql)
	return r.kind, r.acc, r.how
}

// ReadStatement reads one SQL statement alone, the way Finish reads
// each statement before relating it to the others: its kind (select,
// insert, update, delete, ddl or other), the tables it names with
// their access, sorted (a CREATE FUNCTION: its body's tables, as ddl),
// and how it was understood (HowParsed, HowScanned or HowUnknown).
// dialect is as in Options ("" reads quotes the PostgreSQL way). What
// needs other statements does not apply: CTEs of another constant,
// temporary tables, calls of functions defined elsewhere, renames,
// DefaultIgnore. It is what a check against another SQL parser compares.
func ReadStatement(sql, dialect string) (kind string, tables []Access, how string) {
	return understand(sql, dialect == "mysql")
}

// reading is what read finds in one statement: its kind, tables and
// how they were found, and the facts Finish needs across statements.
type reading struct {
	kind, how string
	acc       []Access
	temp      []string   // tables CREATE TEMP TABLE makes
	ops       []schemaOp // what it does to the schema
	calls     []string   // names called as name(...): maybe user-defined functions
	fn        *sqlFunc   // CREATE FUNCTION/PROCEDURE: the function and what its body touches
}

// read reads one statement; see understand.
func read(sql string, mysql bool) reading {
	toks := lex(sql, mysql)
	sc := newScanner(sql, toks)
	kind, acc, ok := sc.result()
	r := reading{kind: kind, acc: acc, how: HowScanned, temp: sc.temp, ops: sc.ops, calls: dedupeStrings(sc.calls)}
	switch kind {
	case "select", "insert", "update", "delete":
		if startsWithWith(sql, toks) {
			break // the parser knows no CTEs: do not pay for a sure failure
		}
		if k, pacc, pok := parseSQL(normalizeTokens(sql, toks)); pok && (len(pacc) > 0 || !ok || len(acc) == 0) {
			r.kind, r.acc, r.how = k, pacc, HowParsed
			return r
		}
	case "ddl", "other":
		if body, name, ok := sc.routineBody(); ok {
			r.fn = readBody(name, body, mysql)
			if name != "" {
				// The defining package owns what the body touches.
				for _, a := range r.fn.acc {
					r.acc = append(r.acc, Access{a.Table, DDL})
				}
			} else {
				r.acc = append(r.acc, r.fn.acc...) // DO $$ ... $$ runs now
				r.calls = append(r.calls, r.fn.calls...)
				r.temp = append(r.temp, r.fn.temp...)
				r.fn = nil
			}
			r.acc = dedupe(r.acc)
		}
	}
	if !ok {
		r.how = HowUnknown
	}
	return r
}

func dedupeStrings(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

func startsWithWith(sql string, toks []sqlTok) bool {
	for _, t := range toks {
		if t.trivia() || t.kind == tPunct && sql[t.start] == '(' {
			continue
		}
		return t.kind == tWord && strings.EqualFold(sql[t.start:t.end], "with")
	}
	return false
}

// understandAll reads every pending statement, spread over the CPUs;
// each result goes to its own slot, so the order stays deterministic.
func understandAll(stmts []*stmt, mysql bool) {
	var eg errgroup.Group
	eg.SetLimit(max(1, runtime.GOMAXPROCS(0)))
	for _, s := range stmts {
		if s.How != "" {
			continue
		}
		eg.Go(func() error {
			s.reading = read(s.SQL, mysql)
			s.Kind, s.Tables, s.How = s.reading.kind, s.reading.acc, s.reading.how
			return nil
		})
	}
	eg.Wait()
}

// looksSQL decides whether a Go string is a SQL statement. loose is for
// strings passed straight to a database call, where a statement verb at
// the start is enough; elsewhere the verb must come with its structure
// (SELECT..FROM, INSERT INTO, UPDATE t SET, DELETE FROM, CREATE TABLE...)
// and the text must not read like an error message.
func looksSQL(s string, loose bool) bool {
	sc := newScanner(s, lex(firstBytes(s, 4096), false))
	i := 0
	for sc.is(i, "(") {
		i++
	}
	verb := sc.word(i)
	if !sqlVerbs[verb] {
		return false
	}
	if loose {
		return true
	}
	if hasProse(s) {
		return false
	}
	next := sc.word(i + 1)
	switch verb {
	case "SELECT":
		from := sc.index("FROM", i)
		return from > 0 && !sc.article(from+1)
	case "INSERT":
		j := i + 1
		if next == "OR" {
			j += 2
		}
		for sc.word(j) == "IGNORE" || sc.word(j) == "LOW_PRIORITY" || sc.word(j) == "DELAYED" {
			j++
		}
		return sc.word(j) == "INTO" && !sc.article(j+1)
	case "REPLACE", "MERGE":
		return next == "INTO" && !sc.article(i+2)
	case "UPDATE":
		return sc.updateShape(i + 1)
	case "DELETE":
		return next == "FROM" && !sc.article(i+2)
	case "WITH":
		return len(sc.ctes) > 0
	case "CREATE":
		if next == "TABLE" && !sc.has("(") && sc.index("AS", i) < 0 {
			return false // "create table file": a message, not DDL
		}
		return ddlObjects[next] || next == "OR" || next == "UNIQUE" || next == "TEMP" || next == "TEMPORARY" ||
			next == "VIRTUAL" || next == "UNLOGGED" || next == "MATERIALIZED"
	case "ALTER", "DROP":
		return (ddlObjects[next] || next == "MATERIALIZED") && i+2 < len(sc.t)
	case "TRUNCATE":
		return next == "TABLE" || i+2 == len(sc.t)
	case "CALL":
		_, j, ok := sc.name(i + 1)
		return ok && sc.is(j, "(")
	}
	return false
}

// articles open English noun phrases, never table names: "Select a
// file from the list", "delete from the cache".
var articles = setOf("A AN THE THIS THAT THESE THOSE YOUR MY OUR THEIR ITS HIS HER WHICH SOME EACH EVERY")

// article reports whether the word at i is an article.
func (sc *scanner) article(i int) bool {
	return i < len(sc.t) && sc.t[i].kind == tWord && articles[sc.up[i]]
}

// updateShape checks UPDATE's structure from the word after the verb:
// [ONLY|OR x|LOW_PRIORITY|IGNORE] name [[AS] alias] then SET, or a
// join or a list before a later SET (MySQL's multi-table form). Help
// text such as "Update a static-type host set:" has the verb and a
// SET but not this shape.
func (sc *scanner) updateShape(j int) bool {
	for {
		switch sc.word(j) {
		case "ONLY", "LOW_PRIORITY", "IGNORE":
			j++
			continue
		case "OR":
			j += 2
			continue
		}
		break
	}
	if sc.article(j) {
		return false
	}
	_, j, ok := sc.name(j)
	if !ok {
		return false
	}
	if sc.word(j) == "AS" {
		j++
	}
	if w := sc.word(j); w != "SET" && j < len(sc.t) && (sc.t[j].kind == tWord && !reserved[w] || sc.t[j].kind == tQuoted) {
		j++ // alias
	}
	switch w := sc.word(j); {
	case w == "SET":
		return true
	case w == "JOIN" || w == "LEFT" || w == "INNER" || w == "STRAIGHT_JOIN" || w == "CROSS" || sc.is(j, ","):
		return sc.index("SET", j) > 0
	}
	return false
}

var ddlObjects = setOf("TABLE INDEX VIEW TRIGGER SEQUENCE TYPE SCHEMA FUNCTION EXTENSION DOMAIN")

// hasProse catches messages such as "select failed: %w" or "delete
// from cache: could not..." that start like SQL. Only the first line is
// looked at: SQL comments further down may say anything.
func hasProse(s string) bool {
	low := strings.ToLower(firstBytes(s, 200))
	if i := strings.IndexByte(low, '\n'); i >= 0 {
		low = low[:i]
	}
	for _, p := range []string{"%w", ": %", "failed to", "could not", "unable to", "cannot "} {
		if strings.Contains(low, p) {
			return true
		}
	}
	// A label ("Update a host set:") or a sentence ends where SQL cannot.
	t := strings.TrimRight(s, " \t\r\n")
	return strings.HasSuffix(t, ":") || strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..")
}

func firstBytes(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// sortAccess orders accesses by table, then access kind.
func sortAccess(acc []Access) {
	sort.Slice(acc, func(i, j int) bool {
		if acc[i].Table != acc[j].Table {
			return acc[i].Table < acc[j].Table
		}
		return acc[i].Access < acc[j].Access
	})
}

// dedupe sorts accesses and drops repeats.
func dedupe(acc []Access) []Access {
	if len(acc) == 0 {
		return nil
	}
	sortAccess(acc)
	out := acc[:1]
	for _, a := range acc[1:] {
		if a != out[len(out)-1] {
			out = append(out, a)
		}
	}
	return out
}
