package vocab

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// goFile is one parsed Go file of a test repository.
type goFile struct {
	dir string
	f   *ast.File
}

// generated matches the marker of generated files, which seams leaves out
// before parsing.
var generated = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)

// repoFiles lists the Go files seams would parse under root: not tests,
// not generated, not under vendor, testdata or hidden directories.
func repoFiles(tb testing.TB, root string) []string {
	tb.Helper()
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		base := path.Base(rel)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(base, ".") || base == "vendor" || base == "testdata" || base == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
			return nil
		}
		head, err := os.ReadFile(p)
		if err != nil || generated.Match(head[:min(len(head), 4096)]) || bytes.Contains(head[:min(len(head), 200)], []byte("+build ignore")) {
			return nil
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// parseFiles parses files as seams does.
func parseFiles(tb testing.TB, root string, files []string) (*token.FileSet, []goFile) {
	tb.Helper()
	fset := token.NewFileSet()
	out := make([]goFile, 0, len(files))
	for _, rel := range files {
		f, err := parser.ParseFile(fset, filepath.Join(root, rel), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		out = append(out, goFile{path.Dir(rel), f})
	}
	return fset, out
}

// collect feeds files to a new collector, in order.
func collect(fset *token.FileSet, files []goFile) *Collector {
	c := NewCollector()
	for _, g := range files {
		c.AddFile(g.dir, fset, g.f)
	}
	return c
}
