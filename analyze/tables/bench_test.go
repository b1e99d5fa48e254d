package tables

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"
)

// benchRepo is the repository the benchmarks read: SEAMS_BENCH_REPO, or
// the fixture monolith. Compare BenchmarkParse with
// BenchmarkParseAndCollect for the cost of the SQL pass, e.g.
//
//	SEAMS_BENCH_REPO=/tmp/real/gogs go test -run - -bench . ./analyze/tables
func benchRepo(b *testing.B) (string, []string) {
	root := os.Getenv("SEAMS_BENCH_REPO")
	if root == "" {
		root = "../../testdata/shop"
	}
	_, files := parseRepo(b, root)
	var paths []string
	for _, f := range files {
		paths = append(paths, f.rel)
	}
	return root, paths
}

// parseAll parses every file as seams does, once.
func parseAll(b *testing.B, root string, paths []string) (*token.FileSet, []goFile) {
	fset := token.NewFileSet()
	out := make([]goFile, 0, len(paths))
	for _, rel := range paths {
		f, err := parser.ParseFile(fset, filepath.Join(root, rel), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			b.Fatal(err)
		}
		dir := filepath.ToSlash(filepath.Dir(rel))
		out = append(out, goFile{pkg: dir, importPath: "bench/" + dir, rel: rel, f: f})
	}
	return fset, out
}

func BenchmarkParse(b *testing.B) {
	root, paths := benchRepo(b)
	b.ResetTimer()
	for b.Loop() {
		parseAll(b, root, paths)
	}
}

func BenchmarkParseAndCollect(b *testing.B) {
	root, paths := benchRepo(b)
	b.ResetTimer()
	for b.Loop() {
		fset, files := parseAll(b, root, paths)
		c := NewCollector(Options{})
		for _, g := range files {
			c.AddFile(g.pkg, g.importPath, g.rel, fset, g.f)
		}
		c.Finish(os.DirFS(root), skipDir, nil)
	}
}

// BenchmarkCollect times the SQL pass alone: the files are parsed once,
// outside the timer, as seams parses them for the import graph anyway.
func BenchmarkCollect(b *testing.B) {
	root, paths := benchRepo(b)
	fset, files := parseAll(b, root, paths)
	b.ResetTimer()
	for b.Loop() {
		c := NewCollector(Options{})
		for _, g := range files {
			c.AddFile(g.pkg, g.importPath, g.rel, fset, g.f)
		}
		c.Finish(os.DirFS(root), skipDir, nil)
	}
}
