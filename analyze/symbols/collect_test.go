package symbols

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestImportNames(t *testing.T) {
	for _, c := range []struct {
		path string
		want []string // among the guesses
		not  []string
	}{
		{"fmt", []string{"fmt"}, nil},
		{"gopkg.in/yaml.v3", []string{"yaml"}, []string{"yaml.v3"}},
		{"github.com/go-chi/chi/v5", []string{"chi"}, nil},
		{"k8s.io/api/core/v1", []string{"v1"}, nil},
		{"math/rand/v2", []string{"rand"}, nil},
		{"github.com/mattn/go-sqlite3", []string{"sqlite3"}, nil},
		{"github.com/gogs/git-module", []string{"git"}, nil},
		{"github.com/satori/go.uuid", []string{"uuid"}, nil},
		{"github.com/opentracing/opentracing-go", []string{"opentracing"}, nil},
		{"github.com/nats-io/nats.go", []string{"nats"}, nil},
		{"github.com/hashicorp/go-multierror", []string{"multierror"}, nil},
		{"example.com/v", []string{"v"}, nil},
	} {
		got := importNames(c.path)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("importNames(%q) = %q, want %q among them", c.path, got, w)
			}
		}
		for _, n := range c.not {
			if slices.Contains(got, n) {
				t.Errorf("importNames(%q) = %q, not %q", c.path, got, n)
			}
		}
		for _, g := range got {
			if !token.IsIdentifier(g) {
				t.Errorf("importNames(%q) guesses %q, not an identifier", c.path, g)
			}
		}
	}
}

// TestDeterministic adds the fixture's files from several goroutines, in
// shuffled orders, under several GOMAXPROCS, and wants the result of
// adding them in order each time (run it with -race).
func TestDeterministic(t *testing.T) {
	fsets, files := parseFiles(t, "testdata/mod", repoFiles(t, "testdata/mod", true))
	want := collect(fsets, files)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for i, procs := range []int{1, 2, 4, 8} {
		runtime.GOMAXPROCS(procs)
		order := rand.New(rand.NewPCG(uint64(i), 7)).Perm(len(files))
		c := NewCollector()
		var wg sync.WaitGroup
		next := make(chan int)
		for range 4 {
			wg.Go(func() {
				for j := range next {
					p := files[j]
					c.Add(p.dir, p.importPath, p.rel, fsets[j], p.f)
				}
			})
		}
		for _, j := range order {
			next <- j
		}
		close(next)
		wg.Wait()
		if got := c.Finish(); !reflect.DeepEqual(got, want) {
			t.Errorf("GOMAXPROCS %d, order %v: the result differs from the sequential one", procs, order)
		}
	}
}

// TestMalformed hands over trees the parser would not make, and trees of
// files with syntax errors (which seams hands over as parsed so far).
func TestMalformed(t *testing.T) {
	id := ast.NewIdent
	fset := token.NewFileSet()
	for _, c := range []struct {
		name    string
		f       *ast.File
		skipped bool
	}{
		{"no name", &ast.File{}, true},
		{"a nil body block", &ast.File{Name: id("a"), Decls: []ast.Decl{&ast.FuncDecl{Name: id("F"), Type: &ast.FuncType{},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.IfStmt{Cond: id("x")}}}}}}, true},
		{"a nil type", &ast.File{Name: id("a"), Decls: []ast.Decl{&ast.FuncDecl{Name: id("F")}}}, true},
		{"a nil selector name", &ast.File{Name: id("a"), Decls: []ast.Decl{&ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{
			&ast.ValueSpec{Names: []*ast.Ident{id("V")}, Values: []ast.Expr{&ast.SelectorExpr{X: id("x")}}}}}}}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			col := NewCollector()
			col.Add("a", "m/a", "a/a.go", fset, c.f)
			res := col.Finish()
			if got := len(res.Skipped) == 1 && strings.HasPrefix(res.Skipped[0], "a/a.go: "); got != c.skipped {
				t.Errorf("skipped %v, want skipped %v", res.Skipped, c.skipped)
			}
		})
	}
	// Broken sources: whatever parsed is walked.
	for _, src := range []string{
		"package a\nimport \"m/p\"\nfunc f() { x := p.New(); x.M( }\n",
		"package a\nimport \"m/p\"\nfunc f() { if p.New().M() { \n",
		"package a\nimport \"m/p\"\nfunc f() { switch x := p.New().(type) { case : } }\n",
		"package a\nimport \"m/p\"\nvar x = p.T{Name: }\nfunc (",
		"package a\nimport \"m/p\"\nfunc (*) F() { p.New() }\n",
		"package a\nfunc f[T any, (](x T) {}\n",
	} {
		fset := token.NewFileSet()
		f, _ := parser.ParseFile(fset, "a/a.go", src, parser.ParseComments|parser.SkipObjectResolution)
		col := NewCollector()
		col.Add("a", "m/a", "a/a.go", fset, f)
		fp, _ := parser.ParseFile(fset, "p/p.go", p, parser.ParseComments|parser.SkipObjectResolution)
		col.Add("p", "m/p", "p/p.go", fset, fp)
		res := col.Finish()
		if len(res.Skipped) != 0 {
			t.Errorf("%q: skipped %v", src, res.Skipped)
		}
		if strings.Contains(src, "p.New") && !slices.Contains(uses(res), "a -> p.New x1") {
			t.Errorf("%q: uses %v, want p.New among them", src, uses(res))
		}
	}
}
