package analyze

import (
	"cmp"
	"maps"
	"math"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/seams-tool/seams/analyze/code"
	"github.com/seams-tool/seams/analyze/symbols"
	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/analyze/vocab"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/filegroups"
	"github.com/seams-tool/seams/graph/tiers"
	"github.com/seams-tool/seams/report/schema"
)

// A package too large to place whole (large.go) is clustered as its file
// groups: each group is a node of its own, its part, with the imports,
// tables, commits and words of its files, so that the packages around it
// are placed by the part they use (the routes of repositories with the
// repository files of gogs' internal/database) rather than all with the
// one package. The package itself then goes where most of its lines went.

// partSep joins a package's directory and its group's name into the
// part's node path: below the directory, so that path rules that match
// the directory's subtree match its parts, and never a Go package path.
const partSep = "/#"

// fileParts cuts the large packages into their file groups.
type fileParts struct {
	of    map[string]string   // file (relative to the root) -> its part
	parts map[string][]string // package -> its parts, sorted
	home  map[string]string   // package -> the part of most lines
	loc   map[string]int      // part -> lines
}

// newFileParts cuts each package that has at least two groups; nil when
// none has.
func newFileParts(g *code.Graph, groups map[string][]filegroups.Group) *fileParts {
	fp := &fileParts{of: map[string]string{}, parts: map[string][]string{}, home: map[string]string{}, loc: map[string]int{}}
	for _, p := range g.Packages {
		gs := groups[p.Dir]
		if len(gs) < 2 {
			continue
		}
		node := func(name string) string {
			if p.Dir == "." {
				return partSep[1:] + name
			}
			return p.Dir + partSep + name
		}
		byName := map[string]string{}
		for _, gr := range gs {
			for _, f := range gr.Files {
				byName[f] = node(gr.Name)
			}
		}
		// Groups come largest first; files no group holds go with it.
		home := node(gs[0].Name)
		for i, f := range p.Files {
			base := path.Base(f)
			n, ok := byName[base]
			if !ok {
				if b, test := strings.CutSuffix(base, "_test.go"); test {
					n, ok = byName[b+".go"]
				}
			}
			if !ok {
				n = home
			}
			fp.of[f] = n
			if i < len(p.FileLOC) {
				fp.loc[n] += p.FileLOC[i]
			}
			if !slices.Contains(fp.parts[p.Dir], n) {
				fp.parts[p.Dir] = append(fp.parts[p.Dir], n)
			}
		}
		slices.Sort(fp.parts[p.Dir])
		fp.home[p.Dir] = home
	}
	if len(fp.parts) == 0 {
		return nil
	}
	return fp
}

// partOf is the part that holds the file at file:line where, or the
// package's home part when the place names no file of it.
func (fp *fileParts) partOf(pkg, where string) string {
	f := where
	if i := strings.LastIndexByte(where, ':'); i >= 0 {
		f = where[:i]
	}
	if n, ok := fp.of[f]; ok {
		return n
	}
	return fp.home[pkg]
}

// keptVocabulary holds the files' vocabulary summaries until the file
// groups are known, so that the parts' vocabularies can be compared.
type keptVocabulary struct {
	mu    sync.Mutex
	files []keptSummary
}

type keptSummary struct {
	path, dir string
	s         *vocab.Summary
}

func (k *keptVocabulary) add(path, dir string, s *vocab.Summary) {
	k.mu.Lock()
	k.files = append(k.files, keptSummary{path, dir, s})
	k.mu.Unlock()
}

// partVocabulary compares the vocabularies with the large packages cut
// into their parts.
func (a *Analysis) partVocabulary(fp *fileParts, kept *keptVocabulary) *vocab.Result {
	voc := vocab.NewCollector()
	for _, k := range kept.files {
		dir := k.dir
		if n, ok := fp.of[k.path]; ok {
			dir = n
		}
		voc.AddSummary(dir, k.s)
	}
	if a.SQL != nil {
		terms := map[string][]string{}
		for _, st := range a.SQL.Statements {
			if fp.parts[st.Package] == nil {
				continue
			}
			n := fp.partOf(st.Package, st.Where)
			for _, t := range st.Tables {
				terms[n] = append(terms[n], t.Table)
			}
		}
		for _, p := range a.Code.Packages {
			if fp.parts[p.Dir] != nil {
				continue
			}
			var names []string
			for _, pt := range a.SQL.Packages[p.Dir] {
				if pt.Via != tables.Carried {
					names = append(names, pt.Name)
				}
			}
			voc.AddTerms(p.Dir, names...)
		}
		for _, n := range slices.Sorted(maps.Keys(terms)) {
			voc.AddTerms(n, terms[n]...)
		}
	}
	return voc.Finish(a.Config.Vocabulary)
}

// partPairs aggregates the commits again with the large packages' files
// mapped to their parts.
func partPairs(commits []cochange.Commit, opt cochange.Options, files cochange.Files, fp *fileParts, toRoot func(string) (string, bool)) []cochange.Pair {
	pkgOf := files.PackageOf
	files.PackageOf = func(f string) (string, bool) {
		p, ok := pkgOf(f)
		if !ok || fp.parts[p] == nil {
			return p, ok
		}
		rel, _ := toRoot(f)
		if n, ok := fp.of[rel]; ok {
			return n, true
		}
		// A test file changes with the file it tests; a file gone since
		// belongs to no part.
		if b, test := strings.CutSuffix(rel, "_test.go"); test {
			if n, ok := fp.of[b+".go"]; ok {
				return n, true
			}
		}
		return "", false
	}
	return cochange.Aggregate(commits, opt, files).Pairs
}

// partInput is the graph's input with the large packages cut into their
// parts.
func (a *Analysis) partInput(in graph.Input, fp *fileParts, declFile map[string]map[string]string, voc *vocab.Result, coPairs []cochange.Pair) graph.Input {
	out := in
	out.Nodes = nil
	for _, n := range in.Nodes {
		if ps := fp.parts[n.Path]; ps != nil {
			for _, p := range ps {
				out.Nodes = append(out.Nodes, graph.Node{Path: p, LOC: fp.loc[p], Whole: n.Path})
			}
			continue
		}
		out.Nodes = append(out.Nodes, n)
	}
	slices.SortFunc(out.Nodes, func(x, y graph.Node) int { return cmp.Compare(x.Path, y.Path) })

	// Which part of a large package an importer uses: the parts that
	// declare the symbols it names, by sites.
	used := map[[2]string]map[string]float64{}
	if a.Symbols != nil {
		for _, u := range a.Symbols.Uses {
			if fp.parts[u.To] == nil {
				continue
			}
			n := fp.home[u.To]
			if f, ok := declFile[u.To][u.Symbol]; ok {
				n = fp.partOf(u.To, f)
			}
			k := [2]string{u.From, u.To}
			if used[k] == nil {
				used[k] = map[string]float64{}
			}
			used[k][n] += float64(u.Sites)
		}
	}
	depFiles := map[string][]string{} // large package's file -> what it imports
	for _, p := range a.Code.Packages {
		if fp.parts[p.Dir] == nil {
			continue
		}
		for i, f := range p.Files {
			if i < len(p.FileDeps) {
				depFiles[f] = p.FileDeps[i]
			}
		}
	}
	filesOf := map[string][]string{}
	for _, p := range a.Code.Packages {
		filesOf[p.Dir] = p.Files
	}
	if in.Imports != nil {
		out.Imports = nil
		for _, e := range in.Imports {
			from := map[string]float64{e.From: float64(e.Files)}
			if fp.parts[e.From] != nil {
				from = map[string]float64{}
				for _, f := range filesOf[e.From] {
					if _, ok := slices.BinarySearch(depFiles[f], e.To); ok {
						from[fp.of[f]]++
					}
				}
			}
			to := map[string]float64{e.To: 1}
			if fp.parts[e.To] != nil {
				to = map[string]float64{fp.home[e.To]: 1}
				if u := used[[2]string{e.From, e.To}]; len(u) > 0 {
					sum := 0.0
					for _, v := range u {
						sum += v
					}
					to = map[string]float64{}
					for n, v := range u {
						to[n] = v / sum
					}
				}
			}
			for fn, fc := range from {
				for tn, share := range to {
					if w := fc * share; w >= 0.5 {
						out.Imports = append(out.Imports, graph.Import{From: fn, To: tn, Files: max(1, int(math.Round(w))), At: e.At})
					}
				}
			}
		}
		slices.SortFunc(out.Imports, func(x, y graph.Import) int {
			return cmp.Or(cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To))
		})
	}

	out.Tables = nil
	for _, u := range in.Tables {
		if fp.parts[u.Package] == nil {
			out.Tables = append(out.Tables, u)
			continue
		}
		if len(u.Sites) == 0 {
			v := u
			v.Package = fp.home[u.Package]
			out.Tables = append(out.Tables, v)
			continue
		}
		bySite := map[string][]string{}
		for _, s := range u.Sites {
			n := fp.partOf(u.Package, s)
			bySite[n] = append(bySite[n], s)
		}
		for n, sites := range bySite {
			v := u
			v.Package, v.Sites, v.At = n, sites, sites[0]
			out.Tables = append(out.Tables, v)
		}
	}
	slices.SortStableFunc(out.Tables, func(x, y graph.TableUse) int {
		return cmp.Or(cmp.Compare(x.Package, y.Package), cmp.Compare(x.Table, y.Table))
	})

	out.CoChange = coPairs
	out.Vocabulary, out.Terms, out.CommonTerms = nil, nil, nil
	if voc != nil {
		out.CommonTerms = voc.Common
		out.Terms = map[string][]graph.Term{}
		for _, p := range voc.Packages {
			for _, t := range p.Top {
				out.Terms[p.Dir] = append(out.Terms[p.Dir], graph.Term{Word: t.Word, Weight: sig4(t.Weight)})
			}
		}
		for _, p := range voc.Pairs {
			out.Vocabulary = append(out.Vocabulary, graph.Similar{A: p.A, B: p.B, Similarity: p.Weight})
		}
		for _, p := range tiers.Aligned(a.Layers) {
			if fp.parts[p.A] == nil && fp.parts[p.B] == nil {
				out.Vocabulary = append(out.Vocabulary, graph.Similar{A: p.A, B: p.B, Similarity: alignedSimilarity})
			}
		}
	}
	out.Uses, out.Homonyms = nil, nil
	return out
}

// declFiles maps each exported declaration of the large packages to the
// file that declares it.
func declFiles(r *symbols.Result, g *code.Graph) map[string]map[string]string {
	large, _ := largePackages(g)
	if len(large) == 0 {
		return nil
	}
	out := map[string]map[string]string{}
	for _, p := range large {
		out[p.Dir] = map[string]string{}
	}
	for _, d := range r.Decls {
		m := out[d.Pkg]
		if m == nil {
			continue
		}
		f := d.Pos
		if i := strings.LastIndexByte(f, ':'); i >= 0 {
			f = f[:i]
		}
		if _, ok := m[d.Name]; !ok {
			m[d.Name] = f
		}
	}
	return out
}

// partsOf lists where the parts of package p went, largest first; nil
// for a package clustered whole. ctxOf maps a package to its context's
// id.
func (a *Analysis) partsOf(p *code.Package, ctxOf map[string]string) []schema.PackagePart {
	if a.Partition == nil || len(a.Partition.Parts) == 0 || len(a.FileGroups[p.Dir]) < 2 {
		return nil
	}
	fp := newFileParts(a.Code, map[string][]filegroups.Group{p.Dir: a.FileGroups[p.Dir]})
	if fp == nil {
		return nil
	}
	files := map[string]int{}
	for _, n := range fp.of {
		files[n]++
	}
	var out []schema.PackagePart
	for _, n := range fp.parts[p.Dir] {
		pl, ok := a.Partition.Parts[n]
		if !ok {
			return nil // clustered with other groups: not these parts
		}
		sp := schema.PackagePart{Name: strings.TrimPrefix(n[len(p.Dir):], partSep), Files: files[n], LOC: fp.loc[n], Shared: pl.Shared, Tooling: pl.Tooling}
		if p.Dir == "." {
			sp.Name = strings.TrimPrefix(n, partSep[1:])
		}
		if pl.With != "" {
			sp.Context = ctxOf[pl.With]
		}
		out = append(out, sp)
	}
	slices.SortStableFunc(out, func(x, y schema.PackagePart) int {
		return cmp.Or(cmp.Compare(y.LOC, x.LOC), cmp.Compare(x.Name, y.Name))
	})
	return out
}
