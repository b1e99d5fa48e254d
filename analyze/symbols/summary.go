package symbols

import "github.com/seams-tool/seams/analyze/internal/wire"

// summaryVersion changes whenever Summary's encoding or what Summarize
// records changes: a cache of an older one is not read.
const summaryVersion = 1

// MarshalBinary encodes s.
func (s *Summary) MarshalBinary() ([]byte, error) {
	var w wire.Writer
	w.Uint(summaryVersion)
	w.String(s.skipped)
	w.Strings(s.strs)
	f := &s.sum
	w.Int(int64(f.name))
	w.Bool(f.generated)
	w.Bool(f.dots)
	w.Int(int64(f.deadCalls))
	w.Len(len(f.imports))
	for _, im := range f.imports {
		w.Int(int64(im.path))
		w.Int(int64(im.alias))
		w.Bool(im.dot)
	}
	w.Len(len(f.nodes))
	for _, n := range f.nodes {
		w.Int(int64(n.parent))
		w.Int(int64(n.name))
		w.Uint(uint64(n.kind))
	}
	w.Len(len(f.sites))
	for _, st := range f.sites {
		w.Int(int64(st.node))
		w.Int(int64(st.count))
		w.Int(int64(st.calls))
		w.Int(int64(st.line))
	}
	w.Len(len(f.decls))
	for _, d := range f.decls {
		w.Int(int64(d.name))
		w.Int(int64(d.recv))
		w.Uint(uint64(d.kind))
		w.Uint(uint64(d.form))
		w.Int(int64(d.line))
		w.Int(int64(d.typ))
		w.Int(int64(d.res0))
		w.Int(int64(d.nres))
	}
	w.Len(len(f.results))
	for _, r := range f.results {
		w.Int(int64(r))
	}
	return w.B, nil
}

// UnmarshalBinary decodes what MarshalBinary encoded. Every string id
// and node index is checked, so that a damaged cache cannot make Finish
// index out of range.
func (s *Summary) UnmarshalBinary(b []byte) error {
	r := wire.NewReader(b)
	if v := r.Uint(); v != summaryVersion {
		return wire.ErrMalformed
	}
	*s = Summary{skipped: r.String(), strs: r.Strings()}
	f := &s.sum
	f.name = r.Int32()
	f.generated = r.Bool()
	f.dots = r.Bool()
	f.deadCalls = r.Int32()
	f.imports = make([]imp, r.Len(1))
	for i := range f.imports {
		f.imports[i] = imp{path: r.Int32(), alias: r.Int32(), dot: r.Bool()}
	}
	f.nodes = make([]node, r.Len(1))
	for i := range f.nodes {
		f.nodes[i] = node{parent: r.Int32(), name: r.Int32(), kind: uint8(r.Uint())}
	}
	f.sites = make([]site, r.Len(1))
	for i := range f.sites {
		f.sites[i] = site{node: r.Int32(), count: r.Int32(), calls: r.Int32(), line: r.Int32()}
	}
	f.decls = make([]declSum, r.Len(1))
	for i := range f.decls {
		f.decls[i] = declSum{name: r.Int32(), recv: r.Int32(), kind: uint8(r.Uint()), form: uint8(r.Uint()),
			line: r.Int32(), typ: r.Int32(), res0: r.Int32(), nres: r.Int32()}
	}
	f.results = make([]int32, r.Len(1))
	for i := range f.results {
		f.results[i] = r.Int32()
	}
	if err := r.Done(); err != nil {
		return err
	}
	if s.skipped == "" && !s.valid() {
		return wire.ErrMalformed
	}
	return nil
}

// valid checks the ids and indexes of a decoded summary.
func (s *Summary) valid() bool {
	f := &s.sum
	str := func(id int32, none bool) bool { return id >= 0 && int(id) < len(s.strs) || none && id == -1 }
	nodeAt := func(i int32) bool { return i >= 0 && int(i) < len(f.nodes) }
	if !str(f.name, false) || len(f.nodes) == 0 {
		return false
	}
	for _, im := range f.imports {
		if !str(im.path, false) || !str(im.alias, true) {
			return false
		}
	}
	for i, n := range f.nodes {
		if n.kind > nContainer || i > 0 && !nodeAt(n.parent) {
			return false
		}
		if (n.kind == nIdent || n.kind == nSel) && !str(n.name, false) {
			return false
		}
	}
	for _, st := range f.sites {
		if !nodeAt(st.node) {
			return false
		}
	}
	for _, d := range f.decls {
		if !str(d.name, false) || !str(d.recv, true) || d.kind > dEmbedIface || d.form > fAlias ||
			d.typ != -1 && !nodeAt(d.typ) || d.res0 < 0 || d.nres < 0 || int(d.res0)+int(d.nres) > len(f.results) {
			return false
		}
	}
	for _, r := range f.results {
		if !nodeAt(r) {
			return false
		}
	}
	return true
}
