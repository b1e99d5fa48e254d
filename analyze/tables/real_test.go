package tables

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seams-tool/seams/analyze/scope"
)

// TestRealRepo runs the whole pass over a real repository named by
// SEAMS_REAL_REPO (several may be given, separated by the path list
// separator) and reports the figures; it checks only that nothing crashes.
// With SEAMS_REAL_VERBOSE=1 it lists every statement not understood.
// Generated Go files are left out, as seams leaves them out today;
// SEAMS_REAL_GENERATED=1 hands them over marked (File.Generated).
func TestRealRepo(t *testing.T) {
	env := os.Getenv("SEAMS_REAL_REPO")
	if env == "" {
		t.Skip("set SEAMS_REAL_REPO=/path/to/repo")
	}
	for _, root := range filepath.SplitList(env) {
		fset, files := parseRepo(t, root)
		start := time.Now()
		c := NewCollector(Options{})
		withGenerated := os.Getenv("SEAMS_REAL_GENERATED") != ""
		for _, g := range files {
			src, err := os.ReadFile(filepath.Join(root, g.rel))
			if err != nil {
				t.Fatal(err)
			}
			gen := scope.Generated(src)
			if gen && !withGenerated {
				continue
			}
			c.Add(File{Pkg: g.pkg, ImportPath: g.importPath, Path: g.rel, Fset: fset, AST: g.f, Generated: gen})
		}
		r := c.Finish(os.DirFS(root), skipDir, nil)
		took := time.Since(start)
		pct := func(n int) float64 { return 100 * float64(n) / float64(max(r.Found, 1)) }
		dropped := 0
		for _, tb := range r.Tables {
			if tb.Dropped {
				dropped++
			}
		}
		t.Logf("%s: generated statements %d", filepath.Base(root), r.Generated)
		t.Logf("%s: %d Go files; dialect %q (%s); found %d: parsed %.1f%%, scanned %.1f%%, unknown %.1f%%; builder sites %d, ORM sites %d; test statements %d (left out); tables %d (%d dropped); packages %d; SQL pass %v",
			filepath.Base(root), len(files), r.Dialect, r.DialectReason, r.Found, pct(r.Parsed), pct(r.Scanned), pct(r.Unknown),
			r.Builder, r.ORM, r.Tests, len(r.Tables), dropped, len(r.Packages), took)
		if os.Getenv("SEAMS_REAL_VERBOSE") != "" {
			for _, w := range r.Warnings {
				t.Logf("  %s: %s", w.Where, w.Message)
			}
			for _, tb := range r.Tables {
				var names []string
				for _, u := range tb.Readers {
					names = append(names, "r:"+u.Package)
				}
				for _, u := range tb.Writers {
					names = append(names, "w:"+u.Package)
				}
				t.Logf("  table %s %s", tb.Name, strings.Join(names, " "))
			}
		}
	}
}
