package tables

import (
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

// collectRepo runs the whole SQL pass over a repository.
func collectRepo(tb testing.TB, root string, opt Options) *Result {
	fset, files := parseRepo(tb, root)
	c := NewCollector(opt)
	for _, g := range files {
		c.AddFile(g.pkg, g.importPath, g.rel, fset, g.f)
	}
	return c.Finish(os.DirFS(root), skipDir, nil)
}
