package vocab

import (
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkVocab reads every Go file seams would parse under
// SEAMS_BENCH_REPO (default: the layered fixture) as seams does: each
// file is parsed (ParseComments|SkipObjectResolution), handed to the
// collector and dropped; Finish runs at the end. Besides the time per
// run it reports the collector's cost as a share of the parse of the same
// files (collect/parse), split into addfile/parse and finish/parse, e.g.
//
//	SEAMS_BENCH_REPO=/tmp/real/stackrox go test -run - -bench Vocab -count 5 ./analyze/vocab
//
// The timings are taken around each call within one run, so they share
// its machine load; the run's total (ns/op) is parse plus collector.
func BenchmarkVocab(b *testing.B) {
	root := os.Getenv("SEAMS_BENCH_REPO")
	if root == "" {
		root = "testdata/layered"
	}
	paths := repoFiles(b, root)
	var parse, add, finish time.Duration
	var pairs int
	for b.Loop() {
		fset := token.NewFileSet()
		c := NewCollector()
		for _, rel := range paths {
			t0 := time.Now()
			f, err := parser.ParseFile(fset, filepath.Join(root, rel), nil, parser.ParseComments|parser.SkipObjectResolution)
			t1 := time.Now()
			parse += t1.Sub(t0)
			if err != nil {
				continue
			}
			c.AddFile(path.Dir(rel), fset, f)
			add += time.Since(t1)
		}
		t0 := time.Now()
		pairs = len(c.Finish(Options{}).Pairs)
		finish += time.Since(t0)
	}
	b.ReportMetric(float64(add+finish)/float64(parse), "collect/parse")
	b.ReportMetric(float64(add)/float64(parse), "addfile/parse")
	b.ReportMetric(float64(finish)/float64(parse), "finish/parse")
	b.ReportMetric(float64(len(paths)), "files")
	b.ReportMetric(float64(pairs), "pairs")
}
