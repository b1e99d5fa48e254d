package symbols

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

// goFile is one Go file of a test repository, as seams hands it over.
type goFile struct {
	dir, importPath, rel string
}

// repoFiles lists the Go files seams would hand over under root, with
// their import paths (from the nearest go.mod): not tests unless tests,
// not under vendor, testdata or hidden directories, generated ones
// included.
func repoFiles(tb testing.TB, root string, tests bool) []goFile {
	tb.Helper()
	modules := map[string]string{} // dir -> module path
	var files []goFile
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		base := path.Base(rel)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") || base == "vendor" || base == "testdata" || base == "node_modules") {
				return filepath.SkipDir
			}
			if data, err := os.ReadFile(filepath.Join(p, "go.mod")); err == nil {
				if mp := modfile.ModulePath(data); mp != "" {
					modules[rel] = mp
				}
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || (!tests && strings.HasSuffix(rel, "_test.go")) {
			return nil
		}
		head, err := os.ReadFile(p)
		if err != nil || bytes.Contains(head[:min(len(head), 200)], []byte("+build ignore")) {
			return nil
		}
		dir := path.Dir(rel)
		files = append(files, goFile{dir: dir, importPath: importPath(modules, dir), rel: rel})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// importPath is dir's import path under the nearest module above it.
func importPath(modules map[string]string, dir string) string {
	for d := dir; ; d = path.Dir(d) {
		if mp, ok := modules[d]; ok {
			if d == dir {
				return mp
			}
			if d == "." {
				return mp + "/" + dir
			}
			return mp + strings.TrimPrefix(dir, d)
		}
		if d == "." || d == "/" {
			return "example.invalid/" + dir
		}
	}
}

// parsed is a parsed file with where it belongs.
type parsed struct {
	goFile
	f *ast.File
}

// parseFiles parses files as seams does: one FileSet per file, with
// comments, without object resolution.
func parseFiles(tb testing.TB, root string, files []goFile) ([]*token.FileSet, []parsed) {
	tb.Helper()
	var fsets []*token.FileSet
	var out []parsed
	for _, g := range files {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, filepath.Join(root, g.rel), nil, parser.ParseComments|parser.SkipObjectResolution)
		if f == nil || f.Name == nil {
			if err != nil {
				tb.Logf("%s: %v", g.rel, err)
			}
			continue
		}
		fsets = append(fsets, fset)
		out = append(out, parsed{g, f})
	}
	return fsets, out
}

// collect adds the files to a new collector in order and finishes it.
func collect(fsets []*token.FileSet, files []parsed) *Result {
	c := NewCollector()
	for i, p := range files {
		c.Add(p.dir, p.importPath, p.rel, fsets[i], p.f)
	}
	return c.Finish()
}
