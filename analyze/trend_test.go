package analyze

import (
	"bytes"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/seams-tool/seams/report/schema"
)

// checkoutAt copies a repository and checks the copy out at a commit.
func checkoutAt(t *testing.T, src, hash string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "checkout")
	copyDir(t, src, dst)
	r, err := git.PlainOpen(dst)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := r.Worktree()
	if err := w.Checkout(&git.CheckoutOptions{Hash: plumbing.NewHash(hash), Force: true}); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestTrendEqualsAnalyzeAtCheckouts replays the fixture's history and
// checks two sampled commits against seams analyze (and check's
// measurement) run on real checkouts of those commits.
func TestTrendEqualsAnalyzeAtCheckouts(t *testing.T) {
	dir := shopRepo(t)
	a, err := Run(testConfig(dir))
	if err != nil {
		t.Fatal(err)
	}
	base := a.Baseline()
	tr, err := Trend(testConfig(dir), TrendConfig{Commits: 4, Baseline: base})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Points) != 4 || tr.Partition != "baseline" {
		t.Fatalf("points = %d, partition %s", len(tr.Points), tr.Partition)
	}
	if last := tr.Points[3]; last.Metrics != base.Metrics {
		t.Errorf("at HEAD the trend differs from the baseline:\n%+v\n%+v", last.Metrics, base.Metrics)
	}
	if tr.Points[1].Metrics == tr.Points[3].Metrics {
		t.Fatal("the sampled commits measure alike: the comparison would prove little")
	}
	for _, i := range []int{1, 2} {
		p := tr.Points[i]
		co := checkoutAt(t, dir, p.Commit)
		cfg := testConfig(co)
		cfg.NoContexts = true
		at, err := Run(cfg)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := at.Check(base, map[schema.Metric]float64{})
		if p.Metrics != out.Metrics || p.Packages != len(at.Code.Packages) {
			t.Errorf("commit %s: trend %d packages %+v\ncheckout %d packages %+v", p.Commit[:12], p.Packages, p.Metrics, len(at.Code.Packages), out.Metrics)
		}
	}
}

// TestTrendReclusterDeterministic replays the fixture with reclustering,
// each point clustered beside the next one's load, on one core and on
// two: the trend must come out the same, and its newest point must be
// what analyze finds at HEAD.
func TestTrendReclusterDeterministic(t *testing.T) {
	dir := shopRepo(t)
	a, err := Run(testConfig(dir))
	if err != nil {
		t.Fatal(err)
	}
	var runs [][]byte
	var last schema.TrendPoint
	for _, procs := range []int{1, 2} {
		old := runtime.GOMAXPROCS(procs)
		tr, err := Trend(testConfig(dir), TrendConfig{Commits: 5, Recluster: true})
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.Points) != 5 {
			t.Fatalf("GOMAXPROCS %d: %d points, want 5", procs, len(tr.Points))
		}
		data, err := schema.Encode(tr)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, data)
		last = tr.Points[len(tr.Points)-1]
	}
	if !bytes.Equal(runs[0], runs[1]) {
		t.Error("the trend differs between GOMAXPROCS 1 and 2")
	}
	if want := figures(clean(*a.Metrics)); last.Commit != a.Head || last.Metrics != want || len(last.ContextIDs) != len(a.Contexts) {
		t.Errorf("newest point %s: %+v, %d contexts\nanalyze at HEAD %s: %+v, %d contexts",
			last.Commit[:12], last.Metrics, len(last.ContextIDs), a.Head[:12], want, len(a.Contexts))
	}
}
