package analyze

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/seams-tool/seams/analyze/code"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/report"
)

// Signal names, as used by --signals and in the model.
const (
	SignalImports = "imports"
	SignalSQL     = "sql"
	SignalHistory = "history"
)

// Signals lists every signal seams knows, in the order it computes them.
var Signals = []string{SignalImports, SignalSQL, SignalHistory}

// Config is everything a run needs to know. Flags and .seams.yaml are
// merged into one Config by the command.
type Config struct {
	Dir     string   // the directory to analyze
	Exclude []string // .gitignore-style patterns of paths to leave out
	Tests   bool     // analyze _test.go files too
	// Signals to compute; nil means all that exist.
	Signals []string
	// Syntax forces the syntax-only import loader.
	Syntax bool
	// Version is the seams version written into the model.
	Version string
	// History tunes the history signal.
	History HistoryConfig
	// Cluster tunes how candidate contexts are found.
	Cluster ClusterConfig
	// SQL tunes the table-access signal.
	SQL SQLConfig
	// Timings adds elapsed times to the model; they differ run to run.
	Timings bool
	// NoContexts skips clustering and ranking: seams check measures the
	// baseline's partition instead.
	NoContexts bool
	// ModelCache, when set, is a directory where the model of an
	// unchanged repository is kept and reused (see modelcache.go).
	ModelCache string
	// Log receives progress messages; nil discards them.
	Log io.Writer
	// Progress, if set, is told how far a long stage is: it is called with
	// the stage's name, work done and work in all.
	Progress func(stage string, done, total int)
}

// stepper returns a function that logs a finished stage with the time it
// took, to Config.Log (-v); it does nothing without one.
func (c Config) stepper() func(format string, a ...any) {
	if c.Log == nil {
		return func(string, ...any) {}
	}
	last := time.Now()
	return func(format string, a ...any) {
		now := time.Now()
		fmt.Fprintf(c.Log, "seams: "+format+" (%.2fs)\n", append(a, now.Sub(last).Seconds())...)
		last = now
	}
}

// progress adapts Config.Progress to one stage.
func (c Config) progress(stage string) func(done, total int) {
	if c.Progress == nil {
		return nil
	}
	return func(done, total int) { c.Progress(stage, done, total) }
}

// ErrNothingToAnalyze wraps the reasons a run cannot produce any model.
var ErrNothingToAnalyze = errors.New("nothing to analyze")

// locate finds the repository at cfg.Dir under cfg's exclusion rules.
func locate(cfg Config) (*repo.Repo, *scope.Rules, error) {
	rules, err := scope.New(cfg.Exclude, cfg.Tests)
	if err != nil {
		return nil, nil, err
	}
	r, err := repo.Locate(cfg.Dir, rules)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrNothingToAnalyze, err)
	}
	return r, rules, nil
}

// Run analyzes the repository at cfg.Dir.
func Run(cfg Config) (*report.Model, error) {
	r, rules, err := locate(cfg)
	if err != nil {
		return nil, err
	}
	var key, dir string
	if cfg.ModelCache != "" {
		key = fingerprint(r, rules, cfg)
		dir = modelCacheDir(cfg.ModelCache, r.Root)
		if key != "" {
			if m := loadModel(dir, key); m != nil {
				return m, nil
			}
		}
	}
	m, err := run(r, rules, cfg)
	if err == nil && key != "" {
		storeModel(dir, key, m)
	}
	return m, err
}

// run analyzes a located repository, on disk or in a commit's tree.
func run(r *repo.Repo, rules *scope.Rules, cfg Config) (*report.Model, error) {
	want, err := chosenSignals(cfg.Signals)
	if err != nil {
		return nil, err
	}
	m := &report.Model{
		Schema: report.Schema,
		Repo:   report.Repo{Root: r.Root, GitRoot: r.GitRoot},
		Tool:   report.Tool{Version: cfg.Version},
	}
	for _, mod := range r.Modules {
		m.Repo.Modules = append(m.Repo.Modules, report.Module{Path: mod.Path, Dir: mod.Dir})
	}
	if r.FS == nil {
		m.Repo.Head, err = head(r.GitRoot)
	}
	if err != nil {
		m.Warnings = append(m.Warnings, report.Warning{Signal: SignalHistory, Message: "reading HEAD: " + err.Error()})
	}

	// The import graph is the skeleton every other signal hangs on: it
	// defines the packages. It is loaded even when not asked for as a
	// signal, and only its edges are then left out.
	if err := checkDialect(cfg.SQL.Dialect); err != nil {
		return nil, err
	}
	opt := code.Options{Rules: rules, Syntax: cfg.Syntax}
	var sql *tables.Collector
	if want[SignalSQL] {
		// SQL lives in the same Go files the import graph parses: parse
		// each once, in full, and hand the tree to the collector.
		sql = tables.NewCollector(tables.Options{Dialect: cfg.SQL.Dialect, Ignore: cfg.SQL.Ignore})
		opt.Visit = sql.AddFile
	}
	step := cfg.stepper()
	g, err := code.Load(r, opt)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNothingToAnalyze, err)
	}
	step("loaded %d packages with %s (%d files)", len(g.Packages), g.Loader, g.Files)
	fillImports(m, g, want[SignalImports])
	var uses []graph.TableUse
	if sql != nil {
		res := sql.Finish(r.Files(), rules.SkipDir, rules.UserExcluded)
		uses = fillSQL(m, res)
		step("read %d SQL statements touching %d tables", res.Found, len(res.Tables))
	}
	var h *graph.History
	if want[SignalHistory] {
		h = mineHistory(r, g, cfg, m)
		step("mined history: %s", m.Signals.History.Detail)
	}
	for _, s := range []string{SignalSQL, SignalHistory} {
		sig := &m.Signals.SQL.Signal
		if s == SignalHistory {
			sig = &m.Signals.History.Signal
		}
		if !want[s] {
			*sig = report.Signal{Status: report.StatusOff, Detail: "not requested (--signals)"}
		}
	}
	if !cfg.NoContexts {
		findContexts(m, h, uses, cfg.Cluster)
		step("clustered into %d candidate contexts", len(m.Contexts))
	}
	sortWarnings(m.Warnings)
	return m, nil
}

func fillImports(m *report.Model, g *code.Graph, want bool) {
	for _, p := range g.Packages {
		m.Packages = append(m.Packages, report.Package{
			Path:       p.Dir,
			ImportPath: p.ImportPath,
			Files:      len(p.Files),
			LOC:        p.LOC,
			Main:       p.Main(),
			StdImports: p.StdImports,
			DepImports: p.DepImports,
		})
	}
	s := &m.Signals.Imports
	s.Loader = g.Loader
	s.FallbackReason = g.FallbackReason
	s.Files = g.Files
	s.ExcludedFiles = g.Excluded
	s.GeneratedFiles = len(g.Generated)
	s.Generated = g.Generated
	for _, w := range g.Warnings {
		m.Warnings = append(m.Warnings, report.Warning{Signal: SignalImports, Message: w.Message, Where: w.Where})
	}
	if !want {
		s.Signal = report.Signal{Status: report.StatusOff, Detail: "not requested (--signals); packages are still listed"}
		return
	}
	for _, e := range g.Imports {
		m.Imports = append(m.Imports, report.Import{From: e.From, To: e.To, Weight: e.Files, At: e.At})
	}
	detail := fmt.Sprintf("%d packages, %d import edges, %d files, loaded with %s", len(g.Packages), len(g.Imports), g.Files, g.Loader)
	s.Signal = report.Signal{Status: report.StatusOK, Detail: detail}
	if g.FallbackReason != "" {
		// The syntax loader yields the same internal graph; the go command
		// failing is still worth knowing, as a build would fail the same way.
		s.Detail += "; the go command could not run, so files were matched to build constraints by go/build"
		m.Warnings = append(m.Warnings, report.Warning{Signal: SignalImports, Message: "the go command could not run, used the syntax loader: " + g.FallbackReason})
	}
	if len(g.Warnings) > 0 {
		s.Status = report.StatusPartial
		s.Detail += fmt.Sprintf("; %d warnings (missing dependencies or unparsable files; the internal graph is still complete where files parsed)", len(g.Warnings))
	}
}

func chosenSignals(names []string) (map[string]bool, error) {
	want := map[string]bool{}
	if names == nil {
		for _, s := range Signals {
			want[s] = true
		}
		return want, nil
	}
	for _, n := range names {
		n = strings.TrimSpace(n)
		ok := false
		for _, s := range Signals {
			ok = ok || s == n
		}
		if !ok {
			return nil, fmt.Errorf("unknown signal %q (known: %s)", n, strings.Join(Signals, ", "))
		}
		want[n] = true
	}
	return want, nil
}

// head returns the commit HEAD points at, or "" for no git repository or
// an empty one.
func head(gitRoot string) (string, error) {
	if gitRoot == "" {
		return "", nil
	}
	r, err := git.PlainOpenWithOptions(gitRoot, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if err != nil {
		return "", err
	}
	ref, err := r.Head()
	if err != nil {
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			return "", nil // an empty repository has no HEAD commit yet
		}
		return "", err
	}
	return ref.Hash().String(), nil
}

func sortWarnings(ws []report.Warning) {
	sort.SliceStable(ws, func(i, j int) bool {
		a, b := ws[i], ws[j]
		if a.Signal != b.Signal {
			return a.Signal < b.Signal
		}
		if a.Where != b.Where {
			return a.Where < b.Where
		}
		return a.Message < b.Message
	})
}
