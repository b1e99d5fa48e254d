package tables

import (
	"strings"
)

// scanner finds tables in one statement sqlTok by sqlTok, without a
// grammar: a name in a table position (after FROM, JOIN, INTO, UPDATE,
// TABLE, REFERENCES, ON of CREATE INDEX, USING of DELETE/MERGE) is a
// table unless it is a CTE name or a function call. It understands far
// more dialects than the parser but sees no structure beyond
// parentheses, so the parser's answer wins whenever it has one.
type scanner struct {
	s    string
	t    []sqlTok // significant tokens only
	up   []string // upper-cased text of word tokens, "" for others
	ctes map[string]bool
	acc  []Access
	hole bool // a table position held a parameter: the table is not in the text
	fn   bool // a table position held a function call (FROM unnest(...))
	// temp are the tables CREATE TEMP TABLE makes; ops what the
	// statement does to the schema (create, drop, rename); calls the
	// names written as name(...), candidates for user-defined functions.
	temp  []string
	ops   []schemaOp
	calls []string
}

// reserved words can never be a table name in a table position; words
// that are keywords but common table names (user, session, status) are
// deliberately absent.
var reserved = setOf("SELECT FROM WHERE GROUP ORDER BY LIMIT OFFSET JOIN LEFT RIGHT INNER OUTER FULL CROSS NATURAL ON USING SET VALUES RETURNING UNION EXCEPT INTERSECT HAVING WINDOW FOR AS WHEN THEN ELSE END AND OR NOT IN IS NULL FETCH INSERT UPDATE DELETE DEFAULT DO CONFLICT INTO TABLESAMPLE LATERAL ONLY WITH TABLE INDEX IF EXISTS CASE DISTINCT ALL ANY LIKE ILIKE BETWEEN ASC DESC PRIMARY FOREIGN REFERENCES CONSTRAINT UNIQUE CHECK CREATE ALTER DROP ADD COLUMN TO RENAME STRAIGHT_JOIN PARTITION USE FORCE IGNORE LOW_PRIORITY DELAYED HIGH_PRIORITY QUICK")

// noFromFuncs take FROM inside their parentheses as syntax, not a table clause.
var noFromFuncs = setOf("EXTRACT SUBSTRING SUBSTR TRIM OVERLAY POSITION")

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// scanSQL reads one statement with the scanner. ok is false when the
// statement plainly touches tables that could not be found: a
// data-changing statement without a table, a SELECT with FROM but no
// table, or a table position holding a parameter (fmt.Sprintf("FROM %s")).
func scanSQL(sql string, mysql bool) (kind string, acc []Access, ok bool) {
	return scanTokens(sql, lex(sql, mysql))
}

func scanTokens(sql string, toks []sqlTok) (kind string, acc []Access, ok bool) {
	return newScanner(sql, toks).result()
}

func (sc *scanner) result() (kind string, acc []Access, ok bool) {
	kind = sc.kind()
	sc.run()
	acc = dedupe(sc.acc)
	switch {
	case sc.hole:
		return kind, acc, false
	case len(acc) == 0 && (kind == "insert" || kind == "update" || kind == "delete"):
		return kind, acc, false
	case len(acc) == 0 && kind == "select" && sc.index("FROM", 0) >= 0 && !sc.fn:
		return kind, acc, false
	}
	return kind, acc, true
}

func newScanner(s string, all []sqlTok) *scanner {
	sc := &scanner{s: s}
	for _, t := range all {
		if t.trivia() || t.kind == tSemi {
			continue
		}
		sc.t = append(sc.t, t)
		up := ""
		if t.kind == tWord {
			up = strings.ToUpper(s[t.start:t.end])
		}
		sc.up = append(sc.up, up)
	}
	sc.ctes = sc.cteNames()
	return sc
}

func (sc *scanner) text(i int) string { return sc.s[sc.t[i].start:sc.t[i].end] }

// is reports whether sqlTok i is the punctuation p.
func (sc *scanner) is(i int, p string) bool {
	return i >= 0 && i < len(sc.t) && sc.t[i].kind == tPunct && sc.text(i) == p
}

// has reports whether the punctuation p occurs anywhere.
func (sc *scanner) has(p string) bool {
	for i := range sc.t {
		if sc.is(i, p) {
			return true
		}
	}
	return false
}

func (sc *scanner) word(i int) string {
	if i < 0 || i >= len(sc.t) {
		return ""
	}
	return sc.up[i]
}

// index finds the next word w at or after i.
func (sc *scanner) index(w string, i int) int {
	for ; i < len(sc.t); i++ {
		if sc.up[i] == w {
			return i
		}
	}
	return -1
}

// close returns the index after the parenthesis that matches the one at i.
func (sc *scanner) close(i int) int {
	depth := 0
	for ; i < len(sc.t); i++ {
		switch {
		case sc.is(i, "("):
			depth++
		case sc.is(i, ")"):
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(sc.t)
}

// kind classifies the statement by its verb; behind WITH it is the first
// verb outside the CTE bodies.
func (sc *scanner) kind() string {
	i := 0
	for sc.is(i, "(") {
		i++
	}
	if sc.word(i) != "WITH" {
		return verbKind(sc.word(i))
	}
	depth := 0
	for j := i + 1; j < len(sc.t); j++ {
		switch {
		case sc.is(j, "("):
			depth++
		case sc.is(j, ")"):
			depth--
		case depth == 0:
			if k := verbKind(sc.up[j]); k != "other" {
				return k
			}
		}
	}
	return "other"
}

// verbKind maps a statement's first word to its kind.
func verbKind(w string) string {
	switch w {
	case "SELECT", "VALUES":
		return "select"
	case "INSERT", "REPLACE":
		return "insert"
	case "UPDATE":
		return "update"
	case "DELETE", "TRUNCATE":
		return "delete"
	case "CREATE", "ALTER", "DROP", "RENAME", "COMMENT", "ANALYZE", "VACUUM":
		return "ddl"
	}
	return "other"
}

// cteNames collects the names WITH defines: WITH [RECURSIVE] n [(cols)]
// AS [NOT] [MATERIALIZED] (...) {, n ...}. They shadow tables anywhere
// in the statement, which is wrong only if a CTE reuses a table's name.
func (sc *scanner) cteNames() map[string]bool {
	var names map[string]bool
	for i := range sc.t {
		if sc.up[i] != "WITH" {
			continue
		}
		j := i + 1
		if sc.word(j) == "RECURSIVE" {
			j++
		}
		for {
			name, next, ok := sc.name(j)
			if !ok {
				break
			}
			j = next
			if sc.is(j, "(") {
				j = sc.close(j)
			}
			if sc.word(j) != "AS" {
				break
			}
			j++
			for sc.word(j) == "NOT" || sc.word(j) == "MATERIALIZED" {
				j++
			}
			if !sc.is(j, "(") {
				break
			}
			if names == nil {
				names = map[string]bool{}
			}
			names[name] = true
			j = sc.close(j)
			if !sc.is(j, ",") {
				break
			}
			j++
		}
	}
	return names
}

// name reads a possibly schema-qualified table name at i, normalized.
func (sc *scanner) name(i int) (string, int, bool) {
	var parts []string
	for {
		if i >= len(sc.t) {
			return "", i, false
		}
		t := sc.t[i]
		var part string
		switch {
		case t.kind == tWord && (len(parts) > 0 || !reserved[sc.up[i]]):
			part = strings.ToLower(sc.text(i))
		case t.kind == tQuoted:
			part = unquote(sc.text(i))
		default:
			return "", i, false
		}
		if !validPart(part) {
			return "", i, false
		}
		parts = append(parts, part)
		i++
		if !sc.is(i, ".") {
			return strings.Join(parts, "."), i, true
		}
		i++
	}
}

// unquote strips "..." or `...` and folds case: seams compares names
// case-insensitively even where the database would not.
func unquote(q string) string {
	if q == "" {
		return q
	}
	c := q[0]
	q = strings.ReplaceAll(quotedBody(q), string([]byte{c, c}), string(c))
	return strings.ToLower(q)
}

// quotedBody strips the quotes of a quoted token; an unterminated one
// (the lexer runs it to the end of the input) has only the opening one.
func quotedBody(q string) string {
	if len(q) >= 2 && q[len(q)-1] == q[0] {
		return q[1 : len(q)-1]
	}
	return q[1:]
}

// validPart keeps only identifier-like names, so a quoted hole or
// expression never shows up as a table.
func validPart(p string) bool {
	if p == "" {
		return false
	}
	for i := 0; i < len(p); i++ {
		if !isIdentPart(p[i]) && p[i] != '-' {
			return false
		}
	}
	return true
}

// add records the table at i if there is one; fn says whether a name
// followed by "(" is a function call (FROM/JOIN) or the table with its
// column list (INTO t (a, b), REFERENCES t(id)).
func (sc *scanner) add(i int, access string, fn bool) int {
	for sc.word(i) == "ONLY" || sc.word(i) == "LATERAL" {
		i++
	}
	if i < len(sc.t) && (sc.t[i].kind == tParam || sc.is(i, "%")) { // $1, ?, %s, %query%
		sc.hole = true
		return i + 1
	}
	if i < len(sc.t) && sc.t[i].kind == tQuoted && strings.ContainsAny(sc.text(i), "?%") {
		sc.hole = true // FROM "%s": a quoted format hole, not a table named ?
		return i + 1
	}
	name, next, ok := sc.name(i)
	if ok && next < len(sc.t) && (sc.t[next].kind == tParam || sc.is(next, "%")) && sc.t[next].start == sc.t[next-1].end {
		sc.hole = true // FROM audit_%s: part of the name is a hole
		return next + 1
	}
	if ok && fn && sc.is(next, "(") {
		sc.fn = true
		return i
	}
	if !ok {
		return i
	}
	if !sc.ctes[name] {
		sc.acc = append(sc.acc, Access{name, access})
	}
	return next
}

// list records name [AS alias] {, name [AS alias]} from i.
func (sc *scanner) list(i int, access string, fn bool) {
	for {
		next := sc.add(i, access, fn)
		if next == i {
			return
		}
		i = next
		if sc.word(i) == "AS" {
			i++
		}
		if i < len(sc.t) && (sc.t[i].kind == tWord && !reserved[sc.up[i]] || sc.t[i].kind == tQuoted) {
			i++
			if sc.is(i, "(") { // alias with column names: AS x(a, b)
				i = sc.close(i)
			}
		}
		if !sc.is(i, ",") {
			return
		}
		i++
	}
}

func (sc *scanner) run() {
	first := sc.word(0)
	if first == "RENAME" && sc.word(1) == "TABLE" {
		sc.renameTable()
		return
	}
	if first == "ANALYZE" || first == "VACUUM" {
		sc.maintenance()
		return
	}
	hasDelete := sc.index("DELETE", 0) >= 0 || sc.index("MERGE", 0) >= 0
	var parens []string // word before each open parenthesis
	onTable := false    // CREATE INDEX/TRIGGER ...: the next ON names the table
	altered := ""       // the table or view ALTER TABLE/VIEW names
	for i := 0; i < len(sc.t); i++ {
		switch {
		case sc.is(i, "("):
			w := sc.word(i - 1)
			parens = append(parens, w)
			if w != "" && !reserved[w] {
				name := strings.ToLower(sc.text(i - 1))
				if i >= 3 && sc.is(i-2, ".") && sc.t[i-3].kind == tWord {
					name = strings.ToLower(sc.text(i-3)) + "." + name
				}
				sc.calls = append(sc.calls, name)
			}
			continue
		case sc.is(i, ")"):
			if len(parens) > 0 {
				parens = parens[:len(parens)-1]
			}
			continue
		}
		prev, next := sc.word(i-1), sc.word(i+1)
		switch sc.up[i] {
		case "FROM":
			inFunc := len(parens) > 0 && noFromFuncs[parens[len(parens)-1]]
			switch {
			case inFunc || prev == "DISTINCT" || first == "COPY":
			case prev == "DELETE":
				sc.add(i+1, Write, false)
			default:
				sc.list(i+1, Read, true)
			}
		case "JOIN":
			sc.add(i+1, Read, true)
		case "INTO":
			switch prev {
			case "INSERT", "REPLACE", "IGNORE", "MERGE", "ABORT", "FAIL", "ROLLBACK", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY":
				sc.add(i+1, Write, false)
			}
		case "UPDATE":
			switch {
			case prev == "FOR" || prev == "KEY" || prev == "DO" || prev == "ON" || prev == "OR" ||
				prev == "BEFORE" || prev == "AFTER" || prev == "OF" || sc.is(i-1, ","):
			case next == "SET" || next == "OF" || next == "ON":
			case next == "OR": // SQLite: UPDATE OR REPLACE t
				sc.add(i+3, Write, false)
			default:
				sc.add(i+1, Write, false)
			}
		case "USING":
			if hasDelete && !sc.is(i+1, "(") {
				sc.list(i+1, Read, true)
			}
		case "TABLE":
			switch prev {
			case "CREATE", "TEMP", "TEMPORARY", "UNLOGGED", "VIRTUAL", "ALTER", "DROP", "RENAME", "FOREIGN", "ON", "TRUNCATE":
				access := DDL
				if first == "TRUNCATE" {
					access = Write
				}
				from := len(sc.acc)
				j := sc.skipIfExists(i + 1)
				if first == "ALTER" && sc.word(j) == "ONLY" {
					j++
				}
				sc.list(j, access, false)
				sc.schemaOps(first, prev == "TEMP" || prev == "TEMPORARY", sc.names(from), &altered)
			}
		case "TRUNCATE":
			if i == 0 && next != "TABLE" {
				sc.list(i+1, Write, false)
			}
		case "VIEW":
			if first == "CREATE" || first == "DROP" || first == "ALTER" || first == "REFRESH" || first == "COMMENT" && (prev == "ON" || prev == "MATERIALIZED") {
				access := DDL
				if first == "REFRESH" {
					access = Write
				}
				j := sc.skipIfExists(i + 1)
				if sc.word(j) == "CONCURRENTLY" {
					j++
				}
				from := len(sc.acc)
				sc.list(j, access, false)
				temp := sc.word(1) == "TEMP" || sc.word(1) == "TEMPORARY" || sc.word(3) == "TEMP" || sc.word(3) == "TEMPORARY"
				sc.schemaOps(first, temp, sc.names(from), &altered)
			}
		case "TO":
			// Only tables and views rename into tables: ALTER INDEX,
			// SEQUENCE, FUNCTION, TYPE, DOMAIN... RENAME TO name other things.
			if first == "ALTER" && prev == "RENAME" && altered != "" {
				from := len(sc.acc)
				sc.add(i+1, DDL, false)
				if to := sc.names(from); len(to) == 1 {
					sc.ops = append(sc.ops, schemaOp{opRename, altered, to[0]})
				}
			}
		case "REFERENCES":
			sc.add(i+1, DDL, false)
		case "INDEX", "TRIGGER", "POLICY", "RULE":
			if first == "CREATE" || first == "DROP" || first == "ALTER" {
				onTable = true
			}
		case "ON":
			if onTable && len(parens) == 0 {
				onTable = false
				sc.add(i+1, DDL, false)
			}
		}
	}
}

// skipIfExists steps over IF [NOT] EXISTS.
func (sc *scanner) skipIfExists(i int) int {
	if sc.word(i) == "IF" {
		i++
		if sc.word(i) == "NOT" {
			i++
		}
		if sc.word(i) == "EXISTS" {
			i++
		}
	}
	return i
}
