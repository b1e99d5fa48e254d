package analyze

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/seams-tool/seams/analyze/code"
	"github.com/seams-tool/seams/analyze/history"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/report"
)

// HistoryConfig tunes the history signal.
type HistoryConfig struct {
	Ref            string    // "" means HEAD
	Since, Until   time.Time // author-time bounds
	WindowMonths   int       // pressure window (default 12)
	MaxCommitFiles int       // bulk-commit filter (default 50; negative: off)
	MinShared      int       // co-change pair minimum (default 3)
	CacheDir       string    // "" means no cache
}

// mineHistory runs the history signal. It never fails the run: whatever
// goes wrong becomes the signal's status, detail and warnings.
func mineHistory(r *repo.Repo, g *code.Graph, cfg Config, m *report.Model) *graph.History {
	hc := cfg.History
	sig := &m.Signals.History
	sig.Ref = hc.Ref
	warn := func(msg string) {
		m.Warnings = append(m.Warnings, report.Warning{Signal: SignalHistory, Message: msg})
	}
	if r.GitRoot == "" {
		sig.Signal = report.Signal{Status: report.StatusUnavailable, Detail: "not a git repository: no co-change and no change pressure"}
		return nil
	}
	start := time.Now()
	opt := history.Options{Ref: hc.Ref, Since: hc.Since, Until: hc.Until, CacheDir: hc.CacheDir, Progress: cfg.progress("history")}
	months := hc.WindowMonths
	if months <= 0 {
		months = 12
	}
	if t, err := refTime(r.GitRoot, hc.Ref); err == nil {
		if !hc.Until.IsZero() && hc.Until.Before(t) {
			t = hc.Until
		}
		// Churn is only needed in the pressure window, which ends at the
		// newest commit; HEAD's time is a close, safe bound for it.
		opt.ChurnSince = t.AddDate(0, -months, -31)
	}
	log, err := history.Mine(r.GitRoot, opt)
	if err != nil {
		status := report.StatusUnavailable
		detail := err.Error()
		switch {
		case errors.Is(err, history.ErrEmpty):
			detail = "the git repository has no commits yet: no co-change and no change pressure"
		case errors.Is(err, history.ErrNotGit):
			detail = "not a git repository: no co-change and no change pressure"
		}
		sig.Signal = report.Signal{Status: status, Detail: detail}
		warn(detail)
		return nil
	}
	for _, w := range log.Warnings {
		warn(w)
	}

	// Git paths are relative to the git root; packages to the Go root.
	prefix := repo.Rel(r.GitRoot, r.Root)
	pkgs := map[string]bool{}
	for _, p := range g.Packages {
		pkgs[p.Dir] = true
	}
	generated := map[string]bool{}
	for _, f := range g.Generated {
		generated[f] = true
	}
	// Test files change with their package: they count here even when
	// the import graph leaves them out.
	rules, _ := scope.New(cfg.Exclude, true)
	toRoot := func(p string) (string, bool) {
		if prefix == "." {
			return p, true
		}
		return strings.CutPrefix(p, prefix+"/")
	}
	renames := log.Renames()
	commits := make([]graph.Commit, 0, len(log.Commits))
	for _, c := range log.Commits {
		gc := graph.Commit{Hash: c.Hash, When: c.When, Author: identity(c.Author)}
		seen := map[string]bool{}
		for _, ch := range c.Changes {
			p := ch.Path
			if cur, ok := renames[p]; ok {
				p = cur
			}
			// A rename commit touches the old and the new path: one file.
			if seen[p] {
				continue
			}
			seen[p] = true
			gc.Files = append(gc.Files, graph.FileChange{Path: p, Churn: ch.Added + ch.Deleted})
		}
		commits = append(commits, gc)
	}
	h := graph.CoChange(commits, graph.HistoryOptions{
		MaxCommitFiles: hc.MaxCommitFiles,
		MinShared:      hc.MinShared,
		WindowMonths:   months,
		PackageOf: func(f string) (string, bool) {
			rel, ok := toRoot(f)
			if !ok {
				return "", false
			}
			d := path.Dir(rel)
			return d, pkgs[d]
		},
		Skip: func(f string) bool {
			rel, ok := toRoot(f)
			return ok && (generated[rel] || rules.Excluded(rel))
		},
	})

	sig.Commits = h.Commits
	sig.Used = h.Used
	sig.Shallow = log.Shallow
	sig.Filtered = report.HistoryFilters{
		Merges: log.Merges, Bulk: h.Bulk, MissingObjects: log.Missing,
		SkippedFiles: h.SkipFiles, OutsideOnly: h.OutsideOnly, PairsBelowMin: h.PairsBelow,
	}
	sig.MaxCommitFiles, sig.MinShared, sig.WindowMonths = h.MaxCommitFiles, h.MinShared, h.WindowMonths
	if h.Commits > 0 {
		sig.WindowStart = h.WindowStart.UTC().Format(time.RFC3339)
		sig.WindowEnd = h.WindowEnd.UTC().Format(time.RFC3339)
	}
	if cfg.Timings {
		sig.Timings = &report.Timings{ElapsedMS: time.Since(start).Milliseconds(), CacheHits: log.CacheHits}
	}
	sig.Status = report.StatusOK
	sig.Detail = fmt.Sprintf("%d commits read, %d used; %d package pairs change together", h.Commits, h.Used, len(h.Pairs))
	switch {
	case log.Shallow:
		sig.Status = report.StatusPartial
		msg := fmt.Sprintf("shallow clone (%d commits deep): co-change and pressure are meaningless without the history; fetch it with git fetch --unshallow, or check out with fetch-depth: 0 in CI", log.ShallowDepth)
		sig.Detail += "; " + msg
		warn(msg)
	case log.Missing > 0:
		sig.Status = report.StatusPartial
		sig.Detail += fmt.Sprintf("; %d commits skipped for missing objects", log.Missing)
	case h.Commits == 0:
		sig.Status = report.StatusPartial
		sig.Detail = "no commits in the chosen range"
	}
	for i := range m.Packages {
		if ph := h.Packages[m.Packages[i].Path]; ph != nil {
			m.Packages[i].History = &report.PackageHistory{
				Revisions: ph.Revisions, Authors: ph.Authors,
				FirstCommit: ph.FirstCommit.UTC().Format(time.RFC3339),
				LastCommit:  ph.LastCommit.UTC().Format(time.RFC3339),
				Window:      report.WindowFigures(ph.Window),
			}
		}
	}
	for _, p := range h.Pairs {
		m.CoChange = append(m.CoChange, report.CoChange{A: p.A, B: p.B, Shared: p.Shared, Degree: p.Degree, P: p.P})
	}
	return h
}

// identity is one string per person, after the mailmap.
func identity(p history.Person) string {
	if p.Email != "" {
		return strings.ToLower(p.Email)
	}
	return p.Name
}

// refTime is the author time of the commit ref names ("" for HEAD).
func refTime(gitRoot, ref string) (time.Time, error) {
	r, err := git.PlainOpenWithOptions(gitRoot, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if err != nil {
		return time.Time{}, err
	}
	if ref == "" {
		ref = "HEAD"
	}
	h, err := r.ResolveRevision(plumbing.Revision(ref))
	if err != nil {
		return time.Time{}, err
	}
	c, err := r.CommitObject(*h)
	if err != nil {
		return time.Time{}, err
	}
	return c.Author.When, nil
}
