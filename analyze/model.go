package analyze

import (
	"cmp"
	"maps"
	"path"
	"slices"
	"strconv"
	"time"

	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/metrics"
	"github.com/seams-tool/seams/graph/plan"
	"github.com/seams-tool/seams/graph/rank"
	"github.com/seams-tool/seams/report/schema"
)

// Model assembles the seams/v1 model from the analysis: the one place
// where the in-memory results become the JSON schema.
func (a *Analysis) Model() *schema.Model {
	r := a.Repo
	m := &schema.Model{
		Schema:   schema.Version,
		Repo:     schema.Repo{Root: r.Root, GitRoot: r.GitRoot, Head: a.Head},
		Tool:     schema.Tool{Version: a.Config.Version},
		Settings: settings(a.Config),
		Signals:  a.health(),
		Warnings: a.Warnings,
	}
	for _, mod := range r.Modules {
		m.Repo.Modules = append(m.Repo.Modules, schema.Module{Path: mod.Path, Dir: mod.Dir})
	}
	m.Packages = a.packages()
	if a.Config.wants(schema.SignalImports) {
		for _, e := range a.Code.Imports {
			m.Imports = append(m.Imports, schema.Import{From: e.From, To: e.To, Weight: e.Files, At: e.At})
		}
	}
	if h := a.History.coChange(); h != nil {
		for _, p := range h.Pairs {
			m.CoChange = append(m.CoChange, schema.CoChange{A: p.A, B: p.B, Shared: p.Shared, Degree: p.Degree, P: p.P})
		}
	}
	m.Tables = tablesOf(a.SQL)
	plans := plan.Build(a.Graph, a.Contexts, a.History.coChange())
	for i, c := range a.Contexts {
		sc := contextOf(c)
		sc.Plan = a.planOf(plans[i])
		m.Contexts = append(m.Contexts, sc)
	}
	for _, l := range rank.Links(a.Contexts) {
		strength := map[schema.Layer]int{}
		for layer, v := range map[graph.Layer]int{graph.Imports: l.Files, graph.Data: len(l.Tables), graph.CoChange: l.CoChange} {
			if v > 0 {
				strength[schema.Layers[layer]] = v
			}
		}
		m.Links = append(m.Links, schema.ContextLink{From: l.From, To: l.To, Imports: l.Imports, Files: l.Files, Tables: l.Tables, CoChange: l.CoChange, Strength: strength})
	}
	m.Coupling = coupling(a.Graph)
	for _, l := range a.Layers {
		t := schema.Tier{Dir: l.Dir}
		for _, s := range l.Slices {
			t.Slices = append(t.Slices, schema.TierSlice{Name: s.Name, Packages: s.Packages})
		}
		m.Layers = append(m.Layers, t)
	}
	if a.Partition != nil {
		m.Unplaced = a.Partition.Unplaced
	}
	if a.Metrics != nil {
		f := figures(*a.Metrics)
		m.Metrics = &f
	}
	a.view(m)
	return m
}

// settings records the settings that shaped a model.
func settings(c Config) schema.Settings {
	s := schema.Settings{
		Signals: c.Signals,
		Exclude: c.Exclude,
		Tests:   c.Tests,
		Loader:  "auto",
		History: schema.HistorySettings{
			Ref:            c.History.Ref,
			WindowMonths:   c.History.CoChange.WindowMonths,
			MaxCommitFiles: c.History.CoChange.MaxCommitFiles,
			MinShared:      c.History.CoChange.MinShared,
			Bots:           c.History.CoChange.Bots,
			CodeFiles:      c.History.CoChange.CodeFiles,
		},
		SQL:        schema.SQLSettings{Dialect: c.SQL.Dialect, Ignore: c.SQL.Ignore, Generated: !c.SQL.NoGenerated},
		Vocabulary: schema.VocabularySettings(c.Vocabulary),
		Weights:    map[schema.Layer]float64{},
		Seed:       c.Cluster.Seed,
		Restarts:   c.Cluster.Restarts,
		Resolution: c.Cluster.Resolution,
		Shared:     c.Cluster.Shared,
		Declared:   c.Cluster.Declared,
	}
	if s.Signals == nil {
		s.Signals = schema.Signals
	}
	if c.Syntax {
		s.Loader = "syntax"
	}
	if !c.History.Since.IsZero() {
		s.History.Since = c.History.Since.UTC().Format(time.RFC3339)
	}
	if !c.History.Until.IsZero() {
		s.History.Until = c.History.Until.UTC().Format(time.RFC3339)
	}
	for l, w := range c.Weights {
		s.Weights[schema.Layers[l]] = w
	}
	return s
}

// health reports each signal's status with the figures behind it.
func (a *Analysis) health() schema.Health {
	var h schema.Health
	st := func(s schema.Signal) schema.SignalHealth {
		x := a.Status[s]
		return schema.SignalHealth{Status: x.Status, Detail: x.Detail}
	}
	g := a.Code
	h.Imports = schema.ImportsHealth{SignalHealth: st(schema.SignalImports), Loader: g.Loader, FallbackReason: g.FallbackReason,
		Files: g.Files, ExcludedFiles: g.Excluded, GeneratedFiles: len(g.Generated), Generated: g.Generated}
	h.SQL.SignalHealth = st(schema.SignalSQL)
	if res := a.SQL; res != nil {
		h.SQL.Dialect, h.SQL.DialectReason = res.Dialect, res.DialectReason
		h.SQL.Statements, h.SQL.Parsed, h.SQL.Scanned, h.SQL.NotUnderstood = res.Found, res.Parsed, res.Scanned, res.Unknown
		h.SQL.ORM, h.SQL.Generated, h.SQL.Tests = res.ORM, res.Generated, res.Tests
		if len(res.ByDialect) > 0 {
			h.SQL.ByDialect = res.ByDialect
		}
	}
	h.Vocabulary.SignalHealth = st(schema.SignalVocabulary)
	if v := a.Vocabulary; v != nil {
		h.Vocabulary.Pairs = len(v.Pairs)
		h.Vocabulary.Common = v.Common[:min(len(v.Common), 50)]
		h.Vocabulary.Terms = v.Terms
	}
	h.History.SignalHealth = st(schema.SignalHistory)
	if a.Config.wants(schema.SignalHistory) {
		h.History.Ref = a.Config.History.Ref
	}
	if hist := a.History; hist != nil {
		c := hist.CoChange
		h.History.Commits, h.History.Used, h.History.Shallow = c.Commits, c.Used, hist.Shallow
		h.History.Filtered = schema.HistoryFilters{Merges: hist.Merges, Bots: c.Bots, Bulk: c.Bulk, MissingObjects: hist.Missing,
			SkippedFiles: c.SkipFiles, OutsideOnly: c.OutsideOnly, NonCodeOnly: c.NonCodeOnly, PairsBelowMin: c.PairsBelow}
		h.History.MaxCommitFiles, h.History.MinShared, h.History.WindowMonths = c.MaxCommitFiles, c.MinShared, c.WindowMonths
		if c.Commits > 0 {
			h.History.WindowStart = c.WindowStart.UTC().Format(time.RFC3339)
			h.History.WindowEnd = c.WindowEnd.UTC().Format(time.RFC3339)
		}
		if a.Config.Timings {
			h.History.Timings = &schema.Timings{ElapsedMS: hist.ElapsedMS, CacheHits: hist.CacheHits}
		}
	}
	return h
}

// contextIDs maps each package in a context to the context's id.
func (a *Analysis) contextIDs() map[string]string {
	ctxOf := map[string]string{}
	for _, c := range a.Contexts {
		for _, p := range c.Packages {
			ctxOf[p] = c.ID
		}
	}
	return ctxOf
}

// packages lists every package with what each signal found of it.
func (a *Analysis) packages() []schema.Package {
	ctxOf := a.contextIDs()
	topTerms := map[string][]string{}
	if a.Vocabulary != nil {
		for _, p := range a.Vocabulary.Packages {
			for _, t := range p.Top {
				topTerms[p.Dir] = append(topTerms[p.Dir], t.Word)
			}
		}
	}
	// The history names files from the git root; packages live below the
	// Go root, which may lie deeper.
	prefix := repo.Rel(a.Repo.GitRoot, a.Repo.Root)
	gitPath := func(f string) string {
		if prefix == "." || a.Repo.GitRoot == "" {
			return f
		}
		return prefix + "/" + f
	}
	var out []schema.Package
	for _, p := range a.Code.Packages {
		sp := schema.Package{Path: p.Dir, ImportPath: p.ImportPath, Files: len(p.Files), LOC: p.LOC, Main: p.Main(),
			StdImports: p.StdImports, DepImports: p.DepImports}
		if a.SQL != nil {
			for _, pt := range a.SQL.Packages[p.Dir] {
				sp.Tables = append(sp.Tables, schema.PackageTable{Name: pt.Name, Access: schema.Access(pt.Access), Via: schema.Via(pt.Via)})
			}
		}
		if terms, ok := topTerms[p.Dir]; ok {
			sp.Terms = terms
		}
		h := a.History.coChange()
		groupOf := map[string]string{}
		for _, g := range a.FileGroups[p.Dir] {
			for _, f := range g.Files {
				groupOf[f] = g.Name
			}
		}
		for i, f := range p.Files {
			src := schema.SourceFile{Name: path.Base(f), Group: groupOf[path.Base(f)]}
			if i < len(p.FileLOC) {
				src.LOC = p.FileLOC[i]
			}
			if h != nil {
				fw := h.FileWindow[gitPath(f)]
				src.Revisions, src.Churn = fw.Revisions, fw.Churn
			}
			sp.Sources = append(sp.Sources, src)
		}
		sp.Parts = a.partsOf(p, ctxOf)
		if h != nil {
			if ph := h.Packages[p.Dir]; ph != nil {
				sp.History = &schema.PackageHistory{
					Revisions: ph.Revisions, Authors: ph.Authors,
					FirstCommit: ph.FirstCommit.UTC().Format(time.RFC3339),
					LastCommit:  ph.LastCommit.UTC().Format(time.RFC3339),
					Window:      schema.WindowFigures(ph.Window),
				}
			}
		}
		if part := a.Partition; part != nil {
			if why := part.Shared[p.Dir]; why != "" {
				sp.Shared = why
			} else if why := part.Tooling[p.Dir]; why != "" {
				sp.Tooling = why
			} else if id, ok := ctxOf[p.Dir]; ok {
				sp.Context, sp.Confidence = id, part.Confidence[p.Dir]
				sp.Delivery = part.Delivery[p.Dir]
			}
		}
		out = append(out, sp)
	}
	return out
}

// tablesOf lists every table with its readers, writers and definers.
func tablesOf(res *tables.Result) []schema.Table {
	if res == nil {
		return nil
	}
	// The first statement through which a package reads, writes or
	// defines a table: where check points when that access is new.
	at := map[[3]string]string{}
	sites := map[[3]string][]schema.TableSite{}
	for _, st := range res.Statements {
		for _, acc := range st.Tables {
			k := [3]string{st.Package, acc.Table, acc.Access}
			if _, ok := at[k]; !ok {
				at[k] = st.Where
			}
			sites[k] = append(sites[k], schema.TableSite{At: st.Where, How: st.How})
		}
	}
	users := func(us []tables.User, access, table string) []schema.TableUser {
		out := []schema.TableUser{}
		for _, u := range us {
			tu := schema.TableUser{Package: u.Package, Via: schema.ViaDirect}
			switch {
			case u.Carried:
				tu.Via = schema.ViaCarried
			default:
				if u.ORM {
					tu.Via = schema.ViaORM
				}
				k := [3]string{u.Package, table, access}
				tu.At, tu.Sites = at[k], sites[k]
			}
			out = append(out, tu)
		}
		return out
	}
	var out []schema.Table
	for _, t := range res.Tables {
		out = append(out, schema.Table{
			Name:    t.Name,
			Dropped: t.Dropped, DroppedAt: t.DroppedAt, RenamedTo: t.RenamedTo,
			Readers: users(t.Readers, tables.Read, t.Name),
			Writers: users(t.Writers, tables.Write, t.Name),
			DDL:     users(t.DDL, tables.DDL, t.Name),
		})
	}
	return out
}

func contextOf(c rank.Context) schema.Context {
	sc := schema.Context{ID: c.ID, Name: c.Name, Packages: c.Packages, Terms: c.Terms, LOC: c.LOC,
		Pressure: scoreOf(c.Pressure), Risk: scoreOf(c.Risk), Order: c.Order, Band: c.Band, Reason: c.Reason, Heat: c.Heat, Split: c.Split, Joined: c.Joined, Delivery: c.Delivery, Apart: c.Apart}
	if c.DataLayer != nil {
		sc.DataLayer = &schema.DataLayer{Tables: c.DataLayer.Tables, Of: c.DataLayer.Of}
	}
	if c.Small != nil {
		sc.Small = &schema.Small{Share: c.Small.Share, Partner: c.Small.Partner}
	}
	for _, t := range c.Tables {
		sc.Tables = append(sc.Tables, schema.ContextTable{Name: t.Name, Access: schema.JoinAccess(t.Read, t.Write, t.DDL), Shared: t.Shared, SharedWrite: t.SharedWrite})
	}
	for _, e := range c.Cut.Inbound {
		sc.Cut.Inbound = append(sc.Cut.Inbound, schema.CutImport(e))
	}
	for _, e := range c.Cut.Outbound {
		sc.Cut.Outbound = append(sc.Cut.Outbound, schema.CutImport(e))
	}
	for _, t := range c.Cut.Tables {
		sc.Cut.Tables = append(sc.Cut.Tables, schema.CutTable(t))
	}
	for _, p := range c.Cut.CoChange {
		sc.Cut.CoChange = append(sc.Cut.CoChange, schema.CutPair(p))
	}
	return sc
}

func scoreOf(s rank.Score) schema.Score {
	out := schema.Score{Score: s.Value, Low: s.Low, High: s.High}
	for _, in := range s.Inputs {
		out.Inputs = append(out.Inputs, schema.Input(in))
	}
	return out
}

// figures writes a partition's metrics in the schema's form.
func figures(f metrics.Figures) schema.Figures {
	out := schema.Figures{Contexts: f.Contexts, Shared: f.Shared, Tooling: f.Tooling, Unplaced: f.Unplaced,
		SM: f.SM, ICP: f.ICP, IFN: f.IFN, NED: f.NED, MQ: f.MQ,
		CrossContextImports: f.CrossContextImports, SharedWriteTables: f.SharedWriteTables}
	out.Modularity.Fused = f.Modularity
	for l, q := range f.LayerModularity {
		out.Modularity.Set(schema.Layers[l], q)
	}
	return out
}

// coupling lists each coupled package pair's weight in every layer and
// fused, over the whole repository, for the dependency structure matrix.
func coupling(g *graph.Graph) []schema.Coupling {
	type pair struct{ a, b int }
	w := map[pair]*schema.Coupling{}
	get := func(e graph.Edge) *schema.Coupling {
		k := pair{e.A, e.B}
		if w[k] == nil {
			w[k] = &schema.Coupling{A: g.Path(e.A), B: g.Path(e.B)}
		}
		return w[k]
	}
	for l := range graph.NumLayers {
		for _, e := range g.Layer(l) {
			v := sig4(e.W)
			switch l {
			case graph.Imports:
				get(e).Imports = v
			case graph.Data:
				get(e).Data = v
			case graph.CoChange:
				get(e).CoChange = v
			case graph.Vocabulary:
				get(e).Vocabulary = v
			}
		}
	}
	for _, e := range g.Fused() {
		get(e).Fused = sig4(e.W)
	}
	keys := slices.SortedFunc(maps.Keys(w), func(x, y pair) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	out := make([]schema.Coupling, len(keys))
	for i, k := range keys {
		out[i] = *w[k]
	}
	return out
}

// sig4 keeps 4 significant digits of a normalized weight, which spans
// many orders of magnitude: enough to draw it, and stable in the file.
func sig4(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 4, 64), 64)
	return v
}

// planOf writes a context's plan in the schema's form.
func (a *Analysis) planOf(p plan.Plan) *schema.Plan {
	sp := &schema.Plan{Commits: p.Commits, Concentration: p.Concentration}
	if s := a.Symbols; s != nil && s.Calls > 0 {
		sp.UnresolvedCalls = float64(int(1000*float64(s.Unresolved)/float64(s.Calls)+0.5)) / 1000
	}
	for _, s := range p.API {
		sp.API = append(sp.API, schema.PlanSymbol(s))
	}
	for _, s := range p.Uses {
		sp.Uses = append(sp.Uses, schema.PlanSymbol(s))
	}
	for _, f := range p.Publishes {
		sp.Publishes = append(sp.Publishes, schema.PlanFlow(f))
	}
	for _, f := range p.Consumes {
		sp.Consumes = append(sp.Consumes, schema.PlanFlow(f))
	}
	for _, w := range p.SharedWrites {
		sw := schema.PlanSharedWrite{Table: w.Table, Verbs: w.Verbs, Contexts: w.Contexts, Owner: w.Owner}
		for _, s := range w.Sites {
			sw.Sites = append(sw.Sites, schema.PlanSites(s))
		}
		sp.SharedWrites = append(sp.SharedWrites, sw)
	}
	for _, o := range p.Owners {
		sp.Owners = append(sp.Owners, schema.PlanOwner(o))
	}
	for _, h := range p.Homonyms {
		sp.Homonyms = append(sp.Homonyms, schema.PlanHomonym(h))
	}
	for _, s := range p.Steps {
		sp.Steps = append(sp.Steps, schema.PlanStep(s))
	}
	return sp
}
