package snapshot

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/seams-tool/seams/analyze/history"
)

func TestSnapshotIsAnFS(t *testing.T) {
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := r.Worktree()
	files := map[string]string{"go.mod": "module m\n", "a/a.go": "package a\n", "a/b/c.sql": "SELECT 1;\n"}
	for p, c := range files {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte(c), 0o644)
		w.Add(p)
	}
	sig := &object.Signature{Name: "t", Email: "t@t", When: time.Unix(1e9, 0)}
	h, err := w.Commit("c", &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		t.Fatal(err)
	}
	fsys := open(t, dir, h)
	if err := fstest.TestFS(fsys, "go.mod", "a/a.go", "a/b/c.sql"); err != nil {
		t.Fatal(err)
	}
	data, err := fs.ReadFile(fsys, "a/b/c.sql")
	if err != nil || string(data) != files["a/b/c.sql"] {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	if _, err := fsys.Open("nope.go"); err == nil {
		t.Error("a missing file opened")
	}
	// The hash names the contents: git's blob hash, without a read.
	if h, ok := fsys.ContentHash("a/a.go"); !ok || h != plumbing.ComputeHash(plumbing.BlobObject, []byte(files["a/a.go"])).String() {
		t.Errorf("ContentHash(a/a.go) = %q, %t", h, ok)
	}
	for _, name := range []string{".", "a", "nope.go"} {
		if h, ok := fsys.ContentHash(name); ok {
			t.Errorf("ContentHash(%s) = %q for no file", name, h)
		}
	}
}

// open opens the snapshot of commit in the repository at dir.
func open(t *testing.T, dir string, commit plumbing.Hash) *FS {
	t.Helper()
	objects, err := history.OpenObjects(dir, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(objects.Close)
	c := &object.Commit{}
	if err := objects.Decode(commit, plumbing.CommitObject, c); err != nil {
		t.Fatal(err)
	}
	fsys, err := New(objects, c.TreeHash, c.Committer.When)
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestConcurrentReads reads every file of a commit from several
// goroutines at once, as the import graph's loader does, from loose
// objects and from a packfile; under -race it fails if any lookup writes
// shared state unguarded.
func TestConcurrentReads(t *testing.T) {
	for _, packed := range []bool{false, true} {
		t.Run(fmt.Sprintf("packed=%t", packed), func(t *testing.T) { testConcurrentReads(t, packed) })
	}
}

func testConcurrentReads(t *testing.T, packed bool) {
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := r.Worktree()
	var names []string
	for i := range 40 {
		p := fmt.Sprintf("p%d/q%d/f%d.go", i%5, i%3, i)
		names = append(names, p)
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte(fmt.Sprintf("package q%d // %d\n", i%3, i)), 0o644)
		w.Add(p)
	}
	sig := &object.Signature{Name: "t", Email: "t@t", When: time.Unix(1e9, 0)}
	h, err := w.Commit("c", &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		t.Fatal(err)
	}
	if packed {
		if err := r.RepackObjects(&git.RepackConfig{}); err != nil {
			t.Fatal(err)
		}
		if packs, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*.pack")); len(packs) != 1 {
			t.Fatalf("packs after the repack: %v", packs)
		}
		// What is read must come from the pack.
		loose, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "??"))
		for _, d := range loose {
			os.RemoveAll(d)
		}
	}
	fsys := open(t, dir, h)
	var wg sync.WaitGroup
	errs := make(chan error, len(names)*4)
	for k := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, p := range names {
				data, err := fs.ReadFile(fsys, p)
				if err != nil || !strings.Contains(string(data), fmt.Sprintf("// %d\n", i)) {
					errs <- fmt.Errorf("reader %d: %s: %q %v", k, p, data, err)
				}
				if _, err := fs.Stat(fsys, path.Dir(p)); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
