package symbols

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strconv"
	"sync"
)

// builder walks one file into its summary. It tracks the local scopes
// of function bodies itself (files are parsed with SkipObjectResolution),
// so that a parameter named like a package (user *user.User) shadows it,
// and so that each local variable carries the node of its type: the
// declared type, the composite literal or conversion it was made by, or
// the call whose result it holds.
type builder struct {
	sum     *fileSum
	tf      *token.File
	strs    []string         // local string table
	ids     map[string]int32 // by text
	index   map[node]int32   // dedups the trie
	siteAt  []int32          // by node: 1 + its index in sites, 0 if none
	nodes   []node
	sites   []site
	decls   []declSum
	results []int32
	scope   []binding // innermost last
	pending []binding // bindings computed before they take effect
}

type binding struct {
	name string
	node int32
}

var builders = sync.Pool{New: func() any {
	return &builder{ids: map[string]int32{}, index: map[node]int32{}}
}}

func (b *builder) reset(s *fileSum, tf *token.File) {
	b.sum, b.tf = s, tf
	b.nodes = append(b.nodes[:0], node{}) // node 0 is unknown
	b.siteAt = append(b.siteAt[:0], 0)
}

// done copies the scratch buffers into the summary at their exact size.
func (b *builder) done() {
	s := b.sum
	s.nodes = slices.Clone(b.nodes)
	s.sites = slices.Clone(b.sites)
	s.decls = slices.Clone(b.decls)
	s.results = slices.Clone(b.results)
}

// release readies the builder for the next file.
func (b *builder) release() {
	b.sum, b.tf = nil, nil
	b.strs = b.strs[:0]
	b.nodes, b.sites, b.decls, b.results = b.nodes[:0], b.sites[:0], b.decls[:0], b.results[:0]
	b.scope, b.pending = b.scope[:0], b.pending[:0]
	// clear costs the map's capacity, not its length: after a huge
	// (generated) file, start afresh instead.
	if len(b.ids) > 4096 {
		b.ids = map[string]int32{}
	} else {
		clear(b.ids)
	}
	if len(b.index) > 8192 {
		b.index = map[node]int32{}
	} else {
		clear(b.index)
	}
}

func (b *builder) id(s string) int32 {
	if i, ok := b.ids[s]; ok {
		return i
	}
	i := int32(len(b.strs))
	b.ids[s] = i
	b.strs = append(b.strs, s)
	return i
}

// node returns the node of kind over parent. Nothing is known of what
// derives from an unknown node, so that stays node 0; a selector on it
// is not a node either (see sel).
func (b *builder) node(parent int32, kind uint8, name int32) int32 {
	if parent == 0 && kind != nIdent {
		return 0
	}
	k := node{parent: parent, name: name, kind: kind}
	if i, ok := b.index[k]; ok {
		return i
	}
	i := int32(len(b.nodes))
	b.nodes = append(b.nodes, k)
	b.siteAt = append(b.siteAt, 0)
	b.index[k] = i
	return i
}

func (b *builder) site(n int32, pos token.Pos, call bool) {
	i := b.siteAt[n] - 1
	if i < 0 {
		i = int32(len(b.sites))
		b.siteAt[n] = i + 1
		b.sites = append(b.sites, site{node: n, line: b.line(pos)})
	}
	s := &b.sites[i]
	s.count++
	if call {
		s.calls++
	}
}

func (b *builder) line(pos token.Pos) int32 {
	if b.tf == nil || !pos.IsValid() {
		return 0
	}
	return int32(b.tf.Line(pos))
}

func (b *builder) mark() int { return len(b.scope) }

func (b *builder) pop(m int) { b.scope = b.scope[:m] }

func (b *builder) bind(name string, n int32) {
	if name != "_" && name != "" {
		b.scope = append(b.scope, binding{name, n})
	}
}

func (b *builder) lookup(name string) (int32, bool) {
	for i := len(b.scope) - 1; i >= 0; i-- {
		if b.scope[i].name == name {
			return b.scope[i].node, true
		}
	}
	return 0, false
}

// walk walks a whole file. A tree the parser would not make (a nil
// where it puts a node) is an error, not a crash of the analysis.
func (b *builder) walk(f *ast.File) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed syntax tree: %v", r)
		}
	}()
	b.file(f)
	return nil
}

// file walks a whole file.
func (b *builder) file(f *ast.File) {
	s := b.sum
	s.name = b.id(f.Name.Name)
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || p == "C" {
			continue
		}
		im := imp{path: b.id(p), alias: -1}
		if spec.Name != nil {
			switch spec.Name.Name {
			case "_":
				continue
			case ".":
				im.dot = true
				s.dots = true
			default:
				im.alias = b.id(spec.Name.Name)
			}
		}
		s.imports = append(s.imports, im)
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			b.funcDecl(d)
		case *ast.GenDecl:
			switch d.Tok {
			case token.TYPE:
				for _, spec := range d.Specs {
					b.typeSpec(spec.(*ast.TypeSpec), false)
				}
			case token.VAR, token.CONST:
				b.valueSpecs(d, false)
			}
		}
	}
}

func (b *builder) decl(d declSum) {
	if !b.sum.test {
		b.decls = append(b.decls, d)
	}
}

func (b *builder) funcDecl(d *ast.FuncDecl) {
	m := b.mark()
	r0 := len(b.results)
	b.signature(d.Recv, d.Type, true)
	if name := d.Name.Name; name != "_" && !(name == "init" && d.Recv == nil) {
		ds := declSum{name: b.id(name), recv: -1, kind: dFunc, line: b.line(d.Name.Pos()), res0: int32(r0), nres: int32(len(b.results) - r0)}
		recv := ""
		if d.Recv != nil && len(d.Recv.List) > 0 {
			recv = recvName(d.Recv.List[0].Type)
			ds.kind, ds.recv = dMethod, b.id(recv)
		}
		if d.Recv == nil || recv != "" {
			b.decl(ds)
		}
	}
	if b.sum.test {
		b.results = b.results[:r0]
	}
	if d.Body != nil {
		b.stmts(d.Body.List)
	}
	b.pop(m)
}

// signature binds a function's type parameters, receiver, parameters
// and named results in the current scope, and, when results is set,
// appends the value nodes of its results to b.results. Every type is
// read before any name is bound: in func(user *user.User) the type's
// user is the package.
func (b *builder) signature(recv *ast.FieldList, typ *ast.FuncType, results bool) {
	if recv != nil {
		for _, f := range recv.List {
			for _, tp := range recvTypeParams(f.Type) {
				b.bind(tp, 0)
			}
		}
	}
	b.typeParams(typ.TypeParams)
	start := len(b.pending)
	b.params(recv)
	b.params(typ.Params)
	if typ.Results != nil {
		for _, f := range typ.Results.List {
			v := b.node(b.expr(f.Type), nValue, 0)
			for _, n := range f.Names {
				b.pending = append(b.pending, binding{n.Name, v})
			}
			if results {
				for range max(1, len(f.Names)) {
					b.results = append(b.results, v)
				}
			}
		}
	}
	for _, p := range b.pending[start:] {
		b.bind(p.name, p.node)
	}
	b.pending = b.pending[:start]
}

func (b *builder) params(fl *ast.FieldList) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		v := b.node(b.expr(f.Type), nValue, 0)
		for _, n := range f.Names {
			b.pending = append(b.pending, binding{n.Name, v})
		}
	}
}

// typeParams binds type parameters as unknown: nothing is known of a
// value of type T but its constraint, which is not followed.
func (b *builder) typeParams(fl *ast.FieldList) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		for _, n := range f.Names {
			b.bind(n.Name, 0)
		}
	}
	for _, f := range fl.List {
		b.expr(f.Type)
	}
}

// typeSpec walks a type declaration; at package level it records the
// type, its fields, interface methods and embedded types.
func (b *builder) typeSpec(ts *ast.TypeSpec, local bool) {
	name := ts.Name.Name
	if local {
		b.bind(name, 0)
	}
	m := b.mark()
	b.typeParams(ts.TypeParams)
	d := declSum{name: b.id(name), recv: -1, kind: dType, line: b.line(ts.Name.Pos())}
	switch t := ts.Type.(type) {
	case *ast.StructType:
		d.form = fStruct
		b.structFields(d.name, t, local)
	case *ast.InterfaceType:
		d.form = fInterface
		b.interfaceMethods(d.name, t, local)
	default:
		d.form = fOther
		if ts.Assign.IsValid() {
			d.form = fAlias
		}
		d.typ = b.expr(ts.Type)
	}
	b.pop(m)
	if !local && name != "_" {
		b.decl(d)
	}
}

func (b *builder) structFields(owner int32, st *ast.StructType, local bool) {
	if st.Fields == nil {
		return
	}
	for _, f := range st.Fields.List {
		v := b.node(b.expr(f.Type), nValue, 0)
		if local {
			continue
		}
		if len(f.Names) == 0 {
			if name := embeddedName(f.Type); name != "" {
				b.decl(declSum{name: b.id(name), recv: owner, kind: dEmbed, line: b.line(f.Type.Pos()), typ: v})
			}
			continue
		}
		for _, n := range f.Names {
			if n.Name != "_" {
				b.decl(declSum{name: b.id(n.Name), recv: owner, kind: dField, line: b.line(n.Pos()), typ: v})
			}
		}
	}
}

func (b *builder) interfaceMethods(owner int32, it *ast.InterfaceType, local bool) {
	if it.Methods == nil {
		return
	}
	for _, f := range it.Methods.List {
		ft, ok := f.Type.(*ast.FuncType)
		if !ok || len(f.Names) == 0 {
			v := b.node(b.expr(f.Type), nValue, 0)
			if name := embeddedName(f.Type); name != "" && !local {
				b.decl(declSum{name: b.id(name), recv: owner, kind: dEmbedIface, line: b.line(f.Type.Pos()), typ: v})
			}
			continue
		}
		m := b.mark()
		r0 := len(b.results)
		b.signature(nil, ft, !local)
		b.pop(m)
		if local {
			continue
		}
		for _, n := range f.Names {
			b.decl(declSum{name: b.id(n.Name), recv: owner, kind: dMethod, line: b.line(n.Pos()), res0: int32(r0), nres: int32(len(b.results) - r0)})
		}
		if b.sum.test {
			b.results = b.results[:r0]
		}
	}
}

// valueSpecs walks var and const declarations: at package level it
// records them, in a function it binds them. A constant without type
// or value repeats the previous one's (iota).
func (b *builder) valueSpecs(g *ast.GenDecl, local bool) {
	kind := dVar
	if g.Tok == token.CONST {
		kind = dConst
	}
	var prev []int32 // the last constant spec's nodes, by name index
	for _, spec := range g.Specs {
		vs, ok := spec.(*ast.ValueSpec)
		if !ok {
			continue
		}
		var nodes []int32
		switch {
		case kind == dConst && vs.Type == nil && len(vs.Values) == 0:
			nodes = prev
		case vs.Type != nil:
			t := b.node(b.expr(vs.Type), nValue, 0)
			for _, v := range vs.Values {
				b.expr(v)
			}
			nodes = make([]int32, len(vs.Names))
			for i := range nodes {
				nodes[i] = t
			}
		default:
			nodes = b.values(vs.Values, len(vs.Names))
		}
		prev = nodes
		for i, n := range vs.Names {
			v := int32(0)
			if i < len(nodes) {
				v = nodes[i]
			}
			if local {
				b.bind(n.Name, v)
			} else if n.Name != "_" {
				b.decl(declSum{name: b.id(n.Name), recv: -1, kind: kind, line: b.line(n.Pos()), typ: v})
			}
		}
	}
}

// values returns the nodes of the n values that rhs yields: one each,
// or the n results of one call.
func (b *builder) values(rhs []ast.Expr, n int) []int32 {
	out := make([]int32, n)
	if len(rhs) == 1 && n > 1 {
		switch e := ast.Unparen(rhs[0]).(type) {
		case *ast.CallExpr:
			f, v := b.call(e)
			if v != 0 {
				out[0] = v
				return out
			}
			for i := range out {
				out[i] = b.node(f, nCall, int32(i))
			}
			return out
		default: // v, ok := m[k], x.(T), <-ch
			out[0] = b.expr(e)
			return out
		}
	}
	for i, e := range rhs {
		v := b.expr(e)
		if i < n && len(rhs) == n {
			out[i] = v
		}
	}
	return out
}
