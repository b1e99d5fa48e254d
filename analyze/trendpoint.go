package analyze

import (
	"errors"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seams-tool/seams/analyze/code"
	"github.com/seams-tool/seams/analyze/history"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/graph/baseline"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/metrics"
	"github.com/seams-tool/seams/report/schema"
)

// replay is what every point of a trend shares.
type replay struct {
	cfg     Config
	tc      TrendConfig
	repo    *repo.Repo
	rules   *scope.Rules
	objects *history.Objects
	prefix  string // the Go root, relative to the git root
	log     *history.Log
	// today maps every path a renamed file had to its path at the newest
	// commit: how a point's packages are carried to today's.
	today map[string]string
	known map[string]bool // the packages the baseline knows
	now   *today
	memo  *code.Memo // the last point's files
}

// skipError is a sampled commit with nothing to measure.
type skipError struct{ reason string }

func (e *skipError) Error() string { return e.reason }

func errorsAs(err error, target **skipError) bool { return errors.As(err, target) }

// point measures one sampled commit, or reads it from the cache. A point
// read from the cache is returned; one measured is loaded, and finish
// clusters and measures it: the caller may run it beside the next
// point's load.
func (rp *replay) point(c history.Commit, anc func(string) map[string]bool, key string) (p schema.TrendPoint, finish func() schema.TrendPoint, err error) {
	snap, co, err := snapshotOf(rp.objects, c.Hash)
	if err != nil {
		return schema.TrendPoint{}, nil, err
	}
	var fsys fs.FS = snap
	if rp.prefix != "." {
		if fsys, err = fs.Sub(snap, rp.prefix); err != nil {
			return schema.TrendPoint{}, nil, err
		}
	}
	// The mapping to today's paths is cheap, from the tree alone, and a
	// later rename changes it: it is part of the cached point's name.
	moved := rp.moves(fsys)
	pkey := key
	if key != "" {
		pkey = movesKey(key, moved)
	}
	if p, ok := readPoint(rp.tc.CacheDir, c.Hash, pkey); ok {
		return p, nil, nil
	}
	fsys = newReadOnce(fsys, func(name string) (string, bool) {
		return snap.ContentHash(path.Join(rp.prefix, name))
	})
	name := rp.repo.Root + "@" + c.Hash[:12]
	at, err := repo.LocateFS(fsys, name, rp.rules)
	inferred := ""
	if errors.Is(err, repo.ErrNoModule) {
		// Before go.mod (GOPATH days) the import paths still say what
		// the module path was.
		if inferred, err = inferModule(fsys, rp.rules); err != nil {
			return schema.TrendPoint{}, nil, &skipError{"no go.mod, and " + err.Error()}
		}
		at = &repo.Repo{Root: name, FS: fsys, Modules: []repo.Module{{Dir: ".", Path: inferred}}}
	} else if err != nil {
		return schema.TrendPoint{}, nil, err
	}
	at.Root = rp.repo.Root
	// Paths are reported as on disk, so that history's paths (relative
	// to the git root) map onto packages the same way.
	at.GitRoot = rp.repo.GitRoot
	cc := rp.cfg
	cc.Syntax = true
	cc.NoContexts = true
	cc.Progress, cc.Log, cc.Cache = nil, nil, ""
	// History comes from the one log, below.
	cc.Signals = slices.DeleteFunc(slices.Clone(signalsOf(rp.cfg)), func(s schema.Signal) bool { return s == schema.SignalHistory })
	// Consecutive points share most files: each parses only those that
	// differ from the previous point's.
	if rp.memo == nil {
		if salt, ok := memoSalt(cc); ok {
			rp.memo = code.NewMemo(salt)
		}
	}
	o := loadOptions{memo: rp.memo}
	if rp.cfg.wants(schema.SignalHistory) {
		o.coChange = func(g *code.Graph) *History { return rp.coChange(g, anc(c.Hash)) }
	}
	a, err := run(at, rp.rules, cc, o)
	if rp.memo != nil {
		rp.memo.Next()
	}
	if err != nil {
		return schema.TrendPoint{}, nil, &skipError{err.Error()}
	}
	// The closure holds only what clustering reads: the next point loads
	// beside it.
	n := len(a.Code.Packages)
	a = &Analysis{Config: rp.cfg, Graph: a.Graph, History: a.History}
	return schema.TrendPoint{}, func() schema.TrendPoint { return rp.measure(a, n, c, co.Message, inferred, moved, pkey) }, nil
}

// measure clusters (or checks against the baseline) one loaded point of
// n packages and writes it to the cache. The baseline's partition is at
// today's paths, so the point's graph is moved there to be checked; a
// point reclustered is clustered at its own paths, as an analysis of the
// commit is (the engine's node order and the path rules depend on them:
// clustered at today's paths, 9 of stackrox's 12 points came out
// otherwise, one with 34 contexts where its checkout has 44), and then
// moved.
func (rp *replay) measure(a *Analysis, n int, c history.Commit, message, inferred string, moved map[string]string, pkey string) schema.TrendPoint {
	g := a.Graph.Renamed(moved)
	p := schema.TrendPoint{Commit: c.Hash, Date: c.When.UTC().Format(time.RFC3339), Subject: subject(message),
		Packages: n, Module: inferred, Coverage: 1}
	if rp.known != nil {
		known := 0
		for _, n := range g.Nodes() {
			if rp.known[n.Path] {
				known++
			}
		}
		p.Coverage = float64(known) / float64(max(g.Len(), 1))
	}
	for _, to := range moved {
		if rp.known == nil || rp.known[to] {
			p.Mapped++
		}
	}
	if !rp.tc.Recluster {
		p.Metrics = figures(clean(baseline.Check(baselineOf(rp.tc.Baseline), g, baseline.Tolerances{}).Metrics))
	} else {
		a.Partition = cluster.Cluster(a.Graph, a.Config.Cluster).Renamed(moved)
		a.Graph = g
		if a.History != nil {
			// Ranking reads the commits' packages beside the partition's.
			// A point shows only its contexts' ids and its metrics, which
			// see the ranking only through the order in which
			// KeepIdentity matches contexts to the baseline's; the ranking
			// itself is tested in graph/rank (TestRankRenamed).
			h := *a.History
			h.CoChange = h.CoChange.Renamed(moved)
			a.History = &h
		}
		a.rankContexts()
		var prev []baseline.Context
		if rp.tc.Baseline != nil {
			// The point's packages are at today's paths: the contexts
			// match the baseline's by package overlap.
			prev = baselineOf(rp.tc.Baseline).Contexts
			baseline.KeepIdentity(prev, a.Contexts)
		}
		for _, ctx := range a.Contexts {
			p.ContextIDs = append(p.ContextIDs, ctx.ID)
			if slices.ContainsFunc(prev, func(x baseline.Context) bool { return x.ID == ctx.ID }) {
				p.Kept++
			}
		}
		slices.Sort(p.ContextIDs)
		p.Metrics = figures(clean(*a.Metrics))
	}
	writePoint(rp.tc.CacheDir, c.Hash, pkey, p)
	return p
}

// signalsOf is the configuration's signals, all of them when it names none.
func signalsOf(cfg Config) []schema.Signal {
	if cfg.Signals == nil {
		return schema.Signals
	}
	return cfg.Signals
}

// coChange aggregates the commits among anc (a point's ancestors) to the
// point's packages g, as historyOf does for the commits reachable from
// the head it mines: renames are followed to the point's paths. The
// trend mines no churn, so its commits carry none.
func (rp *replay) coChange(g *code.Graph, anc map[string]bool) *History {
	sub := &history.Log{}
	for _, c := range rp.log.Commits {
		if anc[c.Hash] {
			sub.Commits = append(sub.Commits, c)
		}
	}
	renames := sub.RenamesByContent()
	pkgs := map[string]bool{}
	for _, p := range g.Packages {
		pkgs[p.Dir] = true
	}
	generated := map[string]bool{}
	for _, f := range g.Generated {
		generated[f] = true
	}
	all, _ := scope.New(rp.cfg.Exclude, true)
	commits := coChangeCommits(sub.Commits, renames, rp.cfg.History.CoChange.MaxCommitFiles)
	h := cochange.Aggregate(commits, rp.cfg.History.CoChange, cochange.Files{
		PackageOf: func(f string) (string, bool) {
			rel, ok := goPath(rp.prefix, f)
			if !ok {
				return "", false
			}
			d := path.Dir(rel)
			return d, pkgs[d]
		},
		Skip: once(func(f string) bool {
			rel, ok := goPath(rp.prefix, f)
			return ok && (generated[rel] || all.Excluded(rel))
		}),
	})
	return &History{Commits: h.Commits, CoChange: h}
}

// clean rounds away the sign of negative zeros, which print as -0.0000
// and read as a regression that is not there.
func clean(f metrics.Figures) metrics.Figures {
	z := func(x *float64) {
		if *x == 0 {
			*x = 0
		}
	}
	for _, x := range []*float64{&f.Modularity, &f.SM, &f.ICP, &f.IFN, &f.NED, &f.MQ} {
		z(x)
	}
	for l := range f.LayerModularity {
		z(&f.LayerModularity[l])
	}
	return f
}

// inferModule finds the module path of a tree without go.mod from its
// imports: the path P that most imports "P/dir" name a directory dir of
// the tree with Go files in. The tree's root is taken as the module's.
func inferModule(fsys fs.FS, rules *scope.Rules) (string, error) {
	dirs := map[string]bool{}
	var files []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && p != "." && (rules.SkipDir(p) || d.Name() == "Godeps"):
			return fs.SkipDir
		case d.IsDir() || !strings.HasSuffix(p, ".go"):
			return nil
		}
		dirs[path.Dir(p)] = true
		files = append(files, p)
		return nil
	})
	if len(files) == 0 {
		return "", errors.New("no Go files")
	}
	votes := map[string]int{}
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			continue
		}
		af, _ := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly|parser.SkipObjectResolution)
		if af == nil {
			continue
		}
		for _, spec := range af.Imports {
			ip, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				continue
			}
			for i := strings.IndexByte(ip, '/'); i >= 0; {
				if dirs[ip[i+1:]] && strings.Contains(ip[:i], ".") {
					votes[ip[:i]]++
				}
				j := strings.IndexByte(ip[i+1:], '/')
				if j < 0 {
					break
				}
				i += j + 1
			}
		}
	}
	best, n := "", 0
	for _, m := range slices.Sorted(maps.Keys(votes)) {
		if votes[m] > n {
			best, n = m, votes[m]
		}
	}
	if best == "" {
		return "", errors.New("no import names a directory of the tree, so the module path cannot be inferred")
	}
	return best, nil
}
