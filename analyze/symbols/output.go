package symbols

import (
	"cmp"
	"go/token"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// result writes the declarations, uses and homonyms out, sorted. The
// sorts compare packages and files by rank, not by name: stackrox has
// some 100,000 declarations and 60,000 uses.
func (r *resolver) result(files []*fileSum) {
	pkgs := slices.SortedFunc(maps.Values(r.pkgs), func(a, b *pkgInfo) int {
		return cmp.Or(strings.Compare(a.dir, b.dir), strings.Compare(r.c.texts[a.path], r.c.texts[b.path]))
	})
	for i, p := range pkgs {
		p.rank = int32(i)
	}
	r.decls(files)
	r.usesOut()
	r.homonyms()
}

func (r *resolver) decls(files []*fileSum) {
	texts := r.c.texts
	type key struct {
		pkg, file, line int32
		name            string
		f               *fileSum
		d               *declSum
	}
	var keys []key
	for i, f := range files { // sorted by path
		if f.test {
			continue
		}
		p := r.pkgs[f.pathID]
		for j := range f.decls {
			d := &f.decls[j]
			name := texts[d.name]
			if !token.IsExported(name) || d.kind == dEmbedIface {
				continue
			}
			if d.recv >= 0 {
				name = texts[d.recv] + "." + name
			}
			keys = append(keys, key{pkg: p.rank, file: int32(i), line: d.line, name: name, f: f, d: d})
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.pkg != b.pkg {
			return cmp.Compare(a.pkg, b.pkg)
		}
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line))
	})
	out := make([]Decl, len(keys))
	for i, k := range keys {
		d := k.d
		o := Decl{
			Pkg: r.pkgs[k.f.pathID].dir, Name: k.name, Kind: kindNames[d.kind],
			Pos: k.f.path + ":" + strconv.Itoa(int(d.line)), Generated: k.f.generated,
		}
		switch d.kind {
		case dType:
			o.Form = formNames[d.form]
		case dMethod, dField, dEmbed:
			o.Recv = texts[d.recv]
		}
		out[i] = o
	}
	r.res.Decls = out
}

func (r *resolver) usesOut() {
	texts := r.c.texts
	type key struct {
		from, to int32 // ranks
		sym      string
		k        useKey
		u        *useAgg
	}
	keys := make([]key, 0, len(r.uses))
	for k, u := range r.uses {
		sym := texts[k.name]
		if k.recv >= 0 {
			sym = texts[k.recv] + "." + sym
		}
		keys = append(keys, key{from: r.pkgs[k.from].rank, to: r.pkgs[k.to].rank, sym: sym, k: k, u: u})
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.from != b.from {
			return cmp.Compare(a.from, b.from)
		}
		if a.to != b.to {
			return cmp.Compare(a.to, b.to)
		}
		return strings.Compare(a.sym, b.sym)
	})
	out := make([]Use, len(keys))
	for i, k := range keys {
		u := k.u
		out[i] = Use{
			From: r.pkgs[k.k.from].dir, To: r.pkgs[k.k.to].dir, Symbol: k.sym, Kind: kindNames[u.kind],
			Sites: u.sites, Generated: u.gen, Test: u.test,
			First: u.firstPath + ":" + strconv.Itoa(int(u.firstLine)),
		}
	}
	r.res.Uses = out
}

// homonyms lists the exported type names several package directories
// declare, from the sorted declarations.
func (r *resolver) homonyms() {
	dirs := map[string][]string{}
	for _, d := range r.res.Decls {
		if d.Kind == Type {
			if ds := dirs[d.Name]; len(ds) == 0 || ds[len(ds)-1] != d.Pkg {
				dirs[d.Name] = append(ds, d.Pkg)
			}
		}
	}
	for name, ds := range dirs {
		if len(ds) > 1 {
			r.res.Homonyms = append(r.res.Homonyms, Homonym{Name: name, Pkgs: ds})
		}
	}
	slices.SortFunc(r.res.Homonyms, func(a, b Homonym) int { return strings.Compare(a.Name, b.Name) })
}
