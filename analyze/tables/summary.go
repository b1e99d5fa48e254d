package tables

import (
	"slices"

	"github.com/seams-tool/seams/analyze/internal/wire"
)

// summaryVersion changes whenever Summary's encoding or what Summarize
// records changes: a cache of an older one is not read.
const summaryVersion = 1

// MarshalBinary encodes s. The file's path, package and test and
// generated marks, the same for every root, function and ORM site of
// it, are not repeated: AddSummary knows them.
func (s *Summary) MarshalBinary() ([]byte, error) {
	var w wire.Writer
	w.Uint(summaryVersion)
	w.Bool(s.tooBig != nil)
	if s.tooBig != nil {
		w.String(s.tooBig.Message)
		w.String(s.tooBig.Where)
		return w.B, nil
	}
	w.Bool(s.test)
	w.Bool(s.generated)
	w.Bool(s.impList != nil)
	w.Strings(s.impList)
	w.Strings(s.drivers)
	w.Len(len(s.warnings))
	for _, x := range s.warnings {
		w.String(x.Message)
		w.String(x.Where)
	}
	w.Bool(s.singular)
	index := make(map[*root]int, len(s.roots))
	for i, r := range s.roots {
		index[r] = i
	}
	w.Len(len(s.roots))
	for _, r := range s.roots {
		writeExpr(&w, r.e)
		w.Int(int64(r.line))
		w.String(r.fn)
		w.String(r.bind)
		w.Bool(r.dbArg)
		w.String(r.builder)
		w.Len(len(r.appends))
		for _, a := range r.appends {
			w.Len(index[a])
		}
		w.Bool(r.isPart)
		w.String(r.recv)
		w.String(r.access)
		w.Int(int64(r.nargs))
	}
	w.Len(len(s.funcs))
	for _, fi := range s.funcs {
		w.String(fi.name)
		w.String(fi.key)
		w.String(fi.recv)
		w.Len(len(fi.calls))
		for _, c := range fi.calls {
			w.String(c.imp)
			w.String(c.name)
			w.Bool(c.method)
			w.Bool(c.recv)
			w.Bool(c.local)
		}
		w.Len(len(fi.refs))
		for _, r := range fi.refs {
			w.String(r.name)
			w.Bool(r.db)
		}
		w.Strings(fi.lits)
		names := slices.Sorted(mapKeys(fi.locals))
		w.Len(len(names))
		for _, n := range names {
			w.String(n)
			w.Len(index[fi.locals[n]])
		}
		w.Bool(fi.dbRefs != nil)
		w.Strings(slices.Sorted(mapKeys(fi.dbRefs)))
	}
	w.Len(len(s.orm))
	for _, o := range s.orm {
		w.String(o.model.imp)
		w.String(o.model.name)
		w.String(o.method)
		w.String(o.access)
		w.String(o.table)
		w.Int(int64(o.line))
		w.String(o.fn)
	}
	w.Len(len(s.structs))
	for _, d := range s.structs {
		w.String(d.name)
		w.String(d.table)
		w.Bool(d.ent)
		w.String(d.naming)
		w.Bool(d.extends != nil)
		if d.extends != nil {
			w.String(d.extends.imp)
			w.String(d.extends.name)
		}
		w.Int(int64(d.line))
	}
	w.Len(len(s.entTables))
	for _, e := range s.entTables {
		w.String(e[0])
		w.String(e[1])
	}
	w.Len(len(s.embeds))
	for _, e := range s.embeds {
		w.String(e.pattern)
		w.String(e.fn)
	}
	w.Len(len(s.paths))
	for _, p := range s.paths {
		w.String(p.path)
	}
	return w.B, nil
}

// mapKeys are a map's keys, for slices.Sorted; none for a nil map.
func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func writeExpr(w *wire.Writer, e *sexpr) {
	w.Uint(uint64(e.op))
	w.String(e.raw)
	w.Len(len(e.kids))
	for _, k := range e.kids {
		writeExpr(w, k)
	}
}

// maxExprDepth bounds the nesting a decoded expression may have: the
// walk that made it follows Go's syntax, which the parser bounds too.
const maxExprDepth = 10000

func readExpr(r *wire.Reader, depth int) *sexpr {
	e := &sexpr{op: byte(r.Uint()), raw: r.String()}
	if depth > maxExprDepth || r.Err() != nil {
		return e
	}
	if n := r.Len(1); n > 0 {
		e.kids = make([]*sexpr, n)
		for i := range e.kids {
			e.kids[i] = readExpr(r, depth+1)
		}
	}
	return e
}

// UnmarshalBinary decodes what MarshalBinary encoded; AddSummary then
// fills in the file's path and package.
func (s *Summary) UnmarshalBinary(b []byte) error {
	r := wire.NewReader(b)
	if r.Uint() != summaryVersion {
		return wire.ErrMalformed
	}
	*s = Summary{}
	if r.Bool() {
		s.tooBig = &Warning{Message: r.String(), Where: r.String()}
		return r.Done()
	}
	s.test, s.generated = r.Bool(), r.Bool()
	hasImports := r.Bool()
	s.impList = r.Strings()
	if hasImports && s.impList == nil {
		s.impList = []string{}
	}
	s.drivers = r.Strings()
	if n := r.Len(1); n > 0 {
		s.warnings = make([]Warning, n)
		for i := range s.warnings {
			s.warnings[i] = Warning{Message: r.String(), Where: r.String()}
		}
	}
	s.singular = r.Bool()
	n := r.Len(10)
	s.roots = make([]*root, n)
	for i := range s.roots {
		s.roots[i] = &root{}
	}
	rootAt := func() *root {
		i := r.Uint()
		if i >= uint64(len(s.roots)) {
			r.Fail()
			return &root{}
		}
		return s.roots[i]
	}
	for _, rt := range s.roots {
		rt.e = readExpr(r, 0)
		rt.line = int(r.Int())
		rt.fn, rt.bind, rt.dbArg, rt.builder = r.String(), r.String(), r.Bool(), r.String()
		if k := r.Len(1); k > 0 {
			rt.appends = make([]*root, k)
			for j := range rt.appends {
				rt.appends[j] = rootAt()
			}
		}
		rt.isPart, rt.recv, rt.access, rt.nargs = r.Bool(), r.String(), r.String(), int(r.Int())
	}
	if n := r.Len(1); n > 0 {
		s.funcs = make([]*funcInfo, n)
		for i := range s.funcs {
			fi := &funcInfo{name: r.String(), key: r.String(), recv: r.String()}
			if k := r.Len(1); k > 0 {
				fi.calls = make([]call, k)
				for j := range fi.calls {
					fi.calls[j] = call{imp: r.String(), name: r.String(), method: r.Bool(), recv: r.Bool(), local: r.Bool()}
				}
			}
			if k := r.Len(1); k > 0 {
				fi.refs = make([]ref, k)
				for j := range fi.refs {
					fi.refs[j] = ref{name: r.String(), db: r.Bool()}
				}
			}
			fi.lits = r.Strings()
			if k := r.Len(1); k > 0 {
				fi.locals = make(map[string]*root, k)
				for range k {
					name := r.String()
					fi.locals[name] = rootAt()
				}
			}
			hasDB := r.Bool()
			if names := r.Strings(); hasDB {
				fi.dbRefs = make(map[string]bool, len(names))
				for _, n := range names {
					fi.dbRefs[n] = true
				}
			}
			s.funcs[i] = fi
		}
	}
	if n := r.Len(1); n > 0 {
		s.orm = make([]*ormSite, n)
		for i := range s.orm {
			s.orm[i] = &ormSite{model: typeRef{imp: r.String(), name: r.String()}, method: r.String(), access: r.String(),
				table: r.String(), line: int(r.Int()), fn: r.String()}
		}
	}
	if n := r.Len(1); n > 0 {
		s.structs = make([]structDecl, n)
		for i := range s.structs {
			d := structDecl{name: r.String(), table: r.String(), ent: r.Bool(), naming: r.String()}
			if r.Bool() {
				d.extends = &typeRef{imp: r.String(), name: r.String()}
			}
			d.line = int(r.Int())
			s.structs[i] = d
		}
	}
	if n := r.Len(1); n > 0 {
		s.entTables = make([][2]string, n)
		for i := range s.entTables {
			s.entTables[i] = [2]string{r.String(), r.String()}
		}
	}
	if n := r.Len(1); n > 0 {
		s.embeds = make([]embedPattern, n)
		for i := range s.embeds {
			s.embeds[i] = embedPattern{pattern: r.String(), fn: r.String()}
		}
	}
	if n := r.Len(1); n > 0 {
		s.paths = make([]pathLit, n)
		for i := range s.paths {
			s.paths[i] = pathLit{path: r.String()}
		}
	}
	return r.Done()
}

// place gives a decoded summary's items the file's path and package and
// its test and generated marks, which MarshalBinary leaves out.
func (s *Summary) place(pkg, path string) {
	for _, r := range s.roots {
		r.file, r.pkg, r.test, r.gen = path, pkg, s.test, s.generated
	}
	for _, fi := range s.funcs {
		fi.pkg, fi.file, fi.test = pkg, s.impList, s.test
	}
	for _, o := range s.orm {
		o.file, o.test, o.gen = path, s.test, s.generated
	}
	for i := range s.structs {
		s.structs[i].file = path
	}
}
