package history

import (
	"os"
	"path/filepath"
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
