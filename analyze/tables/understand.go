package tables

import (
	"runtime"
	"sort"
	"strings"
	"sync"
)

// understand reads one statement: the parser first for data statements
// (it knows aliases and nesting exactly), the scanner for DDL and for
// whatever the parser rejects. DDL never goes to the parser: it loses
// foreign keys and logs through the global logger on half-parsed DDL.
func understand(sql string, mysql bool) (kind string, acc []Access, how string) {
	toks := lex(sql, mysql)
	kind, acc, ok := scanTokens(sql, toks)
	switch kind {
	case "select", "insert", "update", "delete":
		if startsWithWith(sql, toks) {
			break // the parser knows no CTEs: do not pay for a sure failure
		}
		if k, pacc, pok := parseSQL(normalizeTokens(sql, toks)); pok && (len(pacc) > 0 || !ok || len(acc) == 0) {
			return k, pacc, HowParsed
		}
	}
	if !ok {
		return kind, acc, HowUnknown
	}
	return kind, acc, HowScanned
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
	var wg sync.WaitGroup
	next := make(chan *stmt)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range next {
				s.Kind, s.Tables, s.How = understand(s.SQL, mysql)
			}
		}()
	}
	for _, s := range stmts {
		if s.How == "" {
			next <- s
		}
	}
	close(next)
	wg.Wait()
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
		return sc.index("FROM", i) > 0
	case "INSERT":
		j := i + 1
		if next == "OR" {
			j += 2
		}
		for sc.word(j) == "IGNORE" || sc.word(j) == "LOW_PRIORITY" || sc.word(j) == "DELAYED" {
			j++
		}
		return sc.word(j) == "INTO"
	case "REPLACE", "MERGE":
		return next == "INTO"
	case "UPDATE":
		return i+1 < len(sc.t) && (sc.t[i+1].kind == tQuoted || sc.t[i+1].kind == tWord) && sc.index("SET", i) > 0
	case "DELETE":
		return next == "FROM"
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
	return false
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
