package symbols

import (
	"cmp"
	"go/token"
	"slices"
	"strings"
)

// pkgInfo is a repository package: every file added with its import
// path.
type pkgInfo struct {
	dir     string
	path    int32
	name    int32          // its package clause, -1 if only test files were seen
	rank    int32          // in the order of directories
	members map[int32]ref  // package-level declarations by name
	types   map[int32]*typ // declared types by name
}

// ref is a declaration: f.decls[d].
type ref struct {
	f *fileSum
	d int32
}

func (r ref) decl() *declSum { return &r.f.decls[r.d] }

// typ is a declared type with its fields, methods and embedded types.
type typ struct {
	decl    ref
	members map[int32]ref
	embeds  []ref
}

// state is what a node resolves to.
type state struct {
	kind uint8
	elem uint8 // for sType and sValue: how many containers deep T is ([]map[K]T: 2)
	pkg  int32 // the path id of sPkg, sType, sValue, sExt; universe for error
	name int32 // the type's name; sExt: the member's
	fn   ref   // sFunc: the function or method
}

// State kinds.
const (
	sUnknown uint8 = iota
	sPkg           // an imported package
	sType          // a named type, of the repository or not
	sValue         // a value of a named type (or container of it)
	sFunc          // a repository function or method, whose results are known
	sExt           // a member of a package outside the repository: type, function or variable
)

// universe is the pkg of the predeclared error type.
const universe = -1

// maxElem bounds container depth; deeper is unknown.
const maxElem = 8

// resolver holds what Finish works with.
type resolver struct {
	c     *Collector
	pkgs  map[int32]*pkgInfo // by import path id
	guess map[int32][]int32  // external import path id -> the names it may go by
	errID int32              // the id of "error", -1 if never seen
	uses  map[useKey]*useAgg
	res   *Result
}

type useKey struct {
	from, to   int32 // path ids
	recv, name int32 // recv -1 for package-level
}

type useAgg struct {
	kind             uint8
	sites, gen, test int
	firstPath        string
	firstLine        int32
}

// Finish resolves every file's sites against the declarations of all
// and returns the result. The collector must not be used afterwards.
func (c *Collector) Finish() *Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	files := c.files
	slices.SortFunc(files, func(a, b *fileSum) int {
		return cmp.Or(strings.Compare(a.path, b.path), strings.Compare(a.importPath, b.importPath), strings.Compare(a.dir, b.dir))
	})
	r := &resolver{
		c:     c,
		pkgs:  map[int32]*pkgInfo{},
		guess: map[int32][]int32{},
		errID: -1,
		uses:  map[useKey]*useAgg{},
		res:   &Result{Files: len(files)},
	}
	if id, ok := c.ids["error"]; ok {
		r.errID = id
	}
	r.packages(files)
	for _, f := range files {
		r.imports(f)
	}
	for _, f := range files {
		r.sites(f)
	}
	r.result(files)
	r.res.Skipped = slices.Sorted(slices.Values(c.skipped))
	c.files, c.skipped = nil, nil
	return r.res
}

// resolve returns what node n of file f stands for.
func (r *resolver) resolve(f *fileSum, n int32) state {
	if n <= 0 || int(n) >= len(f.nodes) {
		return state{}
	}
	if f.memo == nil {
		f.memo, f.status = make([]state, len(f.nodes)), make([]uint8, len(f.nodes))
	}
	memo, status := f.memo, f.status
	switch status[n] {
	case 1:
		return state{} // a cycle: var a = b; var b = a
	case 2:
		return memo[n]
	}
	status[n] = 1
	nd := f.nodes[n]
	var s state
	switch nd.kind {
	case nIdent:
		s, _ = r.ident(f, nd.name)
	case nSel:
		s = r.selectOn(r.resolve(f, nd.parent), nd.name)
	case nCall:
		s = r.callOf(r.resolve(f, nd.parent), int(nd.name))
	case nElem:
		s = r.elemOf(r.resolve(f, nd.parent))
	case nValue:
		p := r.resolve(f, nd.parent)
		switch p.kind {
		case sType:
			s = p
			s.kind = sValue
		case sExt:
			s = state{kind: sValue, pkg: p.pkg, name: p.name}
		}
	case nContainer:
		p := r.resolve(f, nd.parent)
		switch p.kind {
		case sType:
			if p.elem < maxElem {
				s = p
				s.elem++
			}
		case sExt:
			s = state{kind: sType, elem: 1, pkg: p.pkg, name: p.name}
		}
	}
	memo[n], status[n] = s, 2
	return s
}

// ident resolves a free identifier of f: an import, a declaration of
// f's package, a dot-imported declaration (dot then is that package's
// path id, else -1) or error.
func (r *resolver) ident(f *fileSum, name int32) (s state, dot int32) {
	for _, im := range f.imports {
		if im.exact == name && !im.dot {
			return state{kind: sPkg, pkg: im.path}, -1
		}
	}
	if d, ok := r.pkgs[f.pathID].members[name]; ok {
		return r.member(d), -1
	}
	for _, im := range f.imports {
		if im.exact < 0 && !im.dot && slices.Contains(r.guess[im.path], name) {
			return state{kind: sPkg, pkg: im.path}, -1
		}
	}
	if f.dots && token.IsExported(r.c.texts[name]) {
		for _, im := range f.imports {
			if !im.dot {
				continue
			}
			if p := r.pkgs[im.path]; p != nil {
				if d, ok := p.members[name]; ok {
					return r.member(d), im.path
				}
			}
		}
	}
	if name == r.errID {
		return state{kind: sType, pkg: universe, name: name}, -1
	}
	if f.dots && token.IsExported(r.c.texts[name]) {
		// Likely a name of a dot-imported package from outside (jen's Id).
		for _, im := range f.imports {
			if im.dot && r.pkgs[im.path] == nil {
				return state{kind: sExt, pkg: im.path, name: name}, -1
			}
		}
	}
	return state{}, -1
}

// member is what a package-level declaration stands for.
func (r *resolver) member(d ref) state {
	ds := d.decl()
	switch ds.kind {
	case dType:
		if ds.form == fAlias {
			switch s := r.resolve(d.f, ds.typ); s.kind {
			case sType:
				return s
			case sExt: // type Once = sync.Once
				return state{kind: sType, pkg: s.pkg, name: s.name}
			}
			return state{}
		}
		return state{kind: sType, pkg: d.f.pathID, name: ds.name}
	case dFunc:
		return state{kind: sFunc, fn: d}
	case dVar, dConst:
		return r.resolve(d.f, ds.typ)
	}
	return state{}
}

// typeOf is the repository type a type or value state has, if it does.
func (r *resolver) typeOf(s state) *typ {
	if (s.kind != sType && s.kind != sValue) || s.elem != 0 {
		return nil
	}
	if p := r.pkgs[s.pkg]; p != nil {
		return p.types[s.name]
	}
	return nil
}

// embedDepth is how many embedded levels lookup descends. One, as
// asked: deeper promotions are rarer, and each level multiplies the
// paths that a wrong guess of a field's type could take.
const embedDepth = 1

// lookup finds name among the fields and methods of t, or embedDepth
// embedded levels down, the shallowest first as Go does. When it is not
// found and t embeds a type declared outside the repository on the way,
// outside tells: the member is likely promoted from it.
func (r *resolver) lookup(t *typ, name int32) (d ref, found, outside bool) {
	level := []*typ{t}
	for depth := 0; len(level) > 0; depth++ {
		for _, lt := range level {
			if d, ok := lt.members[name]; ok {
				return d, true, false
			}
			// type X pkg.Iface has Iface's methods; type X pkg.Struct has
			// Struct's fields, not its methods.
			if u := r.underlying(lt); u != nil {
				if d, ok := u.members[name]; ok && (u.decl.decl().form == fInterface || d.decl().kind != dMethod) {
					return d, true, false
				}
			}
		}
		if depth == embedDepth {
			break
		}
		var next []*typ
		for _, lt := range level {
			embeds := lt.embeds
			if u := r.underlying(lt); u != nil {
				embeds = append(slices.Clip(embeds), u.embeds...)
			}
			for _, e := range embeds {
				es := r.resolve(e.f, e.decl().typ)
				et := r.typeOf(es)
				if et == nil {
					outside = outside || es.kind == sValue && r.pkgs[es.pkg] == nil
					continue
				}
				if et != t && !slices.Contains(next, et) {
					next = append(next, et)
				}
			}
		}
		level = next
	}
	return ref{}, false, outside
}

// underlying is the repository struct or interface type t is defined
// as (type X pkg.T), if it is one.
func (r *resolver) underlying(t *typ) *typ {
	d := t.decl.decl()
	if d.form != fOther {
		return nil
	}
	u := r.typeOf(r.resolve(t.decl.f, d.typ))
	if u == nil || u == t {
		return nil
	}
	if f := u.decl.decl().form; f != fStruct && f != fInterface {
		return nil
	}
	return u
}

func (r *resolver) selectOn(p state, name int32) state {
	switch p.kind {
	case sPkg:
		if pkg := r.pkgs[p.pkg]; pkg != nil {
			if d, ok := pkg.members[name]; ok {
				return r.member(d)
			}
			return state{}
		}
		return state{kind: sExt, pkg: p.pkg, name: name}
	case sExt:
		return r.outside(p)
	case sValue, sType:
		t := r.typeOf(p)
		if t == nil {
			if p.kind == sValue && r.pkgs[p.pkg] == nil {
				return r.outside(p)
			}
			return state{}
		}
		d, ok, outside := r.lookup(t, name)
		if !ok {
			if outside {
				return state{kind: sValue, pkg: universe, name: -1}
			}
			return state{}
		}
		switch ds := d.decl(); ds.kind {
		case dMethod:
			return state{kind: sFunc, fn: d}
		case dField, dEmbed:
			if p.kind == sValue {
				return r.resolve(d.f, ds.typ)
			}
		}
	}
	return state{}
}

// outside is a value got from p, of a package outside the repository:
// its type is not known, but it is not a repository type either (but
// for generic functions of other modules, which are not followed).
func (r *resolver) outside(p state) state {
	return state{kind: sValue, pkg: p.pkg, name: -1}
}

func (r *resolver) callOf(p state, i int) state {
	switch p.kind {
	case sExt:
		return r.outside(p)
	case sValue: // a function value
		if r.pkgs[p.pkg] == nil {
			return r.outside(p)
		}
	case sFunc:
		d := p.fn.decl()
		if i < int(d.nres) {
			return r.resolve(p.fn.f, p.fn.f.results[int(d.res0)+i])
		}
	case sType:
		if i == 0 { // a conversion
			p.kind = sValue
			return p
		}
	}
	return state{}
}

func (r *resolver) elemOf(p state) state {
	switch p.kind {
	case sValue:
		if r.pkgs[p.pkg] == nil {
			return r.outside(p)
		}
		if p.elem > 0 {
			p.elem--
			return p
		}
		// type Users []User: an element of Users is a User.
		if t := r.typeOf(p); t != nil {
			if d, ok := r.pkgs[p.pkg].members[p.name]; ok {
				if ds := d.decl(); ds.kind == dType && ds.form == fOther {
					if u := r.resolve(d.f, ds.typ); u.kind == sType && u.elem > 0 {
						u.kind, u.elem = sValue, u.elem-1
						return u
					}
				}
			}
		}
	case sFunc, sType:
		return p // an instantiation: F[int], List[T]
	}
	return state{}
}

// sites resolves the sites of f and records its uses and call counts.
func (r *resolver) sites(f *fileSum) {
	stats := &r.res.Calls
	if f.generated {
		stats = &r.res.GeneratedCalls
	}
	stats.OnValues += int(f.deadCalls)
	stats.Unresolved += int(f.deadCalls)
	for _, s := range f.sites {
		nd := f.nodes[s.node]
		switch nd.kind {
		case nIdent:
			if _, dot := r.ident(f, nd.name); dot >= 0 {
				if d, ok := r.pkgs[dot].members[nd.name]; ok {
					r.use(f, s, d)
				}
			}
		case nSel:
			p := r.resolve(f, nd.parent)
			calls := int(s.calls)
			if p.kind == sExt {
				stats.OnValues += calls
				stats.External += calls
				continue
			}
			if p.kind != sValue && p.kind != sType && p.kind != sPkg {
				stats.OnValues += calls
				stats.Unresolved += calls
				continue
			}
			if p.kind == sPkg {
				if pkg := r.pkgs[p.pkg]; pkg != nil && p.pkg != f.pathID {
					if d, ok := pkg.members[nd.name]; ok {
						r.use(f, s, d)
					} else {
						r.res.Missing += int(s.count)
					}
				}
				continue
			}
			if p.kind == sType {
				calls = 0 // a method expression, T.M: not a call on a value
			}
			stats.OnValues += calls
			t := r.typeOf(p)
			switch {
			case t != nil:
				if d, ok, outside := r.lookup(t, nd.name); ok {
					stats.Resolved += calls
					r.use(f, s, d)
				} else if outside {
					stats.External += calls
				} else {
					stats.NoMember += calls
				}
			case r.pkgs[p.pkg] == nil:
				stats.External += calls
			default:
				stats.Unresolved += calls
			}
		}
	}
}

// use records the sites s of f as uses of declaration d, when d is of
// another package and exported (as it must be, but syntax alone may
// take a wrong path to it).
func (r *resolver) use(f *fileSum, s site, d ref) {
	ds := d.decl()
	if d.f.pathID == f.pathID || !token.IsExported(r.c.texts[ds.name]) {
		return
	}
	k := useKey{from: f.pathID, to: d.f.pathID, recv: ds.recv, name: ds.name}
	if ds.kind != dMethod && ds.kind != dField && ds.kind != dEmbed {
		k.recv = -1
	}
	u := r.uses[k]
	if u == nil {
		u = &useAgg{kind: ds.kind, firstPath: f.path, firstLine: s.line}
		r.uses[k] = u
	} else if f.path < u.firstPath || f.path == u.firstPath && s.line < u.firstLine {
		u.firstPath, u.firstLine = f.path, s.line
	}
	n := int(s.count)
	u.sites += n
	if f.generated {
		u.gen += n
	}
	if f.test {
		u.test += n
	}
}
