package symbols

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOracle compares the uses found with those go/types finds, on the
// repository in SEAMS_ORACLE_REPO. Its packages are type-checked from
// source in import order; packages outside the repository are empty
// stand-ins (their module cache may be absent), so whatever depends on
// them is not known to the oracle either, but every use of a repository
// declaration whose type the repository's own code determines is. It
// logs precision (the share of our use sites go/types confirms) and
// recall (the share of go/types' use sites we found), by kind, for
// hand-written non-test files, and the largest differences:
//
//	SEAMS_ORACLE_REPO=/tmp/real/gogs go test -run TestOracle -v ./analyze/symbols
func TestOracle(t *testing.T) {
	root := os.Getenv("SEAMS_ORACLE_REPO")
	if root == "" {
		t.Skip("SEAMS_ORACLE_REPO not set")
	}
	fsets, files := parseFiles(t, root, repoFiles(t, root, false))
	ours := map[string]int{}
	for _, u := range collect(fsets, files).Uses {
		if n := u.Sites - u.Generated; n > 0 {
			ours[u.From+" -> "+u.To+" "+u.Symbol+" "+u.Kind] = n
		}
	}
	truth := oracleUses(t, root, files)
	kinds := map[string][3]int{} // both, ours only, oracle only
	var onlyOurs, onlyTruth []string
	for _, k := range slices.Sorted(maps.Keys(merge(ours, truth))) {
		o, w := ours[k], truth[k]
		kind := k[strings.LastIndexByte(k, ' ')+1:]
		c := kinds[kind]
		c[0] += min(o, w)
		c[1] += max(0, o-w)
		c[2] += max(0, w-o)
		kinds[kind] = c
		if o > w {
			onlyOurs = append(onlyOurs, fmt.Sprintf("%s: %d vs %d", k, o, w))
		} else if w > o {
			onlyTruth = append(onlyTruth, fmt.Sprintf("%s: %d vs %d", k, o, w))
		}
	}
	var all [3]int
	for _, kind := range slices.Sorted(maps.Keys(kinds)) {
		c := kinds[kind]
		for i := range all {
			all[i] += c[i]
		}
		t.Logf("%-6s precision %.3f recall %.3f (%d sites agreed, %d ours only, %d go/types only)", kind,
			float64(c[0])/float64(c[0]+c[1]), float64(c[0])/float64(c[0]+c[2]), c[0], c[1], c[2])
	}
	t.Logf("all    precision %.3f recall %.3f (%d sites agreed, %d ours only, %d go/types only)",
		float64(all[0])/float64(all[0]+all[1]), float64(all[0])/float64(all[0]+all[2]), all[0], all[1], all[2])
	t.Logf("ours only (first 30):\n\t%s", strings.Join(onlyOurs[:min(30, len(onlyOurs))], "\n\t"))
	t.Logf("go/types only (first 30):\n\t%s", strings.Join(onlyTruth[:min(30, len(onlyTruth))], "\n\t"))
}

func merge(a, b map[string]int) map[string]int {
	m := maps.Clone(a)
	maps.Copy(m, b)
	return m
}

// oracleUses type-checks the files and counts, per "from -> to Symbol
// kind", the identifiers of hand-written files that refer to an
// exported declaration of another repository package.
func oracleUses(t *testing.T, root string, parsedFiles []parsed) map[string]int {
	// go/types wants one file set: parse again into one.
	fset := token.NewFileSet()
	var files []parsed
	for _, p := range parsedFiles {
		f, err := parser.ParseFile(fset, filepath.Join(root, p.rel), nil, parser.ParseComments|parser.SkipObjectResolution)
		if f == nil || f.Name == nil {
			t.Logf("%s: %v", p.rel, err)
			continue
		}
		files = append(files, parsed{p.goFile, f})
	}
	byPath := map[string][]parsed{}
	dirOf := map[string]string{}
	for _, p := range files {
		byPath[p.importPath] = append(byPath[p.importPath], p)
		dirOf[p.importPath] = p.dir
	}
	checked := map[string]*types.Package{}
	infos := map[string]*types.Info{}
	var imp importerFunc
	imp = func(ip string) (*types.Package, error) {
		if p, ok := checked[ip]; ok {
			if p == nil {
				return nil, fmt.Errorf("import cycle through %s", ip)
			}
			return p, nil
		}
		group, ok := byPath[ip]
		if !ok {
			names := importNames(ip)
			name := path.Base(ip)
			if len(names) > 0 {
				name = names[0]
			}
			p := types.NewPackage(ip, name)
			p.MarkComplete()
			checked[ip] = p
			return p, nil
		}
		checked[ip] = nil
		var asts []*ast.File
		clause := map[string]int{}
		for _, g := range group {
			clause[g.f.Name.Name]++
		}
		best := ""
		for n, k := range clause {
			if best == "" || k > clause[best] || k == clause[best] && n < best {
				best = n
			}
		}
		for _, g := range group {
			if g.f.Name.Name == best {
				asts = append(asts, g.f)
			}
		}
		info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
		conf := types.Config{Importer: imp, Error: func(error) {}, FakeImportC: true}
		p, _ := conf.Check(ip, fset, asts, info)
		checked[ip] = p
		infos[ip] = info
		return p, nil
	}
	for _, ip := range slices.Sorted(maps.Keys(byPath)) {
		imp.Import(ip)
	}
	owner := members(checked, byPath)
	out := map[string]int{}
	for ip, group := range byPath {
		info := infos[ip]
		if info == nil {
			continue
		}
		for _, g := range group {
			if ast.IsGenerated(g.f) {
				continue
			}
			ast.Inspect(g.f, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				if !ok {
					return true
				}
				obj := info.Uses[id]
				if obj == nil || obj.Pkg() == nil || !obj.Exported() {
					return true
				}
				to := obj.Pkg().Path()
				if to == ip || byPath[to] == nil {
					return true
				}
				sym, kind := symbolOf(obj, owner)
				if sym != "" {
					out[dirOf[ip]+" -> "+dirOf[to]+" "+sym+" "+kind]++
				}
				return true
			})
		}
	}
	return out
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(p string) (*types.Package, error) { return f(p) }

// members maps the fields and interface methods of the repository's
// named types to their type's name.
func members(checked map[string]*types.Package, repo map[string][]parsed) map[types.Object]string {
	out := map[types.Object]string{}
	for ip, p := range checked {
		if p == nil || repo[ip] == nil {
			continue
		}
		for _, name := range p.Scope().Names() {
			tn, ok := p.Scope().Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			switch u := tn.Type().Underlying().(type) {
			case *types.Struct:
				for i := range u.NumFields() {
					out[u.Field(i)] = name
				}
			case *types.Interface:
				for i := range u.NumExplicitMethods() {
					out[u.ExplicitMethod(i)] = name
				}
			}
		}
	}
	return out
}

// symbolOf names obj as Decl.Name does.
func symbolOf(obj types.Object, owner map[types.Object]string) (sym, kind string) {
	// A field or method of an instance of a generic type is a copy: look
	// for the generic type's.
	switch o := obj.(type) {
	case *types.Var:
		obj = o.Origin()
	case *types.Func:
		obj = o.Origin()
	}
	switch o := obj.(type) {
	case *types.TypeName:
		return o.Name(), Type
	case *types.Const:
		return o.Name(), Const
	case *types.Var:
		if o.IsField() {
			if t, ok := owner[o]; ok {
				return t + "." + o.Name(), Field
			}
			return "", ""
		}
		return o.Name(), Var
	case *types.Func:
		sig, _ := o.Type().(*types.Signature)
		if sig == nil || sig.Recv() == nil {
			return o.Name(), Func
		}
		if t, ok := owner[o]; ok {
			return t + "." + o.Name(), Method
		}
		rt := sig.Recv().Type()
		if p, ok := rt.(*types.Pointer); ok {
			rt = p.Elem()
		}
		if n, ok := rt.(*types.Named); ok {
			return n.Obj().Name() + "." + o.Name(), Method
		}
	}
	return "", ""
}
