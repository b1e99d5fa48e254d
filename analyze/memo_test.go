package analyze

import (
	"os"
	"path/filepath"
	"testing"

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
