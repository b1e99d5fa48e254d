package analyze

import (
	"os"
	"testing"
	"time"

	"github.com/seams-tool/seams/graph/plan"
)

// BenchmarkPlans measures what building the strangler plans adds to an
// analysis: one cold analysis (no cache) of SEAMS_BENCH_REPO (default the
// fixture) is timed, then each iteration builds every context's plan;
// plans/analysis is the ratio of the two, e.g.
//
//	SEAMS_BENCH_REPO=/tmp/real/stackrox go test -run - -bench Plans -benchtime 5x ./analyze
func BenchmarkPlans(b *testing.B) {
	dir := os.Getenv("SEAMS_BENCH_REPO")
	if dir == "" {
		dir = "../testdata/shop"
	}
	cfg := DefaultConfig()
	cfg.Dir = dir
	cfg.History.CacheDir = os.Getenv("SEAMS_BENCH_HISTORY_CACHE") // "" mines afresh
	t0 := time.Now()
	a, err := Run(cfg)
	if err != nil {
		b.Fatal(err)
	}
	cold := time.Since(t0)
	h := a.History.coChange()
	var plans time.Duration
	n := 0
	for b.Loop() {
		t := time.Now()
		ps := plan.Build(a.Graph, a.Contexts, h)
		plans += time.Since(t)
		n++
		if len(ps) != len(a.Contexts) {
			b.Fatalf("%d plans for %d contexts", len(ps), len(a.Contexts))
		}
	}
	b.ReportMetric(cold.Seconds(), "analysis-s")
	b.ReportMetric(float64(plans)/float64(n)/float64(cold), "plans/analysis")
}
