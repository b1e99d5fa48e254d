package tables

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// skipDir skips what seams skips by default: hidden, vendor, testdata,
// node_modules.
func skipDir(rel string) bool {
	base := path.Base(rel)
	return strings.HasPrefix(base, ".") || base == "vendor" || base == "testdata" || base == "node_modules"
}

// goFile is one parsed Go file of a test repository.
type goFile struct {
	pkg, importPath, rel string
	f                    *ast.File
}

// parseRepo parses every non-test Go file under root, as seams would.
func parseRepo(tb testing.TB, root string) (*token.FileSet, []goFile) {
	tb.Helper()
	mod := ""
	if b, err := os.ReadFile(filepath.Join(root, "go.mod")); err == nil {
		if m := regexp.MustCompile(`(?m)^module\s+(\S+)`).FindSubmatch(b); m != nil {
			mod = string(m[1])
		}
	}
	fset := token.NewFileSet()
	var files []goFile
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && skipDir(rel) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil
		}
		dir := path.Dir(rel)
		ip := mod
		if dir != "." {
			ip = mod + "/" + dir
		}
		files = append(files, goFile{dir, ip, rel, f})
		return nil
	})
	return fset, files
}

// collectRepo runs the whole SQL pass over a repository, checked
// against its run from decoded summaries (see twin).
func collectRepo(tb testing.TB, root string, opt Options) *Result {
	tb.Helper()
	fset, files := parseRepo(tb, root)
	c := newTwin(opt)
	for _, g := range files {
		c.add(tb, File{Pkg: g.pkg, ImportPath: g.importPath, Path: g.rel, Fset: fset, AST: g.f})
	}
	return c.finish(tb, os.DirFS(root), skipDir)
}

// twin runs the SQL pass twice: from the syntax trees, and from the
// files' summaries after a round trip through MarshalBinary and
// UnmarshalBinary, as a cached run reads them. finish fails the test
// when the two results differ: every repository of these tests checks
// the summaries' encoding.
type twin struct{ trees, cached *Collector }

func newTwin(opt Options) *twin { return &twin{NewCollector(opt), NewCollector(opt)} }

func (c *twin) add(tb testing.TB, f File) {
	tb.Helper()
	c.trees.Add(f)
	b, err := Summarize(f).MarshalBinary()
	if err != nil {
		tb.Fatal(err)
	}
	var s Summary
	if err := s.UnmarshalBinary(b); err != nil {
		tb.Fatalf("%s: decoding its summary: %v", f.Path, err)
	}
	c.cached.AddSummary(f.Pkg, f.ImportPath, f.Path, &s)
}

func (c *twin) finish(tb testing.TB, fsys fs.FS, skipDir func(string) bool) *Result {
	tb.Helper()
	want := c.trees.Finish(fsys, skipDir, nil)
	if got := c.cached.Finish(fsys, skipDir, nil); !reflect.DeepEqual(got, want) {
		tb.Errorf("the SQL pass from decoded summaries differs from the one from syntax trees:\n got %+v\nwant %+v", got, want)
	}
	return want
}
