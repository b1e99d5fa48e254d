package tables

import (
	"strings"

	"github.com/xwb1989/sqlparser"
)

// normalize rewrites PostgreSQL and SQLite syntax that
// github.com/xwb1989/sqlparser (a MySQL grammar) rejects, where the
// rewrite cannot change which tables a statement touches:
//
//	$1                      -> :v1
//	x::type, ::int[]        -> x
//	"ident"                 -> `ident`   (not in MySQL, where "..." is a string)
//	E'...', $$...$$         -> '...', ''
//	ILIKE                   -> LIKE
//	RETURNING ...           -> dropped (to the end)
//	ON CONFLICT ...         -> dropped (up to RETURNING or the end)
//	NULLS FIRST|LAST        -> dropped
//	FOR UPDATE|SHARE ...    -> dropped (OF t, SKIP LOCKED, NOWAIT included)
//	INSERT OR REPLACE|IGNORE -> REPLACE / INSERT IGNORE
//	DISTINCT ON (...)       -> DISTINCT
//
// Comments and semicolons go too. Only top-level (depth 0) clauses are
// dropped, so a RETURNING inside a CTE is left for the parser to reject.
func normalize(sql string, mysql bool) string {
	return normalizeTokens(sql, lex(sql, mysql))
}

func normalizeTokens(sql string, toks []sqlTok) string {
	var b strings.Builder
	b.Grow(len(sql))
	depth := 0
	sig := func(i int) int { // next significant sqlTok index
		for i < len(toks) && toks[i].trivia() {
			i++
		}
		return i
	}
	up := func(i int) string {
		if i < len(toks) && toks[i].kind == tWord {
			return strings.ToUpper(sql[toks[i].start:toks[i].end])
		}
		return ""
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		text := sql[t.start:t.end]
		switch t.kind {
		case tSpace, tComment, tSemi:
			b.WriteByte(' ')
			continue
		case tParam:
			if text[0] == '$' {
				text = ":v" + text[1:]
			}
		case tQuoted:
			if text[0] == '"' {
				text = "`" + strings.ReplaceAll(strings.ReplaceAll(quotedBody(text), `""`, `"`), "`", "``") + "`"
			}
		case tString:
			if text[0] != '\'' && text[0] != '"' {
				text = text[1:] // E'...'
			}
		case tDollar:
			text = "''"
		case tPunct:
			switch text {
			case "(":
				depth++
			case ")":
				depth--
			case "::":
				i = skipType(sql, toks, sig(i+1)) - 1
				continue
			}
		case tWord:
			w := strings.ToUpper(text)
			n := sig(i + 1)
			switch {
			case w == "ILIKE":
				text = "LIKE"
			case depth == 0 && (w == "RETURNING" || w == "FOR" && (up(n) == "UPDATE" || up(n) == "SHARE" || up(n) == "NO" || up(n) == "KEY")):
				i = len(toks)
				continue
			case depth == 0 && w == "ON" && up(n) == "CONFLICT":
				for i < len(toks) && !(up(i) == "RETURNING" && depth == 0) {
					if toks[i].kind == tPunct && sql[toks[i].start] == '(' {
						depth++
					} else if toks[i].kind == tPunct && sql[toks[i].start] == ')' {
						depth--
					}
					i++
				}
				i = len(toks) // what follows is RETURNING, dropped too
				continue
			case w == "NULLS" && (up(n) == "FIRST" || up(n) == "LAST"):
				i = n
				continue
			case w == "INSERT" && up(n) == "OR":
				switch up(sig(n + 1)) {
				case "REPLACE":
					text = "REPLACE"
				default:
					text = "INSERT IGNORE"
				}
				i = sig(n + 1)
			case w == "DISTINCT" && up(n) == "ON":
				if p := sig(n + 1); p < len(toks) && sql[toks[p].start] == '(' {
					i = closeTok(sql, toks, p) - 1
				}
			}
		}
		b.WriteString(text)
	}
	return b.String()
}

// skipType steps over a cast's type at i: a name with optional schema,
// multi-word forms (double precision, timestamp with time zone), a
// length (varchar(20)) and array brackets.
func skipType(sql string, toks []sqlTok, i int) int {
	next := func(i int) int {
		for i < len(toks) && toks[i].trivia() {
			i++
		}
		return i
	}
	isP := func(i int, p byte) bool {
		return i < len(toks) && toks[i].kind == tPunct && sql[toks[i].start] == p
	}
	if i >= len(toks) || (toks[i].kind != tWord && toks[i].kind != tQuoted) {
		return i
	}
	for {
		i++
		j := next(i)
		if isP(j, '.') {
			i = next(j + 1)
			continue
		}
		w := ""
		if j < len(toks) && toks[j].kind == tWord {
			w = strings.ToUpper(sql[toks[j].start:toks[j].end])
		}
		switch w {
		case "PRECISION", "VARYING", "WITH", "WITHOUT", "TIME", "ZONE":
			i = j
			continue
		}
		if isP(j, '(') {
			i = closeTok(sql, toks, j)
			j = next(i)
		}
		for isP(j, '[') {
			for j < len(toks) && !isP(j, ']') {
				j++
			}
			i = j + 1
			j = next(i)
		}
		return i
	}
}

// closeTok returns the index after the parenthesis matching toks[i].
func closeTok(sql string, toks []sqlTok, i int) int {
	depth := 0
	for ; i < len(toks); i++ {
		if toks[i].kind != tPunct {
			continue
		}
		switch sql[toks[i].start] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(toks)
}

// parseSQL runs the parser on normalized SQL and reads the tables off the
// tree. ParseStrictDDL is used, not Parse: Parse "succeeds" on DDL it
// half understood and reports that through log.Printf, the global
// logger. DDL is read by the scanner instead (the parser drops foreign
// keys anyway), so no logger needs silencing. The parser panics on some
// inputs; a panic counts as a parse failure.
func parseSQL(norm string) (kind string, acc []Access, ok bool) {
	defer func() {
		if recover() != nil {
			kind, acc, ok = "", nil, false
		}
	}()
	stmt, err := sqlparser.ParseStrictDDL(norm)
	if err != nil {
		return "", nil, false
	}
	w := &treeWalker{}
	defer func() {
		if w.hole {
			kind, acc, ok = "", nil, false // the scanner tells the hole
		}
	}()
	switch st := stmt.(type) {
	case sqlparser.SelectStatement:
		kind = "select"
		w.walk(st)
	case *sqlparser.Insert:
		kind = "insert"
		w.add(st.Table, Write)
		w.walk(st.Rows, st.OnDup)
	case *sqlparser.Update:
		kind = "update"
		w.targets(st.TableExprs, nil)
		w.walk(st.Exprs, st.Where, st.OrderBy)
	case *sqlparser.Delete:
		kind = "delete"
		w.targets(st.TableExprs, st.Targets)
		w.walk(st.Where, st.OrderBy)
	default:
		return "", nil, false // DDL, SET, SHOW...: the scanner reads those
	}
	return kind, dedupe(w.acc), true
}

// treeWalker collects table accesses from a parsed statement.
type treeWalker struct {
	acc  []Access
	hole bool // a table name that is no identifier: `?` from FROM "%s"
}

func (w *treeWalker) add(tn sqlparser.TableName, access string) {
	if tn.IsEmpty() || tn.Name.String() == "dual" && tn.Qualifier.IsEmpty() {
		return // the parser's stand-in for SELECT without FROM
	}
	name := strings.ToLower(tn.Name.String())
	q := strings.ToLower(tn.Qualifier.String())
	if !validPart(name) || q != "" && !validPart(q) {
		w.hole = true
		return
	}
	if q != "" {
		name = q + "." + name
	}
	w.acc = append(w.acc, Access{name, access})
}

// targets handles UPDATE/DELETE table lists: the first table is written
// (or, for a multi-table DELETE, the listed targets, which may be
// aliases), the tables joined to it are read.
func (w *treeWalker) targets(te sqlparser.TableExprs, names sqlparser.TableNames) {
	aliases := map[string]sqlparser.TableName{}
	first := true
	var visit func(sqlparser.TableExpr)
	visit = func(e sqlparser.TableExpr) {
		switch e := e.(type) {
		case *sqlparser.AliasedTableExpr:
			tn, isName := e.Expr.(sqlparser.TableName)
			if !isName {
				w.walk(e.Expr)
				return
			}
			if !e.As.IsEmpty() {
				aliases[e.As.String()] = tn
			}
			aliases[tn.Name.String()] = tn
			if first && len(names) == 0 {
				w.add(tn, Write)
			} else {
				w.add(tn, Read)
			}
			first = false
		case *sqlparser.JoinTableExpr:
			visit(e.LeftExpr)
			visit(e.RightExpr)
			w.walk(e.Condition.On)
		case *sqlparser.ParenTableExpr:
			for _, x := range e.Exprs {
				visit(x)
			}
		}
	}
	for _, e := range te {
		visit(e)
	}
	for _, n := range names {
		if tn, ok := aliases[n.Name.String()]; ok && n.Qualifier.IsEmpty() {
			n = tn
		}
		w.add(n, Write)
		// DELETE a FROM access a JOIN ...: the target is not also read.
		for i := 0; i < len(w.acc)-1; i++ {
			if w.acc[i] == (Access{w.acc[len(w.acc)-1].Table, Read}) {
				w.acc = append(w.acc[:i], w.acc[i+1:]...)
				i--
			}
		}
	}
}

// walk records every table reached through FROM/JOIN below the nodes as
// read; subqueries anywhere (SELECT list, WHERE, SET) are included.
func (w *treeWalker) walk(nodes ...sqlparser.SQLNode) {
	_ = sqlparser.Walk(func(node sqlparser.SQLNode) (bool, error) {
		if a, ok := node.(*sqlparser.AliasedTableExpr); ok {
			if tn, ok := a.Expr.(sqlparser.TableName); ok {
				w.add(tn, Read)
				return false, nil
			}
		}
		return true, nil
	}, nodes...)
}
