package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

func TestRootCommitAndMerges(t *testing.T) {
	r := newRepo(t)
	r.write("README.md", "hello\n")
	r.write("billing/pay.go", "package billing\n")
	c1 := r.commit("Ann", "ann@example.com")
	r.write("billing/pay.go", "package billing\n// v2\n")
	c2 := r.commit("Ann", "ann@example.com")
	r.write("side.txt", "side\n")
	side := r.commit("Bob", "bob@example.com", c1) // a branch off c1
	r.commit("Bob", "bob@example.com", side, c2)   // merge

	l := mine(t, r.dir, Options{})
	if l.Merges != 1 || len(l.Commits) != 3 || l.Missing != 0 {
		t.Fatalf("merges=%d commits=%d missing=%d, want 1, 3, 0", l.Merges, len(l.Commits), l.Missing)
	}
	if got, want := paths(l.Commits[0]), []string{"added README.md", "added billing/pay.go"}; !reflect.DeepEqual(got, want) {
		t.Errorf("root commit: %v, want %v", got, want)
	}
	if l.Commits[0].Hash != c1.String() || l.Commits[1].Hash != c2.String() || l.Commits[2].Hash != side.String() {
		t.Errorf("order: %s %s %s", l.Commits[0].Hash, l.Commits[1].Hash, l.Commits[2].Hash)
	}
	// The side commit was made with c2's files in the index, so against
	// c1 it carries them too.
	if got, want := paths(l.Commits[2]), []string{"modified billing/pay.go", "added side.txt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("side commit: %v, want %v", got, want)
	}
	if l.Shallow || len(l.Warnings) != 0 {
		t.Errorf("shallow=%v warnings=%q", l.Shallow, l.Warnings)
	}
}

func TestRenames(t *testing.T) {
	r := newRepo(t)
	body := lines(20, "pay")
	r.write("billing/pay.go", body)
	r.write("other.go", lines(10, "other"))
	r.commit("Ann", "ann@example.com")
	// Exact rename into another directory.
	r.remove("billing/pay.go")
	r.write("payments/pay.go", body)
	r.commit("Ann", "ann@example.com")
	// Rename with a small edit: 19 of 20 lines in common.
	r.remove("payments/pay.go")
	r.write("payments/payment.go", strings.Replace(body, "pay line a", "pay line changed", 1))
	r.commit("Ann", "ann@example.com")
	// Unrelated content is not a rename.
	r.remove("other.go")
	r.write("fresh.go", lines(10, "fresh"))
	r.commit("Ann", "ann@example.com")

	l := mine(t, r.dir, Options{ChurnSince: t0})
	want := [][]string{
		{"added billing/pay.go", "added other.go"},
		{"renamed billing/pay.go>payments/pay.go"},
		{"renamed payments/pay.go>payments/payment.go"},
		{"added fresh.go", "deleted other.go"},
	}
	for i, c := range l.Commits {
		if got := paths(c); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("commit %d: %v, want %v", i, got, want[i])
		}
	}
	if ch := l.Commits[2].Changes[0]; ch.Added != 1 || ch.Deleted != 1 {
		t.Errorf("churn of the edited rename: +%d -%d, want +1 -1", ch.Added, ch.Deleted)
	}
	if ch := l.Commits[1].Changes[0]; ch.Added != 0 || ch.Deleted != 0 {
		t.Errorf("churn of the exact rename: +%d -%d, want 0", ch.Added, ch.Deleted)
	}
	wantMap := map[string]string{
		"billing/pay.go":      "payments/payment.go",
		"payments/pay.go":     "payments/payment.go",
		"payments/payment.go": "payments/payment.go",
	}
	if got := l.Renames(); !reflect.DeepEqual(got, wantMap) {
		t.Errorf("Renames() = %v, want %v", got, wantMap)
	}
}

func TestRenamePrefersSameBaseName(t *testing.T) {
	r := newRepo(t)
	body := lines(10, "same")
	r.write("a/util.go", body)
	r.write("b/helpers.go", body)
	r.commit("Ann", "ann@example.com")
	r.remove("a/util.go")
	r.remove("b/helpers.go")
	r.write("c/util.go", body)
	r.write("c/zz.go", body)
	r.commit("Ann", "ann@example.com")
	l := mine(t, r.dir, Options{})
	want := []string{"renamed a/util.go>c/util.go", "renamed b/helpers.go>c/zz.go"}
	if got := paths(l.Commits[1]); !reflect.DeepEqual(got, want) {
		t.Errorf("%v, want %v", got, want)
	}
}

func TestRenamesPathReused(t *testing.T) {
	l := &Log{Commits: []Commit{
		{Changes: []Change{{Path: "a.go", Kind: Added}}},
		{Changes: []Change{{Path: "b.go", OldPath: "a.go", Kind: Renamed}}},
		{Changes: []Change{{Path: "a.go", Kind: Added}}},
		{Changes: []Change{{Path: "c.go", OldPath: "b.go", Kind: Renamed}}},
		{Changes: []Change{{Path: "c.go", Kind: Deleted}}},
	}}
	want := map[string]string{"a.go": "a.go", "b.go": "c.go", "c.go": "c.go"}
	if got := l.Renames(); !reflect.DeepEqual(got, want) {
		t.Errorf("Renames() = %v, want %v", got, want)
	}
}

func TestChurnAndBinary(t *testing.T) {
	r := newRepo(t)
	r.write("a.txt", "one\ntwo\nthree\nfour\n")
	r.write("img.bin", "GIF\x00\x01\x02")
	r.commit("Ann", "ann@example.com")
	r.write("a.txt", "one\n2\nthree\nfour\nfive\nsix") // 1 changed, 2 added
	r.write("img.bin", "GIF\x00\x09")
	r.commit("Ann", "ann@example.com")
	r.remove("a.txt")
	r.commit("Ann", "ann@example.com")

	l := mine(t, r.dir, Options{ChurnSince: t0})
	type got struct {
		path       string
		add, del   int
		binary     bool
		kindString string
	}
	var all []got
	for _, c := range l.Commits {
		for _, ch := range c.Changes {
			all = append(all, got{ch.Path, ch.Added, ch.Deleted, ch.Binary, ch.Kind.String()})
		}
	}
	want := []got{
		{"a.txt", 4, 0, false, "added"},
		{"img.bin", 0, 0, true, "added"},
		{"a.txt", 3, 1, false, "modified"},
		{"img.bin", 0, 0, true, "modified"},
		{"a.txt", 0, 6, false, "deleted"},
	}
	if !reflect.DeepEqual(all, want) {
		t.Errorf("churn:\n got %v\nwant %v", all, want)
	}
	// Churn only from ChurnSince on.
	l = mine(t, r.dir, Options{ChurnSince: t0.Add(150 * time.Minute)})
	if ch := l.Commits[1].Changes[0]; ch.Added != 0 || ch.Deleted != 0 {
		t.Errorf("churn before ChurnSince: %+v", ch)
	}
	if ch := l.Commits[2].Changes[0]; ch.Deleted != 6 {
		t.Errorf("churn after ChurnSince: %+v", ch)
	}
}

// TestChurnMonths: the churn window ends at the mined commit's author time,
// or at Until when that is earlier, with the cache cold and warm.
func TestChurnMonths(t *testing.T) {
	r := newRepo(t)
	days := []int{0, 100, 400, 410} // after t0, one commit each
	for i, d := range days {
		r.n = d*24 - 1 // commit adds the hour back
		r.write("f.txt", lines(i+1, "x"))
		r.commit("Ann", "ann@example.com")
	}
	churned := func(l *Log) []bool {
		var got []bool
		for _, c := range l.Commits {
			got = append(got, c.Changes[0].Added > 0)
		}
		return got
	}
	cache := t.TempDir()
	for _, tc := range []struct {
		name string
		opt  Options
		want []bool
	}{
		// One month and a month before day 410: from day 349 on.
		{"head", Options{ChurnMonths: 1}, []bool{false, false, true, true}},
		{"head, cache cold", Options{ChurnMonths: 1, CacheDir: cache}, []bool{false, false, true, true}},
		{"head, cache warm", Options{ChurnMonths: 1, CacheDir: cache}, []bool{false, false, true, true}},
		// Until day 150: from day 89 on, and the later commits are out.
		{"until", Options{ChurnMonths: 1, Until: t0.AddDate(0, 0, 150)}, []bool{false, true}},
		{"explicit since wins", Options{ChurnMonths: 1, ChurnSince: t0}, []bool{true, true, true, true}},
		{"no window", Options{}, []bool{false, false, false, false}},
	} {
		if got := churned(mine(t, r.dir, tc.opt)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: churn per commit %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestSinceUntil(t *testing.T) {
	r := newRepo(t)
	for i := 0; i < 5; i++ {
		r.write("f.txt", strings.Repeat("x\n", i+1))
		r.commit("Ann", "ann@example.com")
	}
	l := mine(t, r.dir, Options{Since: t0.Add(2 * time.Hour), Until: t0.Add(4 * time.Hour)})
	if len(l.Commits) != 3 {
		t.Fatalf("%d commits, want 3", len(l.Commits))
	}
	for i, c := range l.Commits {
		if want := t0.Add(time.Duration(i+2) * time.Hour); !c.When.Equal(want) {
			t.Errorf("commit %d at %v, want %v", i, c.When, want)
		}
	}
}

func TestShallow(t *testing.T) {
	r := newRepo(t)
	var hs []plumbing.Hash
	for i := 0; i < 4; i++ {
		r.write(filepath.Join("d", strings.Repeat("f", i+1)), "x\n")
		hs = append(hs, r.commit("Ann", "ann@example.com"))
	}
	// As after git clone --depth 3: the third-newest commit is a boundary.
	if err := os.WriteFile(filepath.Join(r.dir, ".git", "shallow"), []byte(hs[1].String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l := mine(t, r.dir, Options{})
	if !l.Shallow || l.ShallowDepth != 3 || len(l.Commits) != 3 {
		t.Fatalf("shallow=%v depth=%d commits=%d, want true 3 3", l.Shallow, l.ShallowDepth, len(l.Commits))
	}
	if got, want := paths(l.Commits[0]), []string{"added d/f", "added d/ff"}; !reflect.DeepEqual(got, want) {
		t.Errorf("boundary commit: %v, want %v", got, want)
	}
	if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], "shallow") || !strings.Contains(l.Warnings[0], "co-change") {
		t.Errorf("warnings: %q", l.Warnings)
	}
}

func TestMissingObjects(t *testing.T) {
	r := newRepo(t)
	r.write("a.txt", "v1\n")
	r.write("dir/x.txt", "x1\n")
	r.commit("Ann", "ann@example.com")
	r.write("a.txt", "v2\n")
	r.commit("Ann", "ann@example.com")
	r.write("dir/x.txt", "x2\n")
	r.commit("Ann", "ann@example.com")
	r.write("b.txt", "b\n")
	r.commit("Ann", "ann@example.com")

	// The blob a.txt v2 is read only for churn.
	blob := plumbing.ComputeHash(plumbing.BlobObject, []byte("v2\n"))
	if err := os.Remove(r.objectPath(blob)); err != nil {
		t.Fatal(err)
	}
	l := mine(t, r.dir, Options{})
	if l.Missing != 0 || len(l.Commits) != 4 {
		t.Errorf("without churn: missing=%d commits=%d, want 0 4", l.Missing, len(l.Commits))
	}
	// With churn the blob is needed, but only for churn: the commit is
	// kept with its paths and no counts for a.txt.
	l = mine(t, r.dir, Options{ChurnSince: t0})
	if l.Missing != 0 || len(l.Commits) != 4 || l.DegradedCommits != 1 {
		t.Errorf("with churn: missing=%d commits=%d degraded=%d, want 0 4 1", l.Missing, len(l.Commits), l.DegradedCommits)
	} else if ch := l.Commits[1].Changes; len(ch) != 1 || ch[0].Path != "a.txt" || ch[0].Kind != Modified || ch[0].Added != 0 || ch[0].Deleted != 0 {
		t.Errorf("with churn: second commit %+v, want a.txt modified without counts", ch)
	}
	if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], "1 commit kept without rename detection or churn") {
		t.Errorf("with churn: warnings %q", l.Warnings)
	}

	// The tree of dir in the third commit is needed by the third commit
	// only: the fourth leaves dir alone.
	head, _ := r.repo.Head()
	c, _ := r.repo.CommitObject(head.Hash())
	parent, _ := c.Parent(0)
	tree, _ := parent.Tree()
	dir, err := tree.FindEntry("dir")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(r.objectPath(dir.Hash)); err != nil {
		t.Fatal(err)
	}
	l = mine(t, r.dir, Options{})
	if l.Missing != 1 || len(l.Commits) != 3 || l.DegradedCommits != 0 {
		t.Fatalf("missing tree: missing=%d commits=%d degraded=%d, want 1 3 0", l.Missing, len(l.Commits), l.DegradedCommits)
	}
	if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], "missing") {
		t.Errorf("warnings: %q", l.Warnings)
	}
}

func TestMissingBlobOnlyForRename(t *testing.T) {
	r := newRepo(t)
	body := lines(20, "old")
	r.write("old.go", body)
	r.write("other.go", "x\n")
	r.commit("Ann", "ann@example.com")
	r.remove("old.go")
	r.write("new.go", body+"one more line\n")
	r.commit("Ann", "ann@example.com")

	l := mine(t, r.dir, Options{})
	if got, want := paths(l.Commits[1]), []string{"renamed old.go>new.go"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("intact: %v, want %v", got, want)
	}

	// old.go's blob is read only to pair the rename: the first commit
	// adds it, which needs no content.
	blob := plumbing.ComputeHash(plumbing.BlobObject, []byte(body))
	if err := os.Remove(r.objectPath(blob)); err != nil {
		t.Fatal(err)
	}
	for _, cacheDir := range []string{"", t.TempDir()} {
		for run := 0; run < 2; run++ { // with a cache: cold, then warm
			l = mine(t, r.dir, Options{CacheDir: cacheDir})
			if l.Missing != 0 || len(l.Commits) != 2 || l.DegradedCommits != 1 {
				t.Fatalf("cache %q run %d: missing=%d commits=%d degraded=%d, want 0 2 1",
					cacheDir, run, l.Missing, len(l.Commits), l.DegradedCommits)
			}
			if got, want := paths(l.Commits[1]), []string{"added new.go", "deleted old.go"}; !reflect.DeepEqual(got, want) {
				t.Errorf("cache %q run %d: %v, want %v", cacheDir, run, got, want)
			}
			if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], "without rename detection") ||
				!strings.Contains(l.Warnings[0], "missing") {
				t.Errorf("cache %q run %d: warnings %q", cacheDir, run, l.Warnings)
			}
		}
	}
}

func TestErrors(t *testing.T) {
	if _, err := Mine(t.TempDir(), Options{}); !errors.Is(err, ErrNotGit) {
		t.Errorf("plain directory: %v, want ErrNotGit", err)
	}
	r := newRepo(t)
	if _, err := Mine(r.dir, Options{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty repository: %v, want ErrEmpty", err)
	}
	r.write("a", "a\n")
	r.commit("Ann", "ann@example.com")
	if _, err := Mine(r.dir, Options{Ref: "nope"}); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("unknown ref: %v", err)
	}
}

func TestLinkedWorktreeDetachedHead(t *testing.T) {
	r := newRepo(t)
	r.write("a.go", "package a\n")
	first := r.commit("Ann", "ann@example.com")
	r.write("b.go", "package a\n")
	r.commit("Ann", "ann@example.com")

	// What git worktree add --detach <dir> <first> leaves behind.
	admin := filepath.Join(r.dir, ".git", "worktrees", "wt")
	wt := filepath.Join(t.TempDir(), "wt")
	for _, d := range []string{admin, wt} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writes := map[string]string{
		filepath.Join(admin, "HEAD"):      first.String() + "\n",
		filepath.Join(admin, "commondir"): "../..\n",
		filepath.Join(admin, "gitdir"):    filepath.Join(wt, ".git") + "\n",
		filepath.Join(wt, ".git"):         "gitdir: " + admin + "\n",
	}
	for p, s := range writes {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sub := filepath.Join(wt, "sub")
	_ = os.MkdirAll(sub, 0o755)
	l := mine(t, sub, Options{})
	if l.Head != first.String() || len(l.Commits) != 1 {
		t.Errorf("head=%s commits=%d, want %s and 1", l.Head, len(l.Commits), first)
	}
	l = mine(t, wt, Options{Ref: "main"})
	if len(l.Commits) != 2 {
		t.Errorf("Ref main from the linked work tree: %d commits, want 2", len(l.Commits))
	}
}

func TestOddTrees(t *testing.T) {
	r := newRepo(t)
	sub := "0123456789012345678901234567890123456789"
	c1 := r.snapshot(map[string]file{
		"mod":            {content: sub, mode: filemode.Submodule},
		"x":              {content: "file\n"},
		"caf\xe9.txt":    {content: "latin-1 name\n"},
		"tool.sh":        {content: "#!/bin/sh\n"},
		"deep/a/b/c.txt": {content: "c\n"},
	})
	r.snapshot(map[string]file{
		"mod":            {content: strings.Repeat("1", 40), mode: filemode.Submodule},
		"x/inner.txt":    {content: "now a directory\n"},
		"caf\xe9.txt":    {content: "latin-1 name, edited\n"},
		"tool.sh":        {content: "#!/bin/sh\n", mode: filemode.Executable},
		"deep/a/b/c.txt": {content: "c\n"},
	}, c1)
	l := mine(t, r.dir, Options{})
	if len(l.Commits) != 2 {
		t.Fatalf("%d commits", len(l.Commits))
	}
	want := []string{"modified caf\xe9.txt", "modified tool.sh", "deleted x", "added x/inner.txt"}
	if got := paths(l.Commits[1]); !reflect.DeepEqual(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
	if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], "UTF-8") {
		t.Errorf("warnings: %q", l.Warnings)
	}
}

func TestHugeCommitAndProgress(t *testing.T) {
	r := newRepo(t)
	files := map[string]file{}
	for i := 0; i < 3000; i++ {
		files[filepath.ToSlash(filepath.Join("pkg", string(rune('a'+i%20)), strings.Repeat("f", 1+i%5)+itoa(i)+".go"))] = file{content: itoa(i) + "\n"}
	}
	c1 := r.snapshot(files)
	for p := range files {
		if strings.HasSuffix(p, "0.go") {
			files[p] = file{content: "changed\n"}
		}
	}
	r.snapshot(files, c1)
	var calls, lastDone, lastTotal int
	totals := map[int]bool{}
	l := mine(t, r.dir, Options{ChurnSince: t0, Progress: func(done, total int) {
		calls++
		lastDone, lastTotal = done, total
		totals[total] = true
	}})
	if len(l.Commits[0].Changes) != 3000 || len(l.Commits[1].Changes) != 300 {
		t.Errorf("changes: %d and %d, want 3000 and 300", len(l.Commits[0].Changes), len(l.Commits[1].Changes))
	}
	if calls == 0 || lastDone != 2 || lastTotal != 2 {
		t.Errorf("progress: %d calls, last %d/%d", calls, lastDone, lastTotal)
	}
	// A total is either not known yet (0) or the final one: never one
	// that the walk is still growing.
	delete(totals, 0)
	if len(totals) != 1 || !totals[2] {
		t.Errorf("progress totals %v, want only 0 (walking) and 2", totals)
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// TestRenamesInARestructure moves 60 packages below internal/ and edits
// the first line of every file (the import paths a move fixes): too many
// for the pairwise similarity test, so the one-to-one names pair them,
// first by directory and file name (every package has a doc.go), then by
// file name. A file deleted outright, and two adds that both could be
// its rename, stay as they are.
func TestRenamesInARestructure(t *testing.T) {
	r := newRepo(t)
	n := maxRenameSide + 10
	for i := range n {
		r.write(fmt.Sprintf("svc/m%d/doc.go", i), "package m\n"+lines(20, fmt.Sprint("doc", i)))
		r.write(fmt.Sprintf("svc/m%d/f%d.go", i, i), "package m\n"+lines(30, fmt.Sprint("f", i)))
	}
	r.write("svc/gone.go", lines(10, "gone"))
	r.write("old/twin.go", lines(12, "twin"))
	r.commit("Ann", "ann@example.com")
	for i := range n {
		for _, f := range []string{"doc.go", fmt.Sprintf("f%d.go", i)} {
			src, err := os.ReadFile(filepath.Join(r.dir, "svc", fmt.Sprintf("m%d", i), f))
			if err != nil {
				t.Fatal(err)
			}
			r.remove(fmt.Sprintf("svc/m%d/%s", i, f))
			r.write(fmt.Sprintf("internal/svc/m%d/%s", i, f), "package m // moved\n"+strings.SplitN(string(src), "\n", 2)[1])
		}
	}
	r.remove("svc/gone.go")
	r.remove("old/twin.go")
	r.write("a/twin.go", lines(12, "twin")+"a\n")
	r.write("b/twin.go", lines(12, "twin")+"b\n")
	r.commit("Ann", "ann@example.com")
	cacheDir := t.TempDir()
	l := mine(t, r.dir, Options{CacheDir: cacheDir})
	if warm := mine(t, r.dir, Options{CacheDir: cacheDir}); warm.CacheHits != 2 || !reflect.DeepEqual(warm.Commits, l.Commits) {
		t.Errorf("from the cache: %d hits, the same commits: %v", warm.CacheHits, reflect.DeepEqual(warm.Commits, l.Commits))
	}
	// The moves carry paths forward, but not the old layout's history.
	if got := l.Renames()["svc/m3/doc.go"]; got != "internal/svc/m3/doc.go" {
		t.Errorf("Renames: svc/m3/doc.go -> %q", got)
	}
	if got, ok := l.RenamesByContent()["svc/m3/doc.go"]; ok {
		t.Errorf("RenamesByContent follows a move found by name: svc/m3/doc.go -> %q", got)
	}
	renamed, kinds := 0, map[string]ChangeKind{}
	for _, ch := range l.Commits[1].Changes {
		kinds[ch.Path] = ch.Kind
		if ch.Kind == Renamed {
			if !ch.ByName {
				t.Errorf("%s: a rename in a restructure not marked as found by name", ch.Path)
			}
			renamed++
			if ch.OldPath != strings.TrimPrefix(ch.Path, "internal/") {
				t.Errorf("%s renamed from %s", ch.Path, ch.OldPath)
			}
		}
	}
	if renamed != 2*n {
		t.Errorf("%d renames, want %d", renamed, 2*n)
	}
	if kinds["svc/gone.go"] != Deleted || kinds["a/twin.go"] != Added || kinds["b/twin.go"] != Added || kinds["old/twin.go"] != Deleted {
		t.Errorf("gone %v, twins %v %v, old twin %v: want deleted, added, added, deleted", kinds["svc/gone.go"], kinds["a/twin.go"], kinds["b/twin.go"], kinds["old/twin.go"])
	}
}
