package tables

import "sort"

// Calls are resolved by name, without type information, so the call
// graph is an approximation:
//
//   - pkg.F(...), pkg an import of the file: function F of that module
//     package (calls into other modules resolve to nothing).
//   - F(...): function F of the same package.
//   - x.M(...): a method M declared in the module. If x is the receiver
//     of the enclosing method, the same package's M (preferring the same
//     receiver type); else the Ms of packages the calling file imports;
//     else of packages another file of its package imports (a field's
//     type is often declared in another file); else the same package's. An M declared only in packages the file
//     does not import stays unresolved: names like Get or Close are too
//     common (r.Header.Get) to guess from a unique declaration.
//
// Interface calls therefore reach the implementation only when the
// caller imports its package or the method name is unique; calls made
// through function values are not seen at all.

// funcID identifies a function across packages.
type funcID struct{ pkg, key string }

// callGraph maps each function to the functions calling it.
type callGraph map[funcID][]*funcInfo

// callGraph resolves only the calls that can matter: those reaching the
// functions that run SQL, then those reaching their callers, and so on
// for depth levels. Matching by name first keeps the cost low where most
// calls (to the standard library, to helpers) are never resolved.
func (f *finisher) callGraph(origins []*funcInfo, depth int) callGraph {
	methods := map[string][]*funcInfo{}
	for _, dir := range f.dirs {
		for _, fi := range f.c.pkgs[dir].funcs {
			if fi.recv != "" {
				methods[fi.name] = append(methods[fi.name], fi)
			}
		}
	}
	g := callGraph{}
	seenEdge := map[[2]*funcInfo]bool{}
	frontier := map[*funcInfo]bool{}
	for _, o := range origins {
		frontier[o] = true
	}
	reached := map[*funcInfo]bool{}
	for level := 0; level < depth && len(frontier) > 0; level++ {
		names := map[string]bool{}
		for fn := range frontier {
			names[fn.name] = true
			reached[fn] = true
		}
		next := map[*funcInfo]bool{}
		for _, dir := range f.dirs {
			p := f.c.pkgs[dir]
			for _, fi := range p.funcs {
				if fi.test && !f.c.opt.Tests {
					continue // a test calling a store says nothing about its package
				}
				var imports map[string]bool
				for _, cl := range fi.calls {
					if !names[cl.name] {
						continue
					}
					if imports == nil {
						imports = map[string]bool{}
						for _, imp := range fi.file {
							imports[imp] = true
						}
					}
					for _, callee := range f.resolve(p, fi, cl, methods, imports) {
						e := [2]*funcInfo{fi, callee}
						if !frontier[callee] || callee == fi || seenEdge[e] {
							continue
						}
						seenEdge[e] = true
						id := funcID{callee.pkg, callee.key}
						g[id] = append(g[id], fi)
						if !reached[fi] {
							next[fi] = true
						}
					}
				}
			}
		}
		frontier = next
	}
	for id := range g {
		sort.Slice(g[id], func(i, j int) bool {
			a, b := g[id][i], g[id][j]
			return a.pkg < b.pkg || a.pkg == b.pkg && a.key < b.key
		})
	}
	return g
}

// resolve applies the rules above to one call.
func (f *finisher) resolve(p *pkgInfo, caller *funcInfo, cl call, methods map[string][]*funcInfo, imports map[string]bool) []*funcInfo {
	switch {
	case cl.imp != "":
		if q := f.byImport[cl.imp]; q != nil {
			if fi := q.funcs[cl.name]; fi != nil && fi.recv == "" {
				return []*funcInfo{fi}
			}
		}
		return nil
	case cl.local:
		if fi := p.funcs[cl.name]; fi != nil && fi.recv == "" {
			return []*funcInfo{fi}
		}
		return nil
	}
	cands := methods[cl.name]
	if len(cands) == 0 {
		return nil
	}
	var same, imported, pkgImported []*funcInfo
	for _, m := range cands {
		ip := f.c.pkgs[m.pkg].importPath
		switch {
		case m.pkg == p.dir:
			same = append(same, m)
		case imports[ip]:
			imported = append(imported, m)
		case p.imports[ip]:
			pkgImported = append(pkgImported, m)
		}
	}
	if cl.recv && len(same) > 0 {
		for _, m := range same {
			if m.recv == caller.recv {
				return []*funcInfo{m}
			}
		}
		return same
	}
	if len(imported) > 0 {
		return imported
	}
	if len(pkgImported) > 0 {
		return pkgImported
	}
	return same
}

// viaRank orders the ways of touching a table: a package that does so
// in SQL and through an ORM does so directly.
var viaRank = map[string]int{Direct: 0, ORM: 1, Carried: 2}

// carry computes which packages touch which tables: the statement's
// package and the packages of the functions running it directly, then
// every package whose functions reach one of those functions within
// maxDepth call edges, as carried.
func (f *finisher) carry(maxDepth int) map[string]map[Access]string {
	out := map[string]map[Access]string{}
	mark := func(pkg string, a Access, via string) {
		m := out[pkg]
		if m == nil {
			m = map[Access]string{}
			out[pkg] = m
		}
		if old := m[a]; old == "" || viaRank[via] < viaRank[old] {
			m[a] = via
		}
	}
	direct := map[*funcInfo][]Access{}
	var order []*funcInfo
	for _, s := range f.stmts {
		via := Direct
		if s.How == HowORM {
			via = ORM
		}
		for _, a := range s.Tables {
			mark(s.Package, a, via)
			for _, o := range s.owners {
				mark(o.pkg, a, via)
				if _, ok := direct[o]; !ok {
					order = append(order, o)
				}
				direct[o] = append(direct[o], a)
			}
		}
	}
	g := f.callGraph(order, maxDepth)
	for _, fn := range order {
		acc := dedupe(direct[fn])
		seen := map[*funcInfo]bool{fn: true}
		frontier := []*funcInfo{fn}
		for depth := 0; depth < maxDepth && len(frontier) > 0; depth++ {
			var next []*funcInfo
			for _, callee := range frontier {
				for _, caller := range g[funcID{callee.pkg, callee.key}] {
					if seen[caller] {
						continue
					}
					seen[caller] = true
					next = append(next, caller)
					if caller.pkg != fn.pkg {
						for _, a := range acc {
							mark(caller.pkg, a, Carried)
						}
					}
				}
			}
			frontier = next
		}
	}
	return out
}
