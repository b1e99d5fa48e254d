package tables

import (
	"go/ast"
	"go/token"
	"strings"
)

// ref notes an identifier used as a value, so a package-level constant
// holding SQL is attributed to the functions that use it.
func (w *fileWalker) ref(e ast.Expr, db bool) {
	if w.fn == nil {
		return
	}
	var name string
	switch e := e.(type) {
	case *ast.Ident:
		name = e.Name
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			if imp, ok := w.imports[x.Name]; ok {
				name = imp + "." + e.Sel.Name
			}
		}
	}
	if name == "" {
		return
	}
	w.fn.refs = append(w.fn.refs, ref{name, db})
	if db {
		if w.fn.dbRefs == nil {
			w.fn.dbRefs = map[string]bool{}
		}
		w.fn.dbRefs[name] = true
	}
}

// nameLit keeps short literal arguments that may name a query of a
// "-- name: x" file, e.g. query("get-user") or queries["get-user"].
func (w *fileWalker) nameLit(e ast.Expr) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || w.fn == nil || lit.Kind != token.STRING || len(lit.Value) < 5 || len(lit.Value) > 66 {
		return
	}
	s := lit.Value[1 : len(lit.Value)-1]
	if !validPart(strings.ToLower(s)) || !strings.ContainsAny(s, "-_") {
		return
	}
	w.fn.lits = append(w.fn.lits, s)
}

func (w *fileWalker) call(c *ast.CallExpr) {
	var name string
	var cl call
	switch f := c.Fun.(type) {
	case *ast.Ident:
		name, cl = f.Name, call{name: f.Name, local: true}
	case *ast.SelectorExpr:
		name, cl = f.Sel.Name, call{name: f.Sel.Name, method: true}
		if x, ok := f.X.(*ast.Ident); ok {
			if imp, ok := w.imports[x.Name]; ok {
				cl = call{name: name, imp: imp}
			} else if x.Name == w.recv {
				cl.recv = true
			}
		}
	default:
		return
	}
	if w.fn != nil && cl.imp != "fmt" {
		w.fn.calls = append(w.fn.calls, cl)
	}
	if cl.method || cl.imp != "" {
		w.markChain(c)
		w.ormCall(c, name)
		if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
			w.entCall(c, sel)
		}
	}
	switch {
	case w.isSprintf(c):
		w.addRoot(c, &root{})
		return
	case name == "Open" || name == "Connect" || name == "MustConnect":
		if len(c.Args) > 0 {
			if lit, ok := c.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				w.drivers = append(w.drivers, "sql.Open:"+strings.Trim(lit.Value, "`\""))
			}
		}
	case dbMethods[name] && cl.method:
		for i, a := range c.Args {
			if i >= 3 {
				break
			}
			w.ref(a, true)
			if _, isIdent := a.(*ast.Ident); !isIdent {
				w.addRoot(a, &root{dbArg: true})
			}
		}
		return
	case builderMethods[name] && len(c.Args) > 0 && (cl.method || cl.local || cl.imp != ""):
		r := &root{builder: name, nargs: len(c.Args)}
		if name == "Table" || name == "QueryTable" {
			r.access = w.chainAccess(c, "")
		}
		w.addRoot(c.Args[0], r)
	}
	for _, a := range c.Args {
		w.ref(a, false)
		w.nameLit(a)
	}
}
