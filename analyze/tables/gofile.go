package tables

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// sexpr is a string-valued Go expression kept for evaluation in Finish,
// when the constants of every file are known: a literal (raw, unquoted
// lazily), a reference to a constant or variable, a concatenation, a
// fmt.Sprintf call, or a hole (anything else).
type sexpr struct {
	op   byte // 'l' literal, 'r' reference, '+' concatenation, 'f' Sprintf, '?' hole
	raw  string
	kids []*sexpr
}

// root is a string expression that may be SQL, a named string binding
// that SQL may refer to, or the argument of a query-builder call.
type root struct {
	e       *sexpr
	file    string
	line    int
	pkg     string
	fn      string // enclosing function key; "" at package level
	bind    string // constant or variable the expression is assigned to
	dbArg   bool   // passed straight to a database call: looser SQL test
	builder string // builder method (From, Join, Insert, TableName...)
	appends []*root
	isPart  bool   // appended with +=: only evaluated as part of its head
	recv    string // TableName: the receiver type
	access  string // Table/QueryTable: the access of its call chain, "" for read
	test    bool   // in a test file
	gen     bool   // in a generated file
	nargs   int    // arguments of a builder call
}

// fileWalker collects one file's facts without locking; AddFile merges
// them into the collector afterwards.
type fileWalker struct {
	fset    *token.FileSet
	pkg     string
	path    string
	imports map[string]string // local name -> import path
	impList []string          // import paths of this file
	roots   []*root
	funcs   []*funcInfo
	drivers []string
	fn      *funcInfo
	recv    string // receiver name of the enclosing method
	// covered holds the expressions recorded as roots in the current
	// declaration: an expression inside one is part of it, not a root
	// of its own. The walk keeps the nodes it is in (stack) and
	// how many of them are roots (inRoot), so the test is constant
	// time: a list of extents scanned per literal made a function of
	// 40k calls quadratic. (Not a position high-water mark either: in a
	// call chain From("a").Join("b") the outer call's argument is
	// visited first but lies after the inner call.)
	covered map[ast.Node]bool
	stack   []ast.Node
	inRoot  int
	locals  map[string]*root
	paths   []pathLit
	// warnings are the file's problems (a literal too big to read).
	warnings        []Warning
	test, generated bool // the file is a test, generated
	// ORM facts (ormwalk.go): variable types of the current function,
	// call chains' access, model sites, struct types, ent tables.
	vars      []namedType // reused from function to function
	chains    map[*ast.CallExpr]chain
	orm       []*ormSite
	structs   []structDecl
	entTables [][2]string // schema type, table
	singular  bool        // gorm's SingularTable: true is set here
}

// dbMethods run SQL given as an argument (database/sql, sqlx, pgx, gorm
// Raw/Exec, xorm SQL).
var dbMethods = setOf("Query QueryRow QueryContext QueryRowContext Exec ExecContext Prepare PrepareContext Get GetContext Select SelectContext NamedExec NamedExecContext NamedQuery NamedQueryContext Queryx QueryRowx QueryxContext QueryRowxContext MustExec MustExecContext Raw Preparex PreparexContext PrepareNamed PrepareNamedContext SQL QueryString QueryInterface SendBatch CopyFrom")

// builderMethods take a table name (or a join clause) as first argument.
var builderMethods = setOf("From Join LeftJoin RightJoin InnerJoin CrossJoin FullJoin Insert Update Delete Into Table QueryTable")

func (w *fileWalker) line(p token.Pos) int { return w.fset.Position(p).Line }

// expr converts a Go expression to a sexpr; nil when it is plainly not a
// string (a number, a bool, a composite).
func (w *fileWalker) expr(e ast.Expr) *sexpr {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return nil
		}
		if len(e.Value) > maxLiteral {
			w.warn(e.Pos(), fmt.Sprintf("string literal of %d bytes not read as SQL: larger than %s", len(e.Value), sizeName(maxLiteral)))
			return &sexpr{op: '?'}
		}
		return &sexpr{op: 'l', raw: e.Value}
	case *ast.ParenExpr:
		return w.expr(e.X)
	case *ast.Ident:
		return &sexpr{op: 'r', raw: e.Name}
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			if imp, ok := w.imports[x.Name]; ok {
				return &sexpr{op: 'r', raw: imp + "." + e.Sel.Name}
			}
		}
		return &sexpr{op: '?'}
	case *ast.BinaryExpr:
		// a + b + c nests to the left: flatten it into one node, so a
		// concatenation of thousands of pieces is neither a deep
		// recursion nor a quadratic rebuild of its prefix.
		var parts []ast.Expr
		x := ast.Expr(e)
		for {
			b, ok := x.(*ast.BinaryExpr)
			if !ok {
				break
			}
			if b.Op != token.ADD {
				return nil
			}
			parts = append(parts, b.Y)
			x = b.X
		}
		parts = append(parts, x)
		s := &sexpr{op: '+', kids: make([]*sexpr, len(parts))}
		for i, p := range parts {
			k := w.expr(p)
			if k == nil {
				return nil
			}
			s.kids[len(parts)-1-i] = k
		}
		return s
	case *ast.CallExpr:
		if w.isSprintf(e) && len(e.Args) > 0 {
			s := &sexpr{op: 'f'}
			for _, a := range e.Args {
				k := w.expr(a)
				if k == nil {
					k = &sexpr{op: '?'}
				}
				s.kids = append(s.kids, k)
			}
			return s
		}
		return &sexpr{op: '?'}
	}
	return &sexpr{op: '?'}
}

func (w *fileWalker) isSprintf(c *ast.CallExpr) bool {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Sprintf" {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && w.imports[x.Name] == "fmt"
}

// addRoot records e as a root unless it lies inside one already. Most
// string literals of a program are not SQL, so the cheap tests on the
// syntax tree (worth) run before anything is allocated.
func (w *fileWalker) addRoot(e ast.Expr, r *root) *root {
	// e is the node being visited or one of its children: it lies in a
	// root if a node on the stack is one, or if it is one itself.
	if w.inRoot > 0 || w.covered[e] {
		return nil
	}
	if !r.dbArg && r.builder == "" && !r.isPart && !w.worth(e, r.bind != "") {
		return nil
	}
	r.e = w.expr(e)
	if r.e == nil || r.e.op == '?' || (r.bind == "" && r.builder == "" && !r.dbArg && !hasLit(r.e)) {
		return nil
	}
	w.covered[e] = true
	if n := len(w.stack); n > 0 && w.stack[n-1] == e {
		w.inRoot++ // the walk is in e now: its pop undoes this
	}
	r.file, r.line, r.pkg, r.test, r.gen = w.path, w.line(e.Pos()), w.pkg, w.test, w.generated
	if w.fn != nil {
		r.fn = w.fn.key
	}
	w.roots = append(w.roots, r)
	return r
}

// worth decides on the syntax tree alone whether an expression can be
// SQL or a piece SQL is built from. Outside database-call arguments it
// must start with a literal that starts with a statement verb; a named
// binding may also be a table-name-like literal (const table =
// "audit_log", spliced in by Sprintf), and at package level a reference
// or concatenation starting with one (const q = base + " WHERE ...").
func (w *fileWalker) worth(e ast.Expr, bind bool) bool {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
			continue
		case *ast.BinaryExpr:
			if x.Op != token.ADD {
				return false
			}
			e = x.X
			continue
		case *ast.CallExpr:
			if !w.isSprintf(x) || len(x.Args) == 0 {
				return false
			}
			e = x.Args[0]
			continue
		case *ast.BasicLit:
			if x.Kind != token.STRING {
				return false
			}
			if mayBeSQL(x.Value) {
				return true
			}
			return bind && len(x.Value) < 66 && validPart(strings.ToLower(strings.Trim(x.Value, "`\"")))
		case *ast.Ident, *ast.SelectorExpr:
			return bind && w.fn == nil
		}
		return false
	}
}

// topDecl records package-level constants and variables.
func (w *fileWalker) topDecl(d *ast.GenDecl) {
	if d.Tok == token.IMPORT {
		return
	}
	if d.Tok != token.CONST && d.Tok != token.VAR {
		if d.Tok == token.TYPE {
			for _, spec := range d.Specs {
				w.structType(spec.(*ast.TypeSpec))
			}
		}
		w.inspect(d)
		return
	}
	for _, spec := range d.Specs {
		vs := spec.(*ast.ValueSpec)
		for i, v := range vs.Values {
			if i < len(vs.Names) && len(vs.Values) == len(vs.Names) {
				w.addRoot(v, &root{bind: vs.Names[i].Name})
			}
			w.inspect(v)
		}
	}
}

// funcDecl records one function and walks its body.
func (w *fileWalker) funcDecl(d *ast.FuncDecl) {
	fi := &funcInfo{pkg: w.pkg, name: d.Name.Name, file: w.impList, test: w.test}
	w.recv = ""
	fi.key = d.Name.Name
	if d.Recv != nil && len(d.Recv.List) > 0 {
		f := d.Recv.List[0]
		if len(f.Names) > 0 {
			w.recv = f.Names[0].Name
		}
		fi.recv, fi.key = recvKey(f.Type, d.Name.Name)
	}
	w.fn, w.locals, w.vars = fi, nil, w.vars[:0]
	w.funcs = append(w.funcs, fi)
	if d.Body == nil {
		w.fn = nil
		return
	}
	w.declareFields(d.Recv)
	w.declareFields(d.Type.Params)
	if d.Name.Name == "TableName" && fi.recv != "" && len(d.Body.List) == 1 {
		if ret, ok := d.Body.List[0].(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
			// A literal or a constant (harbor: return models.UserTable).
			w.addRoot(ret.Results[0], &root{builder: "TableName", recv: fi.recv})
		}
	}
	if d.Name.Name == "Annotations" && fi.recv != "" {
		w.entTable(d, fi.recv)
	}
	w.inspect(d.Body)
	w.fn, w.locals = nil, nil
}

// recvKey names a method the way stack traces do: (*T).M or T.M.
func recvKey(t ast.Expr, name string) (string, string) {
	star := false
	if s, ok := t.(*ast.StarExpr); ok {
		star, t = true, s.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	id, ok := t.(*ast.Ident)
	if !ok {
		return "", name
	}
	if star {
		return id.Name, "(*" + id.Name + ")." + name
	}
	return id.Name, id.Name + "." + name
}

// inspect walks a subtree once, recording roots, calls and references.
func (w *fileWalker) inspect(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil {
			top := w.stack[len(w.stack)-1]
			w.stack = w.stack[:len(w.stack)-1]
			if len(w.covered) > 0 && w.covered[top] {
				w.inRoot--
			}
			return false
		}
		w.stack = append(w.stack, n)
		if len(w.covered) > 0 && w.covered[n] { // most declarations have no root
			w.inRoot++
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			w.assign(n)
		case *ast.ValueSpec:
			for i, v := range n.Values {
				if len(n.Values) == len(n.Names) && w.fn != nil {
					w.local(n.Names[i].Name, v, token.DEFINE)
				}
			}
			if w.fn != nil {
				for i, name := range n.Names {
					var v ast.Expr
					if len(n.Values) == len(n.Names) {
						v = n.Values[i]
					}
					w.declareValue(name.Name, n.Type, v)
				}
			}
		case *ast.CallExpr:
			w.call(n)
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				w.ref(r, false)
			}
		case *ast.IndexExpr:
			w.nameLit(n.Index)
		case *ast.KeyValueExpr:
			w.singularTable(n)
		case *ast.BinaryExpr:
			// Only the outermost + of a chain: the inner ones start with
			// the same literal, and testing each would be quadratic.
			if n.Op == token.ADD && !w.leftOfAdd(n) {
				w.addRoot(n, &root{})
			}
		case *ast.BasicLit:
			if n.Kind == token.STRING {
				w.addRoot(n, &root{})
				w.pathLit(n)
			}
		}
		return true
	})
}

// leftOfAdd reports whether n, the node being visited, is the left
// operand of a + (the inner part of a chain a + b + c).
func (w *fileWalker) leftOfAdd(n ast.Expr) bool {
	if len(w.stack) < 2 {
		return false
	}
	p, ok := w.stack[len(w.stack)-2].(*ast.BinaryExpr)
	return ok && p.Op == token.ADD && p.X == n
}

// warn records a problem of the file, at p.
func (w *fileWalker) warn(p token.Pos, msg string) {
	w.warnings = append(w.warnings, Warning{Message: msg, Where: fmt.Sprintf("%s:%d", w.path, w.line(p))})
}

func (w *fileWalker) assign(a *ast.AssignStmt) {
	if len(a.Lhs) != len(a.Rhs) {
		return
	}
	for i, l := range a.Lhs {
		switch l := l.(type) {
		case *ast.Ident:
			if w.fn != nil {
				w.local(l.Name, a.Rhs[i], a.Tok)
				if a.Tok == token.DEFINE {
					w.declareValue(l.Name, nil, a.Rhs[i])
				}
			}
		case *ast.SelectorExpr:
			// navidrome-style repositories keep their table in a field.
			if strings.EqualFold(l.Sel.Name, "tableName") {
				if lit, ok := a.Rhs[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					w.addRoot(lit, &root{builder: "Table"})
				}
			}
		}
		w.ref(a.Rhs[i], false)
	}
}

// local records a local string binding: := and = start a chain, +=
// appends to it, so `q := "SELECT ..."; q += " JOIN b ..."` reads whole.
func (w *fileWalker) local(name string, v ast.Expr, tok token.Token) {
	switch tok {
	case token.DEFINE, token.ASSIGN:
		if r := w.addRoot(v, &root{bind: name}); r != nil {
			if _, seen := w.locals[name]; !seen {
				if w.locals == nil {
					w.locals = map[string]*root{}
					w.fn.locals = w.locals
				}
				w.locals[name] = r
			}
		}
	case token.ADD_ASSIGN:
		head := w.locals[name]
		if head == nil {
			return
		}
		if r := w.addRoot(v, &root{bind: name, isPart: true}); r != nil {
			head.appends = append(head.appends, r)
		}
	}
}
