package cochange

import (
	"maps"
	"math"
	"path"
	"strings"
	"testing"
	"time"
)

func day(d int) time.Time { return time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, d) }

func commit(d int, author string, files ...string) Commit {
	c := Commit{When: day(d), Author: author}
	for _, f := range files {
		c.Files = append(c.Files, FileChange{Path: f, Churn: 10})
	}
	return c
}

func pkgOf(f string) (string, bool) {
	if strings.HasPrefix(f, "docs/") {
		return "", false
	}
	return path.Dir(f), true
}

func TestCoChange(t *testing.T) {
	var many []string
	for i := 0; i < 60; i++ {
		many = append(many, "bulk/f"+string(rune('a'+i%26))+string(rune('a'+i/26))+".go")
	}
	commits := []Commit{
		commit(0, "ann", "a/x.go", "b/y.go"),
		commit(10, "bob", "a/x.go", "a/z.go", "b/y.go"), // a counted once
		commit(20, "ann", "a/x.go", "b/y.go", "c/w.go"),
		commit(30, "cat", "c/w.go"),
		commit(40, "ann", "docs/readme.md"),                // outside packages only
		commit(50, "ann", append(many, "a/x.go")...),       // bulk: dropped
		commit(400, "dan", "a/x.go", "b/y.go", "gen/g.go"), // inside the 12-month window
		commit(410, "ann", "c/w.go", "a/x.go"),
	}
	h := Aggregate(commits, DefaultOptions(), Files{PackageOf: pkgOf, Skip: func(f string) bool { return strings.HasPrefix(f, "gen/") }})
	if h.Commits != 8 || h.Used != 6 || h.Bulk != 1 || h.OutsideOnly != 1 || h.SkipFiles != 1 {
		t.Errorf("counts: commits %d used %d bulk %d outside %d skip %d", h.Commits, h.Used, h.Bulk, h.OutsideOnly, h.SkipFiles)
	}
	a := h.Packages["a"]
	if a.Revisions != 5 || a.Authors != 3 || !a.FirstCommit.Equal(day(0)) || !a.LastCommit.Equal(day(410)) {
		t.Errorf("a = %+v", a)
	}
	// Window: last commit day 410, so the window starts 12 months before
	// it, at day 45: commits of day 400 and 410.
	if a.Window != (WindowFigures{Revisions: 2, Authors: 2, Churn: 20}) {
		t.Errorf("a.Window = %+v", a.Window)
	}
	if a.PrevWindow.Revisions != 3 || a.PrevWindow.Churn != 40 {
		t.Errorf("a.PrevWindow = %+v", a.PrevWindow)
	}
	// a-b share 4 commits; a has 5 revisions, b 4: degree 100*4/4.5.
	if len(h.Pairs) != 1 {
		t.Fatalf("pairs = %+v (below: %d)", h.Pairs, h.PairsBelow)
	}
	p := h.Pairs[0]
	if p.A != "a" || p.B != "b" || p.Shared != 4 || p.Degree != 88.89 {
		t.Errorf("pair = %+v", p)
	}
	// a-c share 2 (dropped, under 3), b-c 1 (dropped).
	if h.PairsBelow != 2 {
		t.Errorf("pairs below = %d", h.PairsBelow)
	}
	// P(X>=4) with n=6, a=5, b=4: C(5,4)C(1,0)/C(6,4) = 5/15.
	if math.Abs(p.P-0.333) > 1e-9 {
		t.Errorf("p = %v, want 0.333", p.P)
	}
}

func TestHypergeomTail(t *testing.T) {
	for _, tc := range []struct {
		n, a, b, k int
		want       float64
	}{
		{10, 5, 5, 0, 1},
		{10, 5, 5, 5, 1.0 / 252},         // C(5,5)C(5,0)/C(10,5)
		{10, 3, 3, 2, (3*7 + 1) / 120.0}, // (C(3,2)C(7,1)+C(3,3))/C(10,3)
		{4, 3, 3, 2, 1},                  // at least 2 overlap is certain
		{10, 3, 3, 4, 0},
	} {
		if got := HypergeomTail(tc.n, tc.a, tc.b, tc.k); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("HypergeomTail(%d,%d,%d,%d) = %v, want %v", tc.n, tc.a, tc.b, tc.k, got, tc.want)
		}
	}
}

// TestBotsAndNonCode checks that bots' commits count for nothing, and that
// a package does not change when only its module, docs or build files do.
func TestBotsAndNonCode(t *testing.T) {
	commits := []Commit{
		commit(0, "ann", "a/x.go", "b/y.go"),
		commit(1, "49699333+dependabot[bot]@users.noreply.github.com", "go.mod", "a/go.sum", "a/x.go"),
		commit(2, "bot@renovateapp.com", "a/x.go"),
		commit(3, "ann", "a/README.md", "a/Makefile"),
		commit(4, "bob", "a/x.go", "a/go.mod"),
	}
	h := Aggregate(commits, DefaultOptions(), Files{PackageOf: pkgOf})
	if h.Bots != 2 || h.NonCodeOnly != 1 || h.Used != 2 {
		t.Errorf("bots %d, non-code only %d, used %d; want 2, 1, 2", h.Bots, h.NonCodeOnly, h.Used)
	}
	if a := h.Packages["a"]; a == nil || a.Revisions != 2 || a.Authors != 2 {
		t.Errorf("a = %+v, want 2 revisions by ann and bob", a)
	}
	opt := DefaultOptions()
	opt.Bots, opt.CodeFiles = nil, []string{".go", ".md"}
	if h := Aggregate(commits, opt, Files{PackageOf: pkgOf}); h.Bots != 0 || h.Used != 5 {
		t.Errorf("with no bots and docs as code: bots %d, used %d", h.Bots, h.Used)
	}
}

// TestFileWindow checks the per-file window figures: only code files of
// counted commits inside the window, with their churn.
func TestFileWindow(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	commits := []Commit{
		{Hash: "old", When: day(0), Author: "ann", Files: []FileChange{{Path: "a/x.go", Churn: 5}}},
		{Hash: "c1", When: day(400), Author: "ann", Files: []FileChange{{Path: "a/x.go", Churn: 3}, {Path: "a/README.md", Churn: 9}}},
		{Hash: "c2", When: day(401), Author: "bob", Files: []FileChange{{Path: "a/x.go", Churn: 4}, {Path: "a/y.go", Churn: 1}}},
		{Hash: "bot", When: day(402), Author: "dependabot[bot]", Files: []FileChange{{Path: "a/y.go", Churn: 50}}},
	}
	files := Files{PackageOf: func(f string) (string, bool) { return path.Dir(f), true }}
	h := Aggregate(commits, DefaultOptions(), files)
	want := map[string]WindowFigures{"a/x.go": {Revisions: 2, Churn: 7}, "a/y.go": {Revisions: 1, Churn: 1}}
	if !maps.Equal(h.FileWindow, want) {
		t.Errorf("file window %v, want %v", h.FileWindow, want)
	}
}
