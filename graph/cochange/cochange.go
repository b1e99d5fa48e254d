package cochange

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/seams-tool/seams/graph/internal/num"
)

// Commit is one commit as the co-change model sees it: who, when, and
// which files, after renames were followed.
type Commit struct {
	Hash   string
	When   time.Time
	Author string // one identity per person (mailmap applied)
	Files  []FileChange
}

// FileChange is one file a commit touched.
type FileChange struct {
	Path  string // current path, relative to the repository root
	Churn int    // lines added + deleted; only meaningful when the commit has churn
}

// Options tune Aggregate.
type Options struct {
	// MaxCommitFiles drops commits touching more files than this; -1
	// means no limit.
	MaxCommitFiles int
	// MinShared drops package pairs with fewer shared commits.
	MinShared int
	// WindowMonths is the pressure window: commits in the WindowMonths
	// before the newest commit count towards the window figures.
	WindowMonths int
	// Bots are the authors whose commits count for nothing: a commit
	// whose author identity contains one of them (case aside) is no
	// package change, no co-change and no author.
	Bots []string
	// CodeFiles are the file name endings that count as a package's
	// change: module files, docs and build files in a package's directory
	// do not make it change.
	CodeFiles []string
}

// DefaultBots are the bots of the common forges and dependency updaters.
var DefaultBots = []string{"[bot]", "dependabot", "renovate", "github-actions", "greenkeeper", "snyk-bot", "mergify", "imgbot", "pre-commit-ci", "codecov"}

// DefaultCodeFiles are the files that count as code by default.
var DefaultCodeFiles = []string{".go", ".sql"}

// DefaultOptions are the options seams uses unless told otherwise.
func DefaultOptions() Options {
	return Options{MaxCommitFiles: 50, MinShared: 3, WindowMonths: 12,
		Bots: slices.Clone(DefaultBots), CodeFiles: slices.Clone(DefaultCodeFiles)}
}

// Bot reports whether an author identity is one of the bots.
func (o Options) Bot(author string) bool {
	a := strings.ToLower(author)
	return slices.ContainsFunc(o.Bots, func(b string) bool { return b != "" && strings.Contains(a, strings.ToLower(b)) })
}

// code reports whether a file counts as code.
func (o Options) code(path string) bool {
	return slices.ContainsFunc(o.CodeFiles, func(ext string) bool { return strings.HasSuffix(path, ext) })
}

// Bounds of the options, wide enough for any real repository.
const (
	MaxMaxCommitFiles = 1_000_000
	MaxMinShared      = 1_000_000
	MaxWindowMonths   = 1200
)

// Validate says which option is out of its documented bounds.
func (o Options) Validate() error {
	switch {
	case o.MaxCommitFiles != -1 && (o.MaxCommitFiles < 1 || o.MaxCommitFiles > MaxMaxCommitFiles):
		return fmt.Errorf("max commit files: want -1 (no limit) or 1..%d, got %d", MaxMaxCommitFiles, o.MaxCommitFiles)
	case o.MinShared < 1 || o.MinShared > MaxMinShared:
		return fmt.Errorf("min shared: want 1..%d, got %d", MaxMinShared, o.MinShared)
	case o.WindowMonths < 1 || o.WindowMonths > MaxWindowMonths:
		return fmt.Errorf("window: want 1..%d months, got %d", MaxWindowMonths, o.WindowMonths)
	case len(o.CodeFiles) == 0:
		return fmt.Errorf("code files: want at least one file name ending, such as .go")
	}
	return nil
}

// Files says how a repository's files map to its packages.
type Files struct {
	// PackageOf maps a file to its package path; ok is false for files
	// outside every package (docs, assets): they are counted at file level
	// only.
	PackageOf func(file string) (pkg string, ok bool)
	// Skip reports files that must not count at all (generated, vendored),
	// or is nil.
	Skip func(file string) bool
}

// History is the co-change model of a repository.
type History struct {
	Packages map[string]*PackageHistory
	Pairs    []Pair // sorted by A, then B

	Commits     int // commits read
	Used        int // commits that touched at least one package after filters
	Bulk        int // commits dropped for touching more than MaxCommitFiles files
	Bots        int // commits dropped for being a bot's
	NonCodeOnly int // commits that touched only files other than code (docs, go.mod, build files) in packages
	SkipFiles   int // file changes dropped as generated or vendored
	OutsideOnly int // commits that touched only files outside packages
	PairsBelow  int // package pairs dropped for sharing fewer than MinShared commits

	MaxCommitFiles, MinShared int
	WindowMonths              int
	WindowStart, WindowEnd    time.Time
	// PrevWindowStart begins the window before the pressure window, of the
	// same length, against which trends are measured.
	PrevWindowStart time.Time

	// FileWindow holds the pressure window's figures of each code file a
	// counted commit changed, by the path the commits name it by: the
	// files inside a package's figures (Authors left 0).
	FileWindow map[string]WindowFigures

	// UsedCommits are the commits that counted, reduced to their
	// packages, oldest first, for figures over groups of packages (a
	// context's commits, not the sum of its packages' commits).
	UsedCommits []UsedCommit
}

// UsedCommit is a commit that counted, reduced to its packages.
type UsedCommit struct {
	When     time.Time
	Author   string
	Packages []string       // sorted
	Churn    map[string]int // per package
}

// PackageHistory is one package's change record.
type PackageHistory struct {
	Revisions   int
	Authors     int
	FirstCommit time.Time
	LastCommit  time.Time
	Window      WindowFigures
	PrevWindow  WindowFigures // the window before, for trends
}

// WindowFigures count a package's activity inside a time window.
type WindowFigures struct {
	Revisions int
	Authors   int
	Churn     int
}

// Pair is the co-change of two packages, A < B.
type Pair struct {
	A, B   string
	Shared int
	// Degree is code-maat's coupling degree, 0..100.
	Degree float64
	// P is the probability of at least Shared common commits by chance.
	P float64
}

// Aggregate aggregates commits to packages and package pairs. The
// options must be valid (see Options.Validate).
func Aggregate(commits []Commit, opt Options, files Files) *History {
	h := &History{Packages: map[string]*PackageHistory{}, FileWindow: map[string]WindowFigures{}, Commits: len(commits), MaxCommitFiles: opt.MaxCommitFiles, MinShared: opt.MinShared, WindowMonths: opt.WindowMonths}
	for _, c := range commits {
		if c.When.After(h.WindowEnd) {
			h.WindowEnd = c.When
		}
	}
	h.WindowStart = h.WindowEnd.AddDate(0, -opt.WindowMonths, 0)
	h.PrevWindowStart = h.WindowStart.AddDate(0, -opt.WindowMonths, 0)

	authors := map[string]map[string]bool{}
	winAuthors := map[string]map[string]bool{}
	prevAuthors := map[string]map[string]bool{}
	pairs := map[[2]string]int{}
	for _, c := range commits {
		if opt.Bot(c.Author) {
			h.Bots++
			continue
		}
		if opt.MaxCommitFiles > 0 && len(c.Files) > opt.MaxCommitFiles {
			h.Bulk++
			continue
		}
		churn := map[string]int{}
		var pkgs []string
		var code []FileChange
		nonCode := false
		for _, f := range c.Files {
			if files.Skip != nil && files.Skip(f.Path) {
				h.SkipFiles++
				continue
			}
			p, ok := files.PackageOf(f.Path)
			if !ok {
				continue
			}
			if !opt.code(f.Path) {
				nonCode = true
				continue
			}
			if _, seen := churn[p]; !seen {
				pkgs = append(pkgs, p)
			}
			churn[p] += f.Churn
			code = append(code, f)
		}
		if len(pkgs) == 0 {
			if nonCode {
				h.NonCodeOnly++
			} else {
				h.OutsideOnly++
			}
			continue
		}
		h.Used++
		inWindow := c.When.After(h.WindowStart)
		inPrev := !inWindow && c.When.After(h.PrevWindowStart)
		sort.Strings(pkgs)
		h.UsedCommits = append(h.UsedCommits, UsedCommit{When: c.When, Author: c.Author, Packages: pkgs, Churn: churn})
		if inWindow {
			for _, f := range code {
				fw := h.FileWindow[f.Path]
				fw.Revisions++
				fw.Churn += f.Churn
				h.FileWindow[f.Path] = fw
			}
		}
		for i, p := range pkgs {
			ph := h.Packages[p]
			if ph == nil {
				ph = &PackageHistory{FirstCommit: c.When, LastCommit: c.When}
				h.Packages[p] = ph
				authors[p], winAuthors[p], prevAuthors[p] = map[string]bool{}, map[string]bool{}, map[string]bool{}
			}
			ph.Revisions++
			authors[p][c.Author] = true
			if c.When.Before(ph.FirstCommit) {
				ph.FirstCommit = c.When
			}
			if c.When.After(ph.LastCommit) {
				ph.LastCommit = c.When
			}
			switch {
			case inWindow:
				ph.Window.Revisions++
				ph.Window.Churn += churn[p]
				winAuthors[p][c.Author] = true
			case inPrev:
				ph.PrevWindow.Revisions++
				ph.PrevWindow.Churn += churn[p]
				prevAuthors[p][c.Author] = true
			}
			for _, q := range pkgs[i+1:] {
				pairs[[2]string{p, q}]++
			}
		}
	}
	for p, ph := range h.Packages {
		ph.Authors = len(authors[p])
		ph.Window.Authors = len(winAuthors[p])
		ph.PrevWindow.Authors = len(prevAuthors[p])
	}
	for k, shared := range pairs {
		if shared < opt.MinShared {
			h.PairsBelow++
			continue
		}
		ra, rb := h.Packages[k[0]].Revisions, h.Packages[k[1]].Revisions
		h.Pairs = append(h.Pairs, Pair{
			A: k[0], B: k[1], Shared: shared,
			Degree: num.Round(100*float64(shared)/(float64(ra+rb)/2), 2),
			P:      num.Sig(HypergeomTail(h.Used, ra, rb, shared), 3),
		})
	}
	sort.Slice(h.Pairs, func(i, j int) bool {
		if h.Pairs[i].A != h.Pairs[j].A {
			return h.Pairs[i].A < h.Pairs[j].A
		}
		return h.Pairs[i].B < h.Pairs[j].B
	})
	return h
}

// HypergeomTail returns P(X >= k) for X the overlap of two random subsets
// of sizes a and b drawn from n items: the one-sided Fisher exact test of
// whether two packages that changed in a and b of n commits share k
// commits more often than chance would have them.
func HypergeomTail(n, a, b, k int) float64 {
	if a > n || b > n || k > min(a, b) {
		return 0
	}
	lo := max(0, a+b-n)
	if k <= lo {
		return 1
	}
	lchoose := func(n, k int) float64 {
		x, _ := math.Lgamma(float64(n + 1))
		y, _ := math.Lgamma(float64(k + 1))
		z, _ := math.Lgamma(float64(n - k + 1))
		return x - y - z
	}
	denom := lchoose(n, b)
	p := 0.0
	for x := k; x <= min(a, b); x++ {
		p += math.Exp(lchoose(a, x) + lchoose(n-a, b-x) - denom)
	}
	return math.Min(1, p)
}
