package gitscript

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

const (
	shopDir     = "../../testdata/shop"
	shopHistory = "../../testdata/shop.history"
)

func mustParse(t *testing.T, src string) *Script {
	t.Helper()
	s, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return s
}

func TestParse(t *testing.T) {
	s := mustParse(t, `# header comment

commit 2024-01-08T09:30:00Z | Alice Martin <alice@shop.test> | catalog: fix #12
  A a/x.go
  M a/y.go +12
  R a/old.go -> a/new.go +3   # trailing comment
  D a/z.go
branch feature-x   # comment
commit 2024-01-09T10:00:00+01:00 | Bob Chen <bob@shop.test> | feature
  M a/x.go
switch main
merge feature-x 2024-02-01T10:00:00Z | Bob Chen <bob@shop.test> | Merge branch 'feature-x'
`)
	if len(s.Steps) != 5 {
		t.Fatalf("got %d steps, want 5", len(s.Steps))
	}
	c := s.Steps[0].Commit
	wantWhen := time.Date(2024, 1, 8, 9, 30, 0, 0, time.UTC)
	if c.Seq != 1 || !c.When.Equal(wantWhen) || c.Author != "Alice Martin" || c.Email != "alice@shop.test" ||
		c.Message != "catalog: fix #12" || c.Line != 3 {
		t.Errorf("first commit = %+v", c)
	}
	wantChanges := []Change{
		{Op: Add, Path: "a/x.go", Lines: 1, Line: 4},
		{Op: Modify, Path: "a/y.go", Lines: 12, Line: 5},
		{Op: Rename, Path: "a/new.go", From: "a/old.go", Lines: 3, Line: 6},
		{Op: Delete, Path: "a/z.go", Lines: 1, Line: 7},
	}
	if !slices.Equal(c.Changes, wantChanges) {
		t.Errorf("changes = %+v\nwant      %+v", c.Changes, wantChanges)
	}
	if s.Steps[1].Branch != "feature-x" || s.Steps[3].Switch != "main" {
		t.Errorf("branch/switch steps = %+v, %+v", s.Steps[1], s.Steps[3])
	}
	m := s.Steps[4].Commit
	if m.Merge != "feature-x" || m.Seq != 3 || len(m.Changes) != 0 || m.Line != 12 {
		t.Errorf("merge = %+v", m)
	}
	if got := len(s.Commits()); got != 3 {
		t.Errorf("Commits() has %d entries, want 3", got)
	}
}

func TestParseErrors(t *testing.T) {
	const ok = "commit 2024-01-08T09:30:00Z | A <a@x> | one\n  A f.go\n"
	tests := []struct {
		name, src, want string
	}{
		{"bad date", "commit 2024-13-01T00:00:00Z | A <a@x> | m\n  A f\n", "line 1: bad date"},
		{"date not increasing", ok + "commit 2024-01-08T09:30:00Z | A <a@x> | two\n  M f.go\n", "line 3: date"},
		{"unknown op", ok + "commit 2024-01-09T00:00:00Z | A <a@x> | two\n  X f.go\n", `line 4: unknown operation "X"`},
		{"rename without arrow", ok + "commit 2024-01-09T00:00:00Z | A <a@x> | two\n  R f.go g.go\n", "line 4: rename needs"},
		{"merge of unknown branch", ok + "merge topic 2024-01-09T00:00:00Z | A <a@x> | m\n", `line 3: merge of unknown branch "topic"`},
		{"merge into itself", ok + "branch t\nmerge t 2024-01-09T00:00:00Z | A <a@x> | m\n", "line 4: merge of branch"},
		{"switch to unknown branch", ok + "switch nope\n", "line 3: switch to unknown branch"},
		{"branch twice", ok + "branch t\nbranch t\n", `line 4: branch "t" already exists`},
		{"branch before first commit", "branch t\n", "line 1: branch before the first commit"},
		{"commit without changes", "# c\ncommit 2024-01-08T09:30:00Z | A <a@x> | m\n\nbranch t\n", "line 2: commit has no changes"},
		{"commit without changes at end", ok + "commit 2024-01-09T00:00:00Z | A <a@x> | m\n", "line 3: commit has no changes"},
		{"change outside commit", "  A f.go\n", "line 1: change line outside a commit"},
		{"change after merge", ok + "branch t\nswitch main\nmerge t 2024-01-09T00:00:00Z | A <a@x> | m\n  A g.go\n", "line 6: change line outside"},
		{"bad author", "commit 2024-01-08T09:30:00Z | Alice | m\n  A f\n", "line 1: bad author"},
		{"missing message", "commit 2024-01-08T09:30:00Z | A <a@x>\n  A f\n", "line 1: want"},
		{"bad line count", ok + "commit 2024-01-09T00:00:00Z | A <a@x> | two\n  M f.go +0\n", "line 4: bad line count"},
		{"count on delete", ok + "commit 2024-01-09T00:00:00Z | A <a@x> | two\n  D f.go +2\n", "line 4: unexpected"},
		{"path escapes", ok + "commit 2024-01-09T00:00:00Z | A <a@x> | two\n  A ../evil.go\n", "line 4: bad path"},
		{"path into .git", ok + "commit 2024-01-09T00:00:00Z | A <a@x> | two\n  A .git/config\n", "line 4: bad path"},
		{"unknown keyword", ok + "rebase main\n", `line 3: unknown keyword "rebase"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.src))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Parse error = %v, want prefix %q", err, tt.want)
			}
		})
	}
}

// writeFixtures lays out a fixture directory from path -> content.
func writeFixtures(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// fileAt returns the content of p in commit c, and whether it exists.
func fileAt(t *testing.T, c *object.Commit, p string) (string, bool) {
	t.Helper()
	f, err := c.File(p)
	if err == object.ErrFileNotFound {
		return "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.Contents()
	if err != nil {
		t.Fatal(err)
	}
	return s, true
}

func TestBuildSmall(t *testing.T) {
	fixtures := writeFixtures(t, map[string]string{
		"pkg/a.go":   "package pkg\n",
		"pkg/new.go": "package pkg\n\nfunc New() {}\n",
		"q.sql":      "SELECT 1;\n",
	})
	script := mustParse(t, `commit 2024-01-01T10:00:00Z | Ann <ann@x> | start
  A pkg/a.go
  A pkg/old.go
  A q.sql +2
  A notes/todo.txt
commit 2024-01-02T10:00:00Z | Ann <ann@x> | edit
  M pkg/a.go +3
  D notes/todo.txt
branch topic
commit 2024-01-03T10:00:00Z | Ben <ben@x> | on topic
  R pkg/old.go -> pkg/new.go
  M q.sql
switch main
commit 2024-01-04T10:00:00Z | Ann <ann@x> | on main
  M pkg/a.go
merge topic 2024-01-05T10:00:00Z | Ann <ann@x> | Merge branch 'topic'
`)
	dir := t.TempDir()
	headHash, err := Build(script, dir, fixtures)
	if err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := repo.CommitObject(headHash)
	if err != nil {
		t.Fatal(err)
	}
	if len(head.ParentHashes) != 2 || head.Author.Name != "Ann" || !head.Committer.When.Equal(script.Commits()[4].When) {
		t.Fatalf("merge commit = %v", head)
	}
	ours, _ := head.Parent(0)
	theirs, _ := head.Parent(1)
	if ours.Message != "on main" || theirs.Message != "on topic" {
		t.Errorf("parents = %q, %q; want main first", ours.Message, theirs.Message)
	}
	want := map[string]string{
		// Main's change after the fork survives the merge.
		"pkg/a.go": "package pkg\n\n// history: rev 4\n",
		// The renamed file carries the content of its final name from the start.
		"pkg/new.go": "package pkg\n\nfunc New() {}\n\n// history: rev 3\n",
		"q.sql":      "SELECT 1;\n\n-- history: rev 3\n",
	}
	for p, w := range want {
		if got, ok := fileAt(t, head, p); got != w {
			t.Errorf("%s at HEAD = %q (exists %v), want %q", p, got, ok, w)
		}
	}
	for _, p := range []string{"pkg/old.go", "notes/todo.txt"} {
		if _, ok := fileAt(t, head, p); ok {
			t.Errorf("%s still exists at HEAD", p)
		}
	}
	first, _ := ours.Parent(0)
	first, _ = first.Parent(0)
	if got, _ := fileAt(t, first, "q.sql"); got != "SELECT 1;\n\n-- history: rev 1\n-- history: rev 1\n" {
		t.Errorf("q.sql in first commit = %q", got)
	}
	if got, _ := fileAt(t, first, "pkg/old.go"); got != "package pkg\n\nfunc New() {}\n\n// history: rev 1\n" {
		t.Errorf("pkg/old.go in first commit = %q", got)
	}
	if got, _ := fileAt(t, first, "notes/todo.txt"); !strings.HasPrefix(got, "Placeholder for notes/todo.txt") {
		t.Errorf("notes/todo.txt in first commit = %q", got)
	}
	second, _ := ours.Parent(0)
	if got, _ := fileAt(t, second, "pkg/a.go"); got != "package pkg\n\n// history: rev 2\n// history: rev 2\n// history: rev 2\n" {
		t.Errorf("pkg/a.go after M +3 = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes")); !os.IsNotExist(err) {
		t.Errorf("directory of a deleted file was left behind: %v", err)
	}
}

func TestBuildErrors(t *testing.T) {
	fixtures := writeFixtures(t, map[string]string{"a.go": "package a\n"})
	const first = "commit 2024-01-01T10:00:00Z | Ann <ann@x> | start\n  A a.go\n"
	tests := []struct {
		name, src, want string
	}{
		{"modify missing file", first + "commit 2024-01-02T10:00:00Z | Ann <ann@x> | m\n  M b.go\n", "line 4: M b.go"},
		{"add existing file", first + "commit 2024-01-02T10:00:00Z | Ann <ann@x> | m\n  A a.go\n", "line 4: A a.go: file exists"},
		{"rename onto existing file", first + "  A b.go\ncommit 2024-01-02T10:00:00Z | Ann <ann@x> | m\n  R a.go -> b.go\n", "line 5: R b.go: rename target exists"},
		{"delete missing file", first + "commit 2024-01-02T10:00:00Z | Ann <ann@x> | m\n  D b.go\n", "line 4: D b.go"},
		{"conflicting merge", first + "branch t\ncommit 2024-01-02T10:00:00Z | Ann <ann@x> | t\n  M a.go\nswitch main\n" +
			"commit 2024-01-03T10:00:00Z | Ann <ann@x> | m\n  M a.go\nmerge t 2024-01-04T10:00:00Z | Ann <ann@x> | merge\n",
			"line 9: merge conflict on a.go"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(mustParse(t, tt.src), t.TempDir(), fixtures)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Build error = %v, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestBuildShopHistory(t *testing.T) {
	f, err := os.Open(shopHistory)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	script, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	headHash, err := Build(script, dir, shopDir)
	if err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	commits, merges := 0, 0
	byMessage := make(map[string]*object.Commit)
	iter, err := repo.Log(&git.LogOptions{From: headHash})
	if err != nil {
		t.Fatal(err)
	}
	err = iter.ForEach(func(c *object.Commit) error {
		commits++
		if c.NumParents() == 2 {
			merges++
		}
		if _, seen := byMessage[c.Message]; !seen || c.Author.When.Before(byMessage[c.Message].Author.When) {
			byMessage[c.Message] = c
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := len(script.Commits()); commits != want || commits < 120 || commits > 200 {
		t.Errorf("history has %d commits, script has %d (want 120-200)", commits, want)
	}
	if merges != 1 {
		t.Errorf("history has %d merge commits, want 1", merges)
	}
	merge := byMessage["Merge branch 'billing-refunds'"]
	if merge == nil || merge.NumParents() != 2 {
		t.Fatalf("merge commit missing or not a merge: %v", merge)
	}
	if branchTip, _ := merge.Parent(1); branchTip.Author.Email != "erin@shop.test" {
		t.Errorf("second parent of the merge is by %s, want the branch's last commit by Erin", branchTip.Author.Email)
	}

	head, err := repo.CommitObject(headHash)
	if err != nil {
		t.Fatal(err)
	}
	headFiles, err := files(head)
	if err != nil {
		t.Fatal(err)
	}
	var fixtureFiles []string
	err = filepath.WalkDir(shopDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(shopDir, p)
		fixtureFiles = append(fixtureFiles, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Concat(fixtureFiles, []string{"assets/logo.txt", "docs/README.md", "docs/architecture.md", "docs/runbook.md"})
	var got []string
	for p := range headFiles {
		got = append(got, p)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("HEAD files differ from the fixture plus docs and assets:\ngot  %v\nwant %v", got, want)
	}
	// The work tree must analyse like the fixture: each file is the fixture
	// plus comment-only trailer lines.
	for _, p := range fixtureFiles {
		fixture, err := os.ReadFile(filepath.Join(shopDir, p))
		if err != nil {
			t.Fatal(err)
		}
		built, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		if got := stripTrailer(p, built); string(got) != string(fixture) {
			t.Errorf("%s in the work tree is not the fixture plus a trailer", p)
		}
	}

	renamed := byMessage["ordering: rename cart.go to basket.go"]
	if renamed == nil {
		t.Fatal("rename commit not found")
	}
	before, _ := renamed.Parent(0)
	if _, ok := fileAt(t, before, "ordering/cart/cart.go"); !ok {
		t.Error("ordering/cart/cart.go missing before the rename")
	}
	if _, ok := headFiles["ordering/cart/cart.go"]; ok {
		t.Error("ordering/cart/cart.go still exists at HEAD")
	}
	if first := byMessage["initial module layout"]; first == nil || first.Author.Name != "Grace Lee" ||
		first.Author.Email != "grace@shop.test" || first.NumParents() != 0 {
		t.Errorf("root commit = %v", first)
	}
	if c := byMessage["billing: refunds schema"]; c == nil || c.Author.Name != "Carol Diaz" ||
		!c.Author.When.Equal(c.Committer.When) {
		t.Errorf("refunds schema commit = %v", c)
	}
	if mm, ok := fileAt(t, head, ".mailmap"); !ok || !strings.Contains(mm, "<amartin@old-laptop.local>") {
		t.Errorf(".mailmap at HEAD = %q, %v", mm, ok)
	}
	ref, err := repo.Head()
	if err != nil || ref.Name() != plumbing.NewBranchReferenceName("main") {
		t.Errorf("HEAD = %v, %v; want refs/heads/main", ref, err)
	}
}
