package symbols

import "strings"

// packages indexes the files' packages and declarations.
func (r *resolver) packages(files []*fileSum) {
	names := map[int32]map[int32]int{} // path -> package clause -> files
	for _, f := range files {
		p := r.pkgs[f.pathID]
		if p == nil {
			p = &pkgInfo{dir: f.dir, path: f.pathID, name: -1, members: map[int32]ref{}, types: map[int32]*typ{}}
			r.pkgs[f.pathID] = p
		}
		p.dir = min(p.dir, f.dir)
		if f.test || strings.HasSuffix(r.c.texts[f.name], "_test") {
			continue
		}
		if names[f.pathID] == nil {
			names[f.pathID] = map[int32]int{}
		}
		names[f.pathID][f.name]++
		for i := range f.decls {
			d := &f.decls[i]
			switch d.kind {
			case dType:
				if _, ok := p.members[d.name]; !ok {
					p.members[d.name] = ref{f, int32(i)}
					p.types[d.name] = &typ{decl: ref{f, int32(i)}, members: map[int32]ref{}}
				}
			case dFunc, dVar, dConst:
				if _, ok := p.members[d.name]; !ok {
					p.members[d.name] = ref{f, int32(i)}
				}
			}
		}
	}
	// Methods and fields, once every type is known.
	for _, f := range files {
		p := r.pkgs[f.pathID]
		for i := range f.decls {
			d := &f.decls[i]
			t := p.types[d.recv]
			if d.recv < 0 || t == nil {
				continue
			}
			switch d.kind {
			case dMethod, dField:
				if _, ok := t.members[d.name]; !ok {
					t.members[d.name] = ref{f, int32(i)}
				}
			case dEmbed:
				t.embeds = append(t.embeds, ref{f, int32(i)})
				if _, ok := t.members[d.name]; !ok {
					t.members[d.name] = ref{f, int32(i)}
				}
			case dEmbedIface:
				t.embeds = append(t.embeds, ref{f, int32(i)})
			}
		}
	}
	for path, counts := range names {
		best, n := int32(-1), 0
		for name, k := range counts {
			if k > n || k == n && r.c.texts[name] < r.c.texts[best] {
				best, n = name, k
			}
		}
		r.pkgs[path].name = best
	}
	r.res.Packages = len(r.pkgs)
}

// imports settles the name each import of f goes by: its alias, the
// package clause of a repository package, or, for other packages, the
// guesses of importNames.
func (r *resolver) imports(f *fileSum) {
	for i := range f.imports {
		im := &f.imports[i]
		im.exact = im.alias
		if im.dot || im.alias >= 0 {
			continue
		}
		if p := r.pkgs[im.path]; p != nil && p.name >= 0 {
			im.exact = p.name
			continue
		}
		if _, ok := r.guess[im.path]; !ok {
			var ids []int32
			for _, g := range importNames(r.c.texts[im.path]) {
				if id, ok := r.c.ids[g]; ok {
					ids = append(ids, id)
				}
			}
			r.guess[im.path] = ids
		}
	}
}
