package analyze

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/seams-tool/seams/report/schema"
)

// TestFileMemo: a run whose analysis is not cached parses only the files
// that changed since the last run, and gives the model a run without
// any cache gives; a damaged memo is not used.
func TestFileMemo(t *testing.T) {
	dir := copyShop(t)
	cfg := testConfig(dir)
	cfg.Cache = t.TempDir()
	fresh := func(seed uint64) []byte {
		c := cfg
		c.Cache, c.Cluster.Seed = "", seed
		b, _ := schema.Encode(model(t, c))
		return b
	}
	run := func(seed uint64) (*Analysis, []byte) {
		c := cfg
		c.Cluster.Seed = seed // a new seed misses the analysis cache, not the memo
		a, err := Run(c)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := schema.Encode(a.Model())
		return a, b
	}
	a, _ := run(1)
	if a.Code.Recalled != 0 || a.Code.Read == 0 {
		t.Fatalf("first run: %d of %d files recalled, want none", a.Code.Recalled, a.Code.Read)
	}
	want := fresh(2)
	a, got := run(2)
	if a.Code.Recalled != a.Code.Read {
		t.Errorf("unchanged files: %d of %d recalled, want all", a.Code.Recalled, a.Code.Read)
	}
	if string(got) != string(want) {
		t.Error("the model from remembered files differs from the one from parsed files")
	}

	// One file edited: only it is parsed again.
	f := filepath.Join(dir, "billing", "billing.go")
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(f, append(src, []byte("\nfunc RefundLater() {}\n")...), 0o644)
	want = fresh(3)
	a, got = run(3)
	if a.Code.Recalled != a.Code.Read-1 {
		t.Errorf("one file edited: %d of %d recalled, want all but one", a.Code.Recalled, a.Code.Read)
	}
	if string(got) != string(want) {
		t.Error("after an edit, the model from remembered files differs from the one from parsed files")
	}

	// A damaged memo is not used, and the run is still right.
	memos, _ := filepath.Glob(filepath.Join(cfg.Cache, "*", "files.bin"))
	if len(memos) != 1 {
		t.Fatalf("memo files = %v", memos)
	}
	data, _ := os.ReadFile(memos[0])
	data[len(data)/2] ^= 0xff
	os.WriteFile(memos[0], data, 0o644)
	want = fresh(4)
	a, got = run(4)
	if a.Code.Recalled != 0 {
		t.Errorf("damaged memo: %d files recalled", a.Code.Recalled)
	}
	if string(got) != string(want) {
		t.Error("with a damaged memo the model differs")
	}
}

// TestRerunReadsHistoryBesideTheLoad: a run on a new commit, with the
// caches an earlier run left, reads the history beside the package load
// and aggregates it beside the resolutions; its model is the one a run
// without any cache gives.
func TestRerunReadsHistoryBesideTheLoad(t *testing.T) {
	dir := copyShop(t)
	g, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := g.Worktree()
	when := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	commit := func(files ...string) {
		t.Helper()
		for _, f := range files {
			p := filepath.Join(dir, f)
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(p, append(src, []byte("\n// changed\n")...), 0o644)
		}
		wt.Add(".")
		when = when.Add(24 * time.Hour)
		if _, err := wt.Commit("change", &git.CommitOptions{Author: &object.Signature{Name: "a", Email: "a@x.test", When: when}}); err != nil {
			t.Fatal(err)
		}
	}
	commit() // everything, as it is
	for range 3 {
		commit("billing/billing.go", "ordering/ordering.go")
	}
	beside := 0
	testHookHistoryBesideLoad = func() { beside++ }
	defer func() { testHookHistoryBesideLoad = nil }()
	cfg := testConfig(dir)
	cfg.Cache = filepath.Join(t.TempDir(), "models")
	cfg.History.CacheDir = filepath.Join(t.TempDir(), "history")
	if _, err := Run(cfg); err != nil {
		t.Fatal(err)
	}
	if beside != 0 {
		t.Error("the first run, with no cache, read the history beside the package load")
	}
	commit("billing/billing.go", "ordering/ordering.go") // the new commit CI runs on
	a, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if beside != 1 {
		t.Errorf("the rerun read the history beside the package load %d times, want once", beside)
	}
	if a.History == nil || a.History.CacheHits == 0 || len(a.History.CoChange.Pairs) == 0 {
		t.Fatalf("rerun: history %+v, want its commits from the cache and pairs that change together", a.History)
	}
	if a.Code.Recalled != a.Code.Read-2 {
		t.Errorf("rerun: %d of %d files recalled, want all but the two changed", a.Code.Recalled, a.Code.Read)
	}
	got, _ := schema.Encode(a.Model())
	fresh := cfg
	fresh.Cache, fresh.History.CacheDir = "", ""
	want, _ := schema.Encode(model(t, fresh))
	if string(got) != string(want) {
		t.Error("the rerun's model differs from a run without caches")
	}
}
