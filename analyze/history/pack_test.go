package history

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	git "github.com/go-git/go-git/v5"
)

// TestCorruptPack packs a repository and then damages its packfile in
// many places: mining must never panic, and must either succeed with the
// right commit count or say what went wrong.
func TestCorruptPack(t *testing.T) {
	r := newRepo(t)
	for i := 0; i < 6; i++ {
		r.write("a/x.go", lines(20+i, "x"))
		r.write("b/y.go", lines(10+2*i, "y"))
		r.commit("A", "a@x")
	}
	if err := r.repo.RepackObjects(&git.RepackConfig{}); err != nil {
		t.Fatal(err)
	}
	packs, _ := filepath.Glob(filepath.Join(r.dir, ".git", "objects", "pack", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("packs = %v", packs)
	}
	good, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	if l := mine(t, r.dir, Options{ChurnSince: t0}); len(l.Commits) != 6 {
		t.Fatalf("packed repository: %d commits, want 6", len(l.Commits))
	}
	for off := 12; off < len(good)-20; off += max(1, len(good)/40) {
		bad := append([]byte(nil), good...)
		bad[off] ^= 0xff
		if err := os.WriteFile(packs[0], bad, 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := Mine(r.dir, Options{ChurnSince: t0})
		if err == nil && len(l.Commits)+l.Missing == 0 {
			t.Errorf("byte %d flipped: no commits and nothing missing", off)
		}
	}
}

// TestDroppedPagesReadBack drops a packfile's resident pages before
// every object read: the mapping must give the same objects as when its
// pages stay (they come back from the file), so the mined log is the
// same, churn and renames included.
func TestDroppedPagesReadBack(t *testing.T) {
	r := newRepo(t)
	for i := 0; i < 8; i++ {
		r.write("a/x.go", lines(30+i, "x"))
		r.write("b/y.go", lines(10+3*i, "y"))
		if i == 4 {
			r.remove("b/y.go")
			r.write("c/y.go", lines(10+3*i, "y"))
		}
		r.commit("A", "a@x")
	}
	if err := r.repo.RepackObjects(&git.RepackConfig{}); err != nil {
		t.Fatal(err)
	}
	// Every object must come from the pack, or the test reads nothing
	// through the mapping.
	if loose, _ := filepath.Glob(filepath.Join(r.dir, ".git", "objects", "??", "*")); len(loose) > 0 {
		t.Fatalf("%d loose objects left after the repack", len(loose))
	}
	kept := mine(t, r.dir, Options{ChurnSince: t0})
	defer func(n int64) { dropEvery = n }(dropEvery)
	dropEvery = 1
	dropped := mine(t, r.dir, Options{ChurnSince: t0})
	if len(kept.Commits) != 8 {
		t.Fatalf("%d commits, want 8", len(kept.Commits))
	}
	if !reflect.DeepEqual(kept.Commits, dropped.Commits) {
		t.Errorf("pages dropped before every read: commits differ\nkept    %+v\ndropped %+v", kept.Commits, dropped.Commits)
	}
}
