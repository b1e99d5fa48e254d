package analyze

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/seams-tool/seams/analyze/code"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/analyze/symbols"
	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/analyze/vocab"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/metrics"
	"github.com/seams-tool/seams/graph/rank"
	"github.com/seams-tool/seams/graph/tiers"
	"github.com/seams-tool/seams/report/schema"
)

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

// Run analyzes the repository at cfg.Dir. It fails only when the
// configuration cannot be used or there is nothing to analyze at all;
// a signal that cannot be computed is a Status and warnings instead.
func Run(cfg Config) (*Analysis, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Progress != nil {
		defer cfg.Progress("", 0, 0) // the run is over
	}
	r, rules, err := locate(cfg)
	if err != nil {
		return nil, err
	}
	var key string
	if cfg.Cache != "" {
		key = cacheKey(cfg, r, rules)
		if a := loadAnalysis(cfg.Cache, r.Root, key); a != nil {
			a.Config, a.Repo = cfg, r
			a.fuse()
			return a, nil
		}
	}
	// A run whose analysis is not cached keeps what each file gave, by
	// its contents: the next run on a new commit parses only what changed.
	var memo *code.Memo
	rerun := false
	if salt, ok := memoSalt(cfg); ok && cfg.Cache != "" {
		memo, rerun = loadMemo(cfg.Cache, r.Root, salt)
	}
	a, err := run(r, rules, cfg, loadOptions{memo: memo, rerun: rerun})
	if err != nil {
		return nil, err
	}
	var stored sync.WaitGroup
	if key != "" {
		stored.Go(func() { storeAnalysis(cfg.Cache, r.Root, key, a) })
	}
	if memo != nil && memo.Changed() {
		stored.Go(func() { storeMemo(cfg.Cache, r.Root, memo) })
	}
	stored.Wait()
	return a, nil
}

// testHookHistoryBesideLoad, when set, is called as a run starts reading
// the history beside the package load.
var testHookHistoryBesideLoad func()

// loadOptions are how a run gets what it does not read from cfg.
type loadOptions struct {
	// memo, if not nil, remembers and recalls the files.
	memo *code.Memo
	// rerun says that an earlier run of this seams left the memo (and so,
	// most likely, its history cache too, which lives beside it).
	rerun bool
	// coChange, if set, gives the co-change history of the loaded
	// packages from elsewhere (a trend's one log); it runs beside the
	// resolutions.
	coChange func(*code.Graph) *History
}

// run analyzes a located repository, on disk or in a commit's tree. On a
// rerun the history is read beside the package load: most files are
// recalled, not parsed. A cold mining beside a full parse would hold the
// packfile's pages and the parsed files at once, over the memory a run
// may take, for little time on two cores.
func run(r *repo.Repo, rules *scope.Rules, cfg Config, o loadOptions) (*Analysis, error) {
	memo, rerun := o.memo, o.rerun
	a := &Analysis{Config: cfg, Repo: r, Status: map[schema.Signal]Status{}}
	if r.FS == nil {
		var err error
		if a.Head, err = head(r.GitRoot); err != nil {
			a.warn(schema.SignalHistory, "reading HEAD: "+err.Error(), "")
		}
	}

	// The import graph is the skeleton every other signal hangs on: it
	// defines the packages. It is loaded even when not asked for as a
	// signal, and only its edges are then left out.
	// Without the imports signal only the packages and their files are
	// needed: go/build's matching of files to build constraints gives
	// them, without the go command (3.7 of 4.7 s on a 1,700-package
	// repository).
	opt := code.Options{Rules: rules, Syntax: cfg.Syntax || !cfg.wants(schema.SignalImports), Context: cfg.Context}
	// SQL and the vocabulary live in the same Go files the import graph
	// parses: parse each once, in full, and hand the tree to both.
	var sql *tables.Collector
	var voc *vocab.Collector
	var sym *symbols.Collector
	wantSym, wantSQL, wantVoc := wantedCollectors(cfg)
	if wantSym {
		sym = symbols.NewCollector()
	}
	if wantSQL {
		o := cfg.SQL
		o.Tests = cfg.Tests
		sql = tables.NewCollector(o)
	}
	if wantVoc {
		voc = vocab.NewCollector()
	}
	// The files' vocabularies are kept for the parts of the packages too
	// large to place whole (parts.go), known only once all are loaded.
	var kept *keptVocabulary
	if voc != nil && !cfg.NoContexts {
		kept = &keptVocabulary{}
	}
	// Nothing may hold col past the load: its collectors' state is most
	// of the memory a run takes.
	col := collectors{sym: sym, sql: sql, voc: voc, kept: kept}
	if !col.on() {
		memo = nil // nothing parses the files in full: nothing to remember
	} else {
		opt.Visit = func(f code.File) []byte { return col.visit(f, memo != nil) }
	}
	if memo != nil {
		opt.Memo = memo
		opt.Recall = col.recall
	}
	step, phase := cfg.stepper(), cfg.phase
	var mined chan minedLog
	if rerun && cfg.wants(schema.SignalHistory) {
		if testHookHistoryBesideLoad != nil {
			testHookHistoryBesideLoad()
		}
		mined = make(chan minedLog, 1)
		go func() { mined <- a.readLog(nil) }()
	}
	phase("load")
	g, err := code.Load(r, opt)
	if err != nil {
		if mined != nil {
			<-mined // the walk reads the repository: let it end first
		}
		return nil, fmt.Errorf("%w: %v", ErrNothingToAnalyze, err)
	}
	a.Code = g
	if memo != nil {
		step("loaded %d packages with %s (%d files; of the %d Go files read, %d were unchanged since the last run and not parsed again)",
			len(g.Packages), g.Loader, g.Files, g.Read, g.Recalled)
	} else {
		step("loaded %d packages with %s (%d files)", len(g.Packages), g.Loader, g.Files)
	}
	// On a rerun the history's aggregation by package runs beside the
	// resolutions too.
	var historyDone chan historySignal
	if mined != nil {
		historyDone = make(chan historySignal, 1)
		go func() { historyDone <- a.historyOf(<-mined) }()
	}
	var supplied chan *History
	if o.coChange != nil {
		supplied = make(chan *History, 1)
		go func() { supplied <- o.coChange(g) }()
	}
	// The symbols' and the SQL's resolution are independent: on two
	// cores they take the time of the longer one.
	var symResult *symbols.Result
	var finishing sync.WaitGroup
	if sym != nil {
		finishing.Go(func() { symResult = sym.Finish() })
	}
	if sql != nil {
		phase("sql")
		a.SQL = sql.Finish(r.Files(), rules.SkipDir, rules.UserExcluded)
	}
	finishing.Wait()
	if symResult != nil {
		a.Symbols = symbolsOf(symResult)
		a.declFile = declFiles(symResult, g)
	}
	a.importsStatus()
	if sql != nil {
		a.sqlStatus()
		step("read %d SQL statements touching %d tables", a.SQL.Found, len(a.SQL.Tables))
	}
	if cfg.wants(schema.SignalHistory) {
		var hs historySignal
		if historyDone != nil {
			hs = <-historyDone
		} else {
			hs = a.historyOf(a.readLog(cfg.progress("history")))
		}
		hs.apply(a)
		step("mined history: %s", a.Status[schema.SignalHistory].Detail)
	}
	if supplied != nil {
		a.History = <-supplied
	}
	if a.FileGroups == nil {
		// Without history the files' names alone group them.
		a.FileGroups = groupFiles(g, nil, cochange.Options{}, nil)
	}
	if !cfg.NoContexts {
		a.parts = newFileParts(g, a.FileGroups)
	}
	if voc != nil {
		phase("vocabulary")
		a.vocabulary(voc)
		if a.parts != nil && kept != nil {
			a.partVoc = a.partVocabulary(a.parts, kept)
		}
		kept = nil
		step("compared vocabularies: %s", a.Status[schema.SignalVocabulary].Detail)
	}
	for _, s := range []schema.Signal{schema.SignalSQL, schema.SignalHistory, schema.SignalVocabulary} {
		if !cfg.wants(s) {
			a.Status[s] = Status{schema.StatusOff, "not requested (--signals)"}
		}
	}
	phase("cluster")
	a.fuse()
	if !cfg.NoContexts {
		a.findContexts()
		a.warnLargePackages()
		step("clustered into %d candidate contexts", len(a.Contexts))
	}
	slices.SortStableFunc(a.Warnings, func(x, y schema.Warning) int {
		return cmp.Or(cmp.Compare(x.Signal, y.Signal), cmp.Compare(x.Where, y.Where), cmp.Compare(x.Message, y.Message))
	})
	return a, nil
}

func (a *Analysis) warn(s schema.Signal, msg, where string) {
	a.Warnings = append(a.Warnings, schema.Warning{Signal: string(s), Message: msg, Where: where})
}

// fuse builds the coupling graph from the signals, once: clustering,
// ranking, metrics, baseline and check all read this one graph.
func (a *Analysis) fuse() {
	var in graph.Input
	for _, p := range a.Code.Packages {
		in.Nodes = append(in.Nodes, graph.Node{Path: p.Dir, LOC: p.LOC, Main: p.Main()})
	}
	if a.Config.wants(schema.SignalImports) {
		for _, e := range a.Code.Imports {
			in.Imports = append(in.Imports, graph.Import{From: e.From, To: e.To, Files: e.Files, At: e.At})
		}
	}
	in.Tables = tableUses(a.Code, a.SQL)
	in.CoChange = a.History.pairs()
	if a.Symbols != nil {
		in.Uses, in.Homonyms = a.Symbols.Uses, a.Symbols.Homonyms
	}
	layers := a.layers()
	a.Layers = layers
	if a.Vocabulary != nil {
		in.CommonTerms = a.Vocabulary.Common
		in.Terms = map[string][]graph.Term{}
		for _, p := range a.Vocabulary.Packages {
			for _, t := range p.Top {
				// Four significant digits: what the report's page gets
				// to name a what-if's contexts exactly as Go does.
				in.Terms[p.Dir] = append(in.Terms[p.Dir], graph.Term{Word: t.Word, Weight: sig4(t.Weight)})
			}
		}
	}
	if a.Vocabulary != nil {
		for _, p := range a.Vocabulary.Pairs {
			in.Vocabulary = append(in.Vocabulary, graph.Similar{A: p.A, B: p.B, Similarity: p.Weight})
		}
		// The slices of one domain in several technical layers share the
		// domain's name: the surest words of their vocabulary.
		for _, p := range tiers.Aligned(layers) {
			in.Vocabulary = append(in.Vocabulary, graph.Similar{A: p.A, B: p.B, Similarity: alignedSimilarity})
		}
	}
	if len(a.Repo.Modules) > 1 {
		in.Module = moduleOf(a.Repo.Modules)
	}
	if len(layers) > 0 {
		in.SameLayer = tiers.SameLayer(layers)
		in.Sliced = map[string]bool{}
		for _, l := range layers {
			in.LayerDirs = append(in.LayerDirs, l.Dir)
			for _, s := range l.Slices {
				for _, p := range s.Packages {
					in.Sliced[p] = true
				}
			}
		}
		slices.Sort(in.LayerDirs)
	}
	a.Graph = graph.New(in, a.Config.Weights)
	a.partGraph = nil
	if a.parts != nil {
		var pairs []cochange.Pair
		if a.History != nil {
			pairs = a.History.PartPairs
		}
		a.partGraph = graph.New(a.partInput(in, a.parts, a.declFile, a.partVoc, pairs), a.Config.Weights)
	}
}

// tableUses lists each package's table accesses, by package, then
// table, with the first statement through which it has each direct one.
func tableUses(g *code.Graph, res *tables.Result) []graph.TableUse {
	if res == nil {
		return nil
	}
	at := map[[3]string]string{}
	sites := map[[3]string][]string{}
	verbs := map[[3]string][]string{}
	for _, st := range res.Statements {
		for _, acc := range st.Tables {
			k := [3]string{st.Package, acc.Table, acc.Access}
			if _, ok := at[k]; !ok {
				at[k] = st.Where
			}
			sites[k] = append(sites[k], st.Where)
			if !slices.Contains(verbs[k], st.Kind) {
				verbs[k] = append(verbs[k], st.Kind)
			}
		}
	}
	dropped := map[string]bool{}
	for _, t := range res.Tables {
		dropped[t.Name] = t.Dropped
	}
	var uses []graph.TableUse
	for _, p := range g.Packages {
		for _, pt := range res.Packages[p.Dir] {
			// A table later migrations dropped couples nobody today.
			if dropped[pt.Name] {
				continue
			}
			u := graph.TableUse{Package: p.Dir, Table: pt.Name,
				Write: pt.Access == tables.Write, DDL: pt.Access == tables.DDL, Carried: pt.Via == tables.Carried}
			if !u.Carried {
				k := [3]string{p.Dir, pt.Name, pt.Access}
				u.At, u.Sites, u.Verbs = at[k], sites[k], slices.Sorted(slices.Values(verbs[k]))
			}
			uses = append(uses, u)
		}
	}
	slices.SortStableFunc(uses, func(x, y graph.TableUse) int {
		return cmp.Or(cmp.Compare(x.Package, y.Package), cmp.Compare(x.Table, y.Table))
	})
	return uses
}

// findContexts clusters, ranks and measures.
func (a *Analysis) findContexts() {
	if a.partGraph != nil {
		// Clustered by their parts, the large packages go where most
		// of their lines do; the ranking and the figures see packages.
		a.Partition = cluster.Cluster(a.partGraph, a.Config.Cluster).Gather(a.partGraph)
	} else {
		a.Partition = cluster.Cluster(a.Graph, a.Config.Cluster)
	}
	a.rankContexts()
}

// rankContexts ranks and measures the partition's contexts.
func (a *Analysis) rankContexts() {
	a.Contexts = rank.Contexts(a.Graph, a.Partition, a.History.coChange())
	m := metrics.Measure(a.Graph, a.Partition)
	a.Metrics = &m
	if len(a.Contexts) == 0 {
		a.Warnings = append(a.Warnings, schema.Warning{Signal: "contexts", Message: fmt.Sprintf("no candidate contexts: %d packages, none coupled to another outside the shared kernel", a.Graph.Len())})
	}
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

// layers finds the repository's technical layers from its package paths.
func (a *Analysis) layers() []tiers.Layer {
	paths := make([]string, len(a.Code.Packages))
	for i, p := range a.Code.Packages {
		paths[i] = p.Dir
	}
	imports := make([]tiers.Import, len(a.Code.Imports))
	for i, e := range a.Code.Imports {
		imports[i] = tiers.Import{From: e.From, To: e.To}
	}
	return tiers.Detect(paths, imports)
}

// alignedSimilarity is the vocabulary weight of two slices of one domain
// in two technical layers: as alike as a domain's packages typically are.
// Measured on ten ground truths, stronger alignment split single domains
// along the sub-layers inside them (a registry by package format).
const alignedSimilarity = 0.3

// symbolsOf keeps of the symbols' result what the plans use: uses from
// hand-written, non-test code, and the homonyms.
func symbolsOf(r *symbols.Result) *Symbols {
	s := &Symbols{Homonyms: map[string][]string{}, Calls: r.Calls.OnValues, Unresolved: r.Calls.NoMember + r.Calls.Unresolved}
	for _, u := range r.Uses {
		if n := u.Sites - u.Test; n > 0 {
			s.Uses = append(s.Uses, graph.SymbolUse{From: u.From, To: u.To, Symbol: u.Symbol, Kind: u.Kind, Sites: n})
		}
	}
	for _, h := range r.Homonyms {
		s.Homonyms[h.Name] = h.Pkgs
	}
	return s
}

// moduleOf maps a package directory to the directory of the module that
// holds it: the deepest module at or above it ("" for none).
func moduleOf(mods []repo.Module) func(string) string {
	dirs := make([]string, len(mods))
	for i, m := range mods {
		dirs[i] = m.Dir
	}
	// Deepest first, so that a nested module wins over its parent.
	slices.SortFunc(dirs, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return func(p string) string {
		for _, d := range dirs {
			if d == "." || p == d || strings.HasPrefix(p, d+"/") {
				return d
			}
		}
		return ""
	}
}
