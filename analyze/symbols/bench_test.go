package symbols

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkSymbols reads every Go file seams would hand over under
// SEAMS_BENCH_REPO (default: testdata) as seams does: each file is
// parsed (ParseComments|SkipObjectResolution) into its own FileSet,
// handed to the collector and dropped; Finish runs at the end. Besides
// the time per run it reports the collector's cost as a share of the
// parse of the same files (collect/parse), split into add/parse and
// finish/parse, e.g.
//
//	SEAMS_BENCH_REPO=/tmp/real/stackrox go test -run - -bench Symbols -count 5 ./analyze/symbols
//
// The timings are taken around each call within one run, so they share
// its machine load; the run's total (ns/op) is parse plus collector.
func BenchmarkSymbols(b *testing.B) {
	root := os.Getenv("SEAMS_BENCH_REPO")
	if root == "" {
		root = "testdata"
	}
	files := repoFiles(b, root, false)
	var parse, add, finish time.Duration
	var uses int
	for b.Loop() {
		c := NewCollector()
		for _, g := range files {
			t0 := time.Now()
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, filepath.Join(root, g.rel), nil, parser.ParseComments|parser.SkipObjectResolution)
			t1 := time.Now()
			parse += t1.Sub(t0)
			if f == nil || err != nil && f.Name == nil {
				continue
			}
			c.Add(g.dir, g.importPath, g.rel, fset, f)
			add += time.Since(t1)
		}
		t0 := time.Now()
		uses = len(c.Finish().Uses)
		finish += time.Since(t0)
	}
	b.ReportMetric(float64(add+finish)/float64(parse), "collect/parse")
	b.ReportMetric(float64(add)/float64(parse), "add/parse")
	b.ReportMetric(float64(finish)/float64(parse), "finish/parse")
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(uses), "uses")
}
