package symbols

import (
	"go/ast"
	"go/token"
)

// expr walks an expression, recording its selector sites, and returns
// the node of its value's type, or of the package, type or function it
// denotes (pkg, pkg.T, pkg.F); 0 when syntax does not tell. Type
// expressions are expressions too: *T is T (pointers are not told
// apart), []T, map[K]T and chan T are containers of T.
func (b *builder) expr(e ast.Expr) int32 {
	switch e := e.(type) {
	case *ast.Ident:
		return b.ident(e)
	case *ast.SelectorExpr:
		return b.sel(e, false)
	case *ast.CallExpr:
		f, v := b.call(e)
		if v != 0 {
			return v
		}
		return b.node(f, nCall, 0)
	case *ast.CompositeLit:
		return b.composite(e, 0)
	case *ast.UnaryExpr:
		x := b.expr(e.X)
		switch e.Op {
		case token.AND:
			return x
		case token.ARROW:
			return b.node(x, nElem, 0)
		case token.SUB, token.ADD, token.XOR:
			return x
		}
		return 0
	case *ast.StarExpr:
		return b.expr(e.X)
	case *ast.ParenExpr:
		return b.expr(e.X)
	case *ast.IndexExpr:
		x := b.expr(e.X)
		b.expr(e.Index)
		return b.node(x, nElem, 0)
	case *ast.IndexListExpr:
		x := b.expr(e.X)
		for _, i := range e.Indices {
			b.expr(i)
		}
		return x // an instantiation: F[int, string] is F, T[K, V] is T
	case *ast.SliceExpr:
		x := b.expr(e.X)
		b.expr(e.Low)
		b.expr(e.High)
		b.expr(e.Max)
		return x
	case *ast.TypeAssertExpr:
		b.expr(e.X)
		if e.Type == nil {
			return 0
		}
		return b.node(b.expr(e.Type), nValue, 0)
	case *ast.FuncLit:
		m := b.mark()
		b.signature(nil, e.Type, false)
		b.stmts(e.Body.List)
		b.pop(m)
		return 0
	case *ast.BinaryExpr:
		x, y := b.expr(e.X), b.expr(e.Y)
		switch e.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR, token.AND_NOT:
			// time.Second * 5 is a time.Duration; 5 * time.Second too.
			if x != 0 {
				return x
			}
			return y
		case token.SHL, token.SHR:
			return x
		}
		return 0
	case *ast.KeyValueExpr:
		b.expr(e.Key)
		b.expr(e.Value)
		return 0
	case *ast.ArrayType:
		b.expr(e.Len)
		return b.node(b.expr(e.Elt), nContainer, 0)
	case *ast.MapType:
		b.expr(e.Key)
		return b.node(b.expr(e.Value), nContainer, 0)
	case *ast.ChanType:
		return b.node(b.expr(e.Value), nContainer, 0)
	case *ast.Ellipsis: // ...T in a parameter list, [...]T's length
		return b.node(b.expr(e.Elt), nContainer, 0)
	case *ast.FuncType:
		m := b.mark()
		b.signature(nil, e, false)
		b.pop(m)
		return 0
	case *ast.StructType:
		b.structFields(-1, e, true)
		return 0
	case *ast.InterfaceType:
		b.interfaceMethods(-1, e, true)
		return 0
	}
	return 0 // nil, literals, bad expressions
}

// predeclared are the universe's names that carry nothing: no methods,
// no fields, no packages behind them. error is not among them: a value
// of type error has a method.
var predeclared = map[string]bool{
	"nil": true, "true": true, "false": true, "iota": true, "_": true,
	"append": true, "cap": true, "clear": true, "close": true, "complex": true, "copy": true,
	"delete": true, "imag": true, "len": true, "make": true, "max": true, "min": true,
	"new": true, "panic": true, "print": true, "println": true, "real": true, "recover": true,
	"any": true, "bool": true, "byte": true, "comparable": true, "complex64": true, "complex128": true,
	"float32": true, "float64": true, "int": true, "int8": true, "int16": true, "int32": true,
	"int64": true, "rune": true, "string": true, "uint": true, "uint8": true, "uint16": true,
	"uint32": true, "uint64": true, "uintptr": true,
}

func (b *builder) ident(e *ast.Ident) int32 {
	if n, ok := b.lookup(e.Name); ok {
		return n
	}
	if predeclared[e.Name] {
		return 0
	}
	n := b.node(0, nIdent, b.id(e.Name))
	if b.sum.dots {
		b.site(n, e.Pos(), false)
	}
	return n
}

// sel walks x.Sel. When x's node is unknown, x is a value of unknown
// type: the selector is not a node, and only counted if called.
func (b *builder) sel(e *ast.SelectorExpr, call bool) int32 {
	x := b.expr(e.X)
	if x == 0 {
		if call {
			b.sum.deadCalls++
		}
		return 0
	}
	n := b.node(x, nSel, b.id(e.Sel.Name))
	b.site(n, e.Sel.Pos(), call)
	return n
}

// call walks a call and returns the node of the function called, or,
// for new(T), make(T) and append(s, ...), the node of the value made.
func (b *builder) call(e *ast.CallExpr) (fn, value int32) {
	if id, ok := e.Fun.(*ast.Ident); ok && len(e.Args) > 0 {
		switch id.Name {
		case "new", "make", "append":
			if _, shadowed := b.lookup(id.Name); !shadowed {
				v := b.expr(e.Args[0])
				for _, a := range e.Args[1:] {
					b.expr(a)
				}
				if id.Name != "append" {
					v = b.node(v, nValue, 0)
				}
				return 0, v
			}
		}
	}
	if s, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
		fn = b.sel(s, true)
	} else {
		fn = b.expr(e.Fun)
	}
	for _, a := range e.Args {
		b.expr(a)
	}
	return fn, 0
}

// composite walks a composite literal; implied is the node of the
// element type an elided literal ([]T{{...}}) takes. Keys of a literal
// of a named or elided type are taken for field names (T{Name: x}); if
// the type is a map, the field is not found and nothing is counted.
func (b *builder) composite(e *ast.CompositeLit, implied int32) int32 {
	v := implied
	fields := implied != 0
	if e.Type != nil {
		v = b.node(b.expr(e.Type), nValue, 0)
		fields = named(e.Type)
	}
	elem := b.node(v, nElem, 0)
	for _, el := range e.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok && fields && v != 0 {
				b.site(b.node(v, nSel, b.id(k.Name)), k.Pos(), false)
			} else {
				b.element(kv.Key, elem)
			}
			b.element(kv.Value, elem)
			continue
		}
		b.element(el, elem)
	}
	return v
}

// element walks an element of a composite literal, which may be an
// elided one of type implied.
func (b *builder) element(e ast.Expr, implied int32) {
	switch x := e.(type) {
	case *ast.CompositeLit:
		if x.Type == nil {
			b.composite(x, implied)
			return
		}
	case *ast.UnaryExpr:
		if c, ok := x.X.(*ast.CompositeLit); ok && x.Op == token.AND && c.Type == nil {
			b.composite(c, implied)
			return
		}
	}
	b.expr(e)
}

// named tells whether a composite literal's type is a type name.
func named(e ast.Expr) bool {
	switch t := e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		return true
	case *ast.IndexExpr:
		return named(t.X)
	case *ast.IndexListExpr:
		return named(t.X)
	case *ast.ParenExpr:
		return named(t.X)
	}
	return false
}

func (b *builder) stmts(list []ast.Stmt) {
	for _, s := range list {
		b.stmt(s)
	}
}

func (b *builder) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.BlockStmt:
		m := b.mark()
		b.stmts(s.List)
		b.pop(m)
	case *ast.ExprStmt:
		b.expr(s.X)
	case *ast.AssignStmt:
		b.assign(s)
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok {
			switch g.Tok {
			case token.VAR, token.CONST:
				b.valueSpecs(g, true)
			case token.TYPE:
				for _, spec := range g.Specs {
					b.typeSpec(spec.(*ast.TypeSpec), true)
				}
			}
		}
	case *ast.IfStmt:
		m := b.mark()
		b.stmt(s.Init)
		b.expr(s.Cond)
		b.stmt(s.Body)
		b.stmt(s.Else)
		b.pop(m)
	case *ast.ForStmt:
		m := b.mark()
		b.stmt(s.Init)
		b.expr(s.Cond)
		b.stmt(s.Post)
		b.stmt(s.Body)
		b.pop(m)
	case *ast.RangeStmt:
		m := b.mark()
		x := b.expr(s.X)
		if s.Tok == token.DEFINE {
			if id, ok := s.Key.(*ast.Ident); ok {
				b.bind(id.Name, 0) // an index or a key: not followed
			}
			if id, ok := s.Value.(*ast.Ident); ok {
				b.bind(id.Name, b.node(x, nElem, 0))
			}
		} else {
			b.expr(s.Key)
			b.expr(s.Value)
		}
		b.stmt(s.Body)
		b.pop(m)
	case *ast.SwitchStmt:
		m := b.mark()
		b.stmt(s.Init)
		b.expr(s.Tag)
		for _, c := range s.Body.List {
			if cc, ok := c.(*ast.CaseClause); ok {
				for _, e := range cc.List {
					b.expr(e)
				}
				m := b.mark()
				b.stmts(cc.Body)
				b.pop(m)
			}
		}
		b.pop(m)
	case *ast.TypeSwitchStmt:
		b.typeSwitch(s)
	case *ast.SelectStmt:
		for _, c := range s.Body.List {
			if cc, ok := c.(*ast.CommClause); ok {
				m := b.mark()
				b.stmt(cc.Comm)
				b.stmts(cc.Body)
				b.pop(m)
			}
		}
	case *ast.ReturnStmt:
		for _, e := range s.Results {
			b.expr(e)
		}
	case *ast.GoStmt:
		b.expr(s.Call)
	case *ast.DeferStmt:
		b.expr(s.Call)
	case *ast.SendStmt:
		b.expr(s.Chan)
		b.expr(s.Value)
	case *ast.IncDecStmt:
		b.expr(s.X)
	case *ast.LabeledStmt:
		b.stmt(s.Stmt)
	}
}

func (b *builder) assign(s *ast.AssignStmt) {
	if s.Tok != token.DEFINE {
		for _, l := range s.Lhs {
			b.expr(l)
		}
		for _, r := range s.Rhs {
			b.expr(r)
		}
		return
	}
	if len(s.Lhs) == 1 && len(s.Rhs) == 1 {
		v := b.expr(s.Rhs[0])
		if id, ok := s.Lhs[0].(*ast.Ident); ok {
			b.bind(id.Name, v)
		}
		return
	}
	vals := b.values(s.Rhs, len(s.Lhs))
	for i, l := range s.Lhs {
		if id, ok := l.(*ast.Ident); ok {
			b.bind(id.Name, vals[i])
		}
	}
}

// typeSwitch binds v of switch v := x.(type) in each clause: to the
// clause's type when it names one, to x's otherwise.
func (b *builder) typeSwitch(s *ast.TypeSwitchStmt) {
	m := b.mark()
	b.stmt(s.Init)
	var name string
	var x int32
	switch a := s.Assign.(type) {
	case *ast.AssignStmt:
		if len(a.Lhs) == 1 && len(a.Rhs) == 1 {
			if id, ok := a.Lhs[0].(*ast.Ident); ok {
				name = id.Name
			}
			if ta, ok := a.Rhs[0].(*ast.TypeAssertExpr); ok {
				x = b.expr(ta.X)
			}
		}
	case *ast.ExprStmt:
		if ta, ok := a.X.(*ast.TypeAssertExpr); ok {
			b.expr(ta.X)
		}
	}
	for _, c := range s.Body.List {
		cc, ok := c.(*ast.CaseClause)
		if !ok {
			continue
		}
		t := x
		for _, e := range cc.List {
			n := b.expr(e)
			if len(cc.List) == 1 {
				t = b.node(n, nValue, 0)
				if id, ok := e.(*ast.Ident); ok && id.Name == "nil" {
					t = x
				}
			}
		}
		m := b.mark()
		b.bind(name, t)
		b.stmts(cc.Body)
		b.pop(m)
	}
	b.pop(m)
}
