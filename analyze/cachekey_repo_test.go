package analyze

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/seams-tool/seams/analyze/repo"
)

// TestCacheKeyFollowsTheRepository changes, one at a time, what the
// model was made from outside the files: a new commit, the --ref branch
// moving, a shallow boundary appearing (and going, as after git fetch
// --unshallow), GOOS, and a required module arriving in the module cache.
// Each must change the key, so that a stale model is never served.
func TestCacheKeyFollowsTheRepository(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GOMODCACHE", t.TempDir())
	write := func(name, content string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/k\n\ngo 1.22\n\nrequire example.com/dep v1.2.3\n")
	write("a/a.go", "package a\n")
	g, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := g.Worktree()
	when := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	commit := func(msg string) plumbing.Hash {
		wt.Add(".")
		when = when.Add(time.Hour)
		h, err := wt.Commit(msg, &git.CommitOptions{AllowEmptyCommits: true, Author: &object.Signature{Name: "a", Email: "a@x.test", When: when}})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	first := commit("one")
	feature := plumbing.NewBranchReferenceName("feature")
	g.Storer.SetReference(plumbing.NewHashReference(feature, first))

	r, rules := mustLocate(t, dir)
	cfg := testConfig(dir)
	cfg.History.Ref = "feature"
	key := cacheKey(cfg, r, rules)
	if key == "" {
		t.Fatal("no key")
	}
	for _, step := range []struct {
		what   string
		change func()
	}{
		{"a new commit on HEAD", func() { commit("two") }},
		{"the --ref branch moving", func() {
			head, _ := g.Head()
			g.Storer.SetReference(plumbing.NewHashReference(feature, head.Hash()))
		}},
		{"a shallow boundary", func() { write(".git/shallow", first.String()+"\n") }},
		{"the shallow boundary gone (fetch --unshallow)", func() { os.Remove(filepath.Join(dir, ".git", "shallow")) }},
		{"another GOOS", func() { t.Setenv("GOOS", "plan9") }},
		{"the required module in the module cache", func() {
			os.MkdirAll(filepath.Join(os.Getenv("GOMODCACHE"), "example.com", "dep@v1.2.3"), 0o755)
		}},
	} {
		step.change()
		next := cacheKey(cfg, r, rules)
		if next == key || next == "" {
			t.Errorf("%s: the key did not change", step.what)
		}
		key = next
	}
}

func TestModuleOf(t *testing.T) {
	of := moduleOf([]repo.Module{{Dir: "."}, {Dir: "svc/a"}, {Dir: "svc/a/plugin"}, {Dir: "svc/ab"}})
	for p, want := range map[string]string{
		"cmd/tool": ".", "svc/a": "svc/a", "svc/a/store": "svc/a", "svc/a/plugin/x": "svc/a/plugin", "svc/ab/y": "svc/ab", ".": ".",
	} {
		if got := of(p); got != want {
			t.Errorf("moduleOf(%q) = %q, want %q", p, got, want)
		}
	}
	if got := moduleOf([]repo.Module{{Dir: "src"}})("tools/x"); got != "" {
		t.Errorf("a package outside every module: %q", got)
	}
}
