package analyze

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/seams-tool/seams/analyze/history"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/analyze/vocab"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/filegroups"
	"github.com/seams-tool/seams/report/schema"
)

// importsStatus says how the import graph came out.
func (a *Analysis) importsStatus() {
	g := a.Code
	for _, w := range g.Warnings {
		a.warn(schema.SignalImports, w.Message, w.Where)
	}
	if !a.Config.wants(schema.SignalImports) {
		a.Status[schema.SignalImports] = Status{schema.StatusOff, "not requested (--signals); packages are still listed"}
		return
	}
	s := Status{schema.StatusOK, fmt.Sprintf("%d packages, %d import edges, %d files, loaded with %s", len(g.Packages), len(g.Imports), g.Files, g.Loader)}
	if g.FallbackReason != "" {
		// The syntax loader yields the same internal graph; the go command
		// failing is still worth knowing, as a build would fail the same way.
		s.Detail += "; the go command could not run, so files were matched to build constraints by go/build"
		a.warn(schema.SignalImports, "the go command could not run, used the syntax loader: "+g.FallbackReason, "")
	}
	deps := 0
	for _, w := range g.Warnings {
		if missingModule(w.Message) {
			deps++
		}
	}
	if deps > 0 {
		// The repository's own packages are all there: only the types
		// of third-party modules are, which the graph does not need.
		s.Detail += fmt.Sprintf("; %d imports of third-party modules not in the module cache (go mod download resolves them; the graph between the repository's packages is complete)", deps)
	}
	if other := len(g.Warnings) - deps; other > 0 {
		s.Status = schema.StatusPartial
		s.Detail += fmt.Sprintf("; %d warnings (unparsable files or packages the go command could not list; the internal graph is complete where files parsed)", other)
	}
	a.Status[schema.SignalImports] = s
}

// missingModule reports whether a loader message says that a
// third-party module is missing from the module cache (seams runs the go
// command with GOPROXY=off and never downloads).
func missingModule(msg string) bool {
	for _, m := range []string{"module lookup disabled", "no required module provides", "missing go.sum entry", "cannot find module providing"} {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}

// sqlStatus says how the SQL pass came out.
func (a *Analysis) sqlStatus() {
	res := a.SQL
	live := 0
	for _, t := range res.Tables {
		if !t.Dropped {
			live++
		}
	}
	s := Status{schema.StatusOK, fmt.Sprintf("%d statements (%d parsed, %d scanned, %d not understood) and %d query-builder or ORM sites; %d tables",
		res.Found, res.Parsed, res.Scanned, res.Unknown, res.Builder, live)}
	if dropped := len(res.Tables) - live; dropped > 0 {
		s.Detail += fmt.Sprintf(" (and %d that later migrations dropped or renamed)", dropped)
	}
	if res.Generated > 0 {
		s.Detail += fmt.Sprintf("; %d statements in generated code", res.Generated)
	}
	if res.Tests > 0 && !a.Config.Tests {
		s.Detail += fmt.Sprintf("; %d statements of test code left out (--tests reads them)", res.Tests)
	}
	if res.Dialect != "" {
		s.Detail += "; read as " + res.Dialect + " (" + res.DialectReason + ")"
	}
	switch {
	case res.Found+res.Builder == 0:
		s = Status{schema.StatusUnavailable, "no SQL found: no table coupling"}
	case res.Unknown > 0:
		s.Status = schema.StatusPartial
	}
	a.Status[schema.SignalSQL] = s
	if msg := blindData(res, a.Config.Tests); msg != "" {
		a.warn(schema.SignalSQL, msg, "")
	}
	for _, w := range res.Warnings {
		a.warn(schema.SignalSQL, w.Message, w.Where)
	}
}

// minBlindSites is how many data-access sites a repository needs before
// seams says that most of them are out of its sight: a handful of
// unreadable statements is no pattern.
const minBlindSites = 20

// blindData says, when most of the data access seams found names no table
// it could read, how much and why: statements not understood, builder or
// ORM sites without a table, test code left out. Then the data layer, the
// shared-write tables and the plans' dual writes undercount, and the user
// should know before trusting them.
func blindData(res *tables.Result, tests bool) string {
	unknown, tableless := 0, 0
	for _, st := range res.Statements {
		switch {
		case st.How == tables.HowUnknown:
			unknown++
		case len(st.Tables) == 0 && (st.How == tables.HowBuilder || st.How == tables.HowORM):
			tableless++
		}
	}
	leftOut := 0
	if !tests {
		leftOut = res.Tests
	}
	blind := unknown + tableless + leftOut
	total := len(res.Statements) + leftOut
	if total < minBlindSites || 2*blind <= total {
		return ""
	}
	var why []string
	for _, part := range []struct {
		n    int
		what string
	}{{unknown, "not understood"}, {tableless, "query-builder or ORM calls whose table could not be resolved"}, {leftOut, "in test code, left out (--tests reads them)"}} {
		if part.n > 0 {
			why = append(why, fmt.Sprintf("%d %s", part.n, part.what))
		}
	}
	return fmt.Sprintf("most data access is out of sight: %d of %d statements and ORM sites name no table seams could read (%s); "+
		"the data layer, the shared-write tables and the plans' dual writes undercount. Tables named at run time, or an ORM seams does not read, look like this",
		blind, total, strings.Join(why, ", "))
}

// minedLog is what history.Mine returned, and how long it took.
type minedLog struct {
	log  *history.Log
	err  error
	took time.Duration
}

// coChangeCommits turns mined commits into co-change's, their paths
// carried through renames (old path -> current). A rename commit touches
// the old and the new path: one file. A commit over the bulk limit
// (maxFiles > 0) keeps every change, so that it stays bulk even where
// renames fold two of its paths into one: it was mined without churn.
func coChangeCommits(log []history.Commit, renames map[string]string, maxFiles int) []cochange.Commit {
	commits := make([]cochange.Commit, 0, len(log))
	for _, c := range log {
		gc := cochange.Commit{Hash: c.Hash, When: c.When, Author: identity(c.Author)}
		bulk := maxFiles > 0 && len(c.Changes) > maxFiles
		seen := map[string]bool{}
		for _, ch := range c.Changes {
			p := ch.Path
			if cur, ok := renames[p]; ok {
				p = cur
			}
			if seen[p] && !bulk {
				continue
			}
			seen[p] = true
			gc.Files = append(gc.Files, cochange.FileChange{Path: p, Churn: ch.Added + ch.Deleted})
		}
		commits = append(commits, gc)
	}
	return commits
}

// once remembers skip's answer per path: a path recurs in many commits,
// and matching it against the exclusions each time cost more than the
// rest of the aggregation.
func once(skip func(string) bool) func(string) bool {
	seen := map[string]bool{}
	return func(f string) bool {
		v, ok := seen[f]
		if !ok {
			v = skip(f)
			seen[f] = v
		}
		return v
	}
}

// readLog mines the history; it only reads the Analysis, so that it can
// run beside the package load.
func (a *Analysis) readLog(progress func(done, total int)) minedLog {
	r, hc := a.Repo, a.Config.History
	if r.GitRoot == "" {
		return minedLog{}
	}
	start := time.Now()
	// Churn only counts for code files (cochange.Options.CodeFiles).
	opt := history.Options{Ref: hc.Ref, Since: hc.Since, Until: hc.Until, CacheDir: hc.CacheDir, Progress: progress,
		ChurnFiles: hc.CoChange.CodeFiles}
	// Churn is only needed in the pressure window, which ends at the
	// newest commit.
	opt.ChurnMonths = hc.CoChange.WindowMonths
	// Nor in a bulk commit, which Aggregate leaves out (see historyOf).
	opt.ChurnMaxChanges = hc.CoChange.MaxCommitFiles
	log, err := history.Mine(r.GitRoot, opt)
	return minedLog{log, err, time.Since(start)}
}

// historySignal is the history signal, ready to be put in the Analysis.
type historySignal struct {
	history    *History
	fileGroups map[string][]filegroups.Group
	status     Status
	warnings   []string
}

// apply puts the signal in the Analysis.
func (s historySignal) apply(a *Analysis) {
	a.History, a.FileGroups = s.history, s.fileGroups
	a.Status[schema.SignalHistory] = s.status
	for _, w := range s.warnings {
		a.warn(schema.SignalHistory, w, "")
	}
}

// historyOf turns what readLog mined into the history signal. It never
// fails the run: whatever goes wrong becomes the signal's status, detail
// and warnings. It only reads the Analysis, whose package load it needs,
// so that it can run beside the symbols' and the SQL's resolution.
func (a *Analysis) historyOf(m minedLog) (out historySignal) {
	r, hc := a.Repo, a.Config.History
	set := func(st schema.Status, detail string) { out.status = Status{st, detail} }
	if r.GitRoot == "" {
		set(schema.StatusUnavailable, "not a git repository: no co-change and no change pressure")
		return out
	}
	start := time.Now().Add(-m.took)
	log, err := m.log, m.err
	if err != nil {
		detail := err.Error()
		switch {
		case errors.Is(err, history.ErrEmpty):
			detail = "the git repository has no commits yet: no co-change and no change pressure"
		case errors.Is(err, history.ErrNotGit):
			detail = "not a git repository: no co-change and no change pressure"
		}
		set(schema.StatusUnavailable, detail)
		out.warnings = append(out.warnings, detail)
		return out
	}
	out.warnings = append(out.warnings, log.Warnings...)

	// Git paths are relative to the git root; packages to the Go root.
	prefix := repo.Rel(r.GitRoot, r.Root)
	pkgs := map[string]bool{}
	for _, p := range a.Code.Packages {
		pkgs[p.Dir] = true
	}
	generated := map[string]bool{}
	for _, f := range a.Code.Generated {
		generated[f] = true
	}
	// Test files change with their package: they count here even when
	// the import graph leaves them out.
	all, _ := scope.New(a.Config.Exclude, true)
	toRoot := func(p string) (string, bool) {
		if prefix == "." {
			return p, true
		}
		return strings.CutPrefix(p, prefix+"/")
	}
	// A restructure's moves carry paths, not co-change (RenamesByContent).
	renames := log.RenamesByContent()
	commits := coChangeCommits(log.Commits, renames, hc.CoChange.MaxCommitFiles)
	files := cochange.Files{
		PackageOf: func(f string) (string, bool) {
			rel, ok := toRoot(f)
			if !ok {
				return "", false
			}
			d := path.Dir(rel)
			return d, pkgs[d]
		},
		Skip: once(func(f string) bool {
			rel, ok := toRoot(f)
			return ok && (generated[rel] || all.Excluded(rel))
		}),
	}
	h := cochange.Aggregate(commits, hc.CoChange, files)
	out.history = &History{
		Commits: h.Commits, Merges: log.Merges, Missing: log.Missing,
		Shallow: log.Shallow, ShallowDepth: log.ShallowDepth, CacheHits: log.CacheHits,
		ElapsedMS: time.Since(start).Milliseconds(), CoChange: h,
	}
	out.fileGroups = groupFiles(a.Code, commits, hc.CoChange, toRoot)
	if fp := newFileParts(a.Code, out.fileGroups); fp != nil && !a.Config.NoContexts {
		out.history.PartPairs = partPairs(commits, hc.CoChange, files, fp, toRoot)
	}
	st := Status{schema.StatusOK, fmt.Sprintf("%d commits read, %d used; %d package pairs change together", h.Commits, h.Used, len(h.Pairs))}
	switch {
	case log.Shallow:
		st.Status = schema.StatusPartial
		msg := fmt.Sprintf("shallow clone (%d commits deep): co-change and pressure are meaningless without the history; fetch it with git fetch --unshallow, or check out with fetch-depth: 0 in CI", log.ShallowDepth)
		st.Detail += "; " + msg
		out.warnings = append(out.warnings, msg)
	case log.Missing > 0 || log.DegradedCommits > 0:
		// The history package's warnings say why, and what to do.
		st.Status = schema.StatusPartial
		if log.Missing > 0 {
			st.Detail += fmt.Sprintf("; %d commits skipped for missing objects", log.Missing)
		}
		if log.DegradedCommits > 0 {
			st.Detail += fmt.Sprintf("; %d commits kept without rename detection or churn for missing file contents", log.DegradedCommits)
		}
		if log.PartialClone {
			st.Detail += " (a partial clone: seams never fetches the missing objects; mine a full clone)"
		}
	case h.Commits == 0:
		st = Status{schema.StatusPartial, "no commits in the chosen range"}
	}
	out.status = st
	return out
}

// identity is one string per person, after the mailmap.
func identity(p history.Person) string {
	if p.Email != "" {
		return strings.ToLower(p.Email)
	}
	return p.Name
}

// vocabulary compares the packages' vocabularies; the tables a package
// touches with its own SQL are words of its vocabulary too.
func (a *Analysis) vocabulary(voc *vocab.Collector) {
	if a.SQL != nil {
		for _, p := range a.Code.Packages {
			var names []string
			for _, pt := range a.SQL.Packages[p.Dir] {
				if pt.Via != tables.Carried {
					names = append(names, pt.Name)
				}
			}
			voc.AddTerms(p.Dir, names...)
		}
	}
	res := voc.Finish(a.Config.Vocabulary)
	a.Vocabulary = res
	with := 0
	for _, p := range res.Packages {
		if len(p.Top) > 0 {
			with++
		}
	}
	st := Status{schema.StatusOK, fmt.Sprintf("%d packages with domain terms, %d similar pairs; %d terms too common to name a domain left out", with, len(res.Pairs), len(res.Common))}
	if len(res.Pairs) == 0 {
		st = Status{schema.StatusUnavailable, "no two packages share domain terms: no vocabulary coupling"}
	}
	a.Status[schema.SignalVocabulary] = st
}
