package report_test

import (
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"time"

	"github.com/seams-tool/seams/analyze"
	"github.com/seams-tool/seams/analyze/code"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/metrics"
	"github.com/seams-tool/seams/graph/rank"
	"github.com/seams-tool/seams/report/schema"
)

// generated builds the analysis of a made-up monolith of about n
// packages in k domains (a quarter of them in the first), as analyze
// would have it: a domain's packages
// import each other, some import other domains (a few against the
// layering, for cycles), all import a platform kernel; each domain
// writes its own tables and reads some of others' (five are written by
// two); a history of 3n commits mostly within one domain; and the
// warnings a repository without its module cache gives. Its contexts are
// the planted domains, ranked and measured by graph/rank and
// graph/metrics, so Model gives the model a real run would.
func generated(n, k int) *analyze.Analysis {
	rng := rand.New(rand.NewPCG(7, uint64(n)))
	words := []string{"billing", "catalog", "ordering", "identity", "shipping", "search", "pricing", "inventory", "payments", "reviews",
		"notifications", "analytics", "accounts", "returns", "loyalty", "fraud", "support", "reporting", "tax", "media",
		"recommendations", "subscriptions", "warehouse", "vendors", "compliance", "auth", "audit", "cart", "checkout", "ledger"}
	subs := []string{"api", "store", "domain", "events", "jobs", "client", "model", "handlers", "rules", "cache"}
	nKernel := max(8, n/50)
	var kernel []string
	for i := range nKernel {
		kernel = append(kernel, fmt.Sprintf("internal/platform/%s%d", subs[i%len(subs)], i/len(subs)))
	}
	// The first domain is a quarter of the code: real monoliths have one
	// context much larger than the others, and the page must open it.
	domains := make([][]string, k)
	others := 0
	for i := range n - nKernel {
		d := 0
		if i%4 != 0 {
			d = 1 + others%(k-1)
			others++
		}
		name := words[d%len(words)]
		if d >= len(words) {
			name += fmt.Sprint(d / len(words))
		}
		j := len(domains[d])
		domains[d] = append(domains[d], fmt.Sprintf("internal/%s/%s/%s%d", name, subs[j%len(subs)], subs[(j/3)%len(subs)], j))
	}
	cg := &code.Graph{Loader: code.LoaderPackages}
	loc := map[string]int{}
	all := slices.Concat(append(slices.Clone(domains), kernel)...)
	slices.Sort(all)
	for _, p := range all {
		loc[p] = 40 + int(rng.ExpFloat64()*600)
		files := 1 + loc[p]/200
		pk := &code.Package{Dir: p, ImportPath: "example.com/gen/" + p, Name: path.Base(p), LOC: loc[p], StdImports: 3, DepImports: 1}
		for f := range files {
			pk.Files = append(pk.Files, fmt.Sprintf("%s/f%d.go", p, f))
			// The package's lines, split over its files; the first file
			// takes what does not divide.
			n := loc[p] / files
			if f == 0 {
				n += loc[p] % files
			}
			pk.FileLOC = append(pk.FileLOC, n)
		}
		cg.Packages = append(cg.Packages, pk)
		cg.Files += files
	}
	imports := map[[2]string]int{}
	for d, ps := range domains {
		for i, p := range ps {
			for range 1 + rng.IntN(3) {
				if i > 0 {
					imports[[2]string{p, ps[rng.IntN(i)]}] = 1 + rng.IntN(3)
				}
			}
			imports[[2]string{p, kernel[rng.IntN(len(kernel))]}] = 1 + rng.IntN(2)
			if rng.Float64() < 0.12 {
				o := rng.IntN(k)
				if o > d && rng.Float64() < 0.8 { // mostly layered: higher domains import lower ones
					o = rng.IntN(max(d, 1))
				}
				if o != d {
					imports[[2]string{p, domains[o][rng.IntN(len(domains[o]))]}] = 1 + rng.IntN(4)
				}
			}
		}
	}
	for e, files := range imports {
		cg.Imports = append(cg.Imports, code.Import{From: e[0], To: e[1], Files: files, At: e[0] + "/f0.go:3"})
	}
	slices.SortFunc(cg.Imports, func(a, b code.Import) int {
		if a.From != b.From {
			return cmpString(a.From, b.From)
		}
		return cmpString(a.To, b.To)
	})
	// Tables: six a domain, written by its store packages, read by a
	// neighbour; five written by two domains; four of every domain's but
	// the first written by the first too (a data layer); all defined by a
	// migrations package of the kernel.
	sql := &tables.Result{Dialect: "postgres", DialectReason: "generated", Packages: map[string][]tables.PackageTable{}}
	users := map[string]map[string]map[string]string{} // table -> access -> package -> via
	use := func(t, access, p, via string) {
		if users[t] == nil {
			users[t] = map[string]map[string]string{}
		}
		if users[t][access] == nil {
			users[t][access] = map[string]string{}
		}
		users[t][access][p] = via
	}
	for d, ps := range domains {
		for j := range 6 {
			t := fmt.Sprintf("%s_%s", path.Base(path.Dir(path.Dir(ps[0]))), subs[j])
			use(t, tables.Write, ps[(j*3+1)%len(ps)], tables.Direct)
			use(t, tables.Read, ps[(j*5+2)%len(ps)], tables.Direct)
			use(t, tables.DDL, kernel[0], tables.Direct)
			if j == 0 {
				o := domains[(d+1)%k]
				use(t, tables.Read, o[j%len(o)], tables.Carried)
			}
			if j == 1 && d < 5 {
				o := domains[(d+3)%k]
				use(t, tables.Write, o[1%len(o)], tables.Direct)
			}
			// The first domain's first package writes four tables of
			// every other domain too: a data layer, as one store package
			// writing everything is in many monoliths.
			if d > 0 && j >= 2 {
				use(t, tables.Write, domains[0][0], tables.Direct)
			}
		}
	}
	var uses []graph.TableUse
	for _, t := range sortedKeys(users) {
		tt := tables.Table{Name: t}
		for _, access := range []string{tables.Read, tables.Write, tables.DDL} {
			for _, p := range sortedKeys(users[t][access]) {
				via := users[t][access][p]
				u := tables.User{Package: p, Carried: via == tables.Carried}
				switch access {
				case tables.Read:
					tt.Readers = append(tt.Readers, u)
				case tables.Write:
					tt.Writers = append(tt.Writers, u)
				default:
					tt.DDL = append(tt.DDL, u)
				}
				sql.Packages[p] = append(sql.Packages[p], tables.PackageTable{Name: t, Access: access, Via: via})
				uses = append(uses, graph.TableUse{Package: p, Table: t, Write: access == tables.Write, DDL: access == tables.DDL, Carried: via == tables.Carried})
				sql.Statements = append(sql.Statements, tables.Statement{Where: p + "/f0.go:10", Package: p, Tables: []tables.Access{{Table: t, Access: access}}})
				sql.Found++
				sql.Parsed++
			}
		}
		sql.Tables = append(sql.Tables, tt)
	}
	for p := range sql.Packages {
		slices.SortFunc(sql.Packages[p], func(a, b tables.PackageTable) int { return cmpString(a.Name+a.Access, b.Name+b.Access) })
	}
	slices.SortFunc(uses, func(a, b graph.TableUse) int { return cmpString(a.Package+"\x00"+a.Table, b.Package+"\x00"+b.Table) })
	// History: 3n commits over two years by 40 authors; some domains are
	// hot, some quiet.
	end := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	var commits []cochange.Commit
	heat := make([]float64, k)
	for d := range heat {
		heat[d] = rng.ExpFloat64()
	}
	pick := func() int {
		x := rng.Float64() * sumOf(heat)
		for d, h := range heat {
			if x -= h; x <= 0 {
				return d
			}
		}
		return k - 1
	}
	for i := range 3 * n {
		d := pick()
		c := cochange.Commit{Hash: fmt.Sprintf("%040x", i), When: end.Add(-time.Duration(rng.Float64()*730*24) * time.Hour), Author: fmt.Sprintf("dev%02d", rng.IntN(40))}
		ps := domains[d]
		base := rng.IntN(len(ps))
		for j := range 1 + rng.IntN(5) {
			c.Files = append(c.Files, cochange.FileChange{Path: ps[(base+j*(1+rng.IntN(3)))%len(ps)] + "/f0.go", Churn: 1 + rng.IntN(80)})
		}
		if rng.Float64() < 0.15 {
			o := domains[rng.IntN(k)]
			c.Files = append(c.Files, cochange.FileChange{Path: o[rng.IntN(len(o))] + "/f0.go", Churn: 1 + rng.IntN(40)})
		}
		commits = append(commits, c)
	}
	slices.SortFunc(commits, func(a, b cochange.Commit) int { return a.When.Compare(b.When) })
	h := cochange.Aggregate(commits, cochange.DefaultOptions(), cochange.Files{PackageOf: func(f string) (string, bool) { return path.Dir(f), true }})
	g := graph.New(graph.Input{Nodes: nodes(cg), Imports: graphImports(cg), Tables: uses, CoChange: h.Pairs}, graph.DefaultWeights())
	part := cluster.FromMembers(domains, make([]string, k))
	for _, p := range kernel {
		part.Shared[p] = "imported by most contexts"
	}
	for _, ps := range domains {
		for _, p := range ps {
			part.Confidence[p] = 0.75 + 0.25*rng.Float64()
		}
	}
	cs := rank.Contexts(g, part, h)
	f := metrics.Measure(g, part)
	cfg := analyze.DefaultConfig()
	cfg.Version = "test"
	a := &analyze.Analysis{Config: cfg, Repo: &repo.Repo{Root: "/src/generated", Modules: []repo.Module{{Dir: ".", Path: "example.com/gen"}}},
		Head: "0123456789abcdef0123456789abcdef01234567", Code: cg, SQL: sql, History: &analyze.History{Commits: len(commits), CoChange: h},
		Status: map[schema.Signal]analyze.Status{
			schema.SignalImports:    {Status: schema.StatusPartial, Detail: "generated; 460 warnings"},
			schema.SignalSQL:        {Status: schema.StatusOK, Detail: "generated"},
			schema.SignalHistory:    {Status: schema.StatusOK, Detail: "generated"},
			schema.SignalVocabulary: {Status: schema.StatusOff, Detail: "not generated"},
		},
		Graph: g, Partition: part, Contexts: cs, Metrics: &f}
	for i := range 460 {
		a.Warnings = append(a.Warnings, schema.Warning{Signal: "imports", Message: "module lookup disabled by GOPROXY=off",
			Where: fmt.Sprintf("/root/go/pkg/mod/github.com/vendor%d/lib@v1.%d.0/x.go:%d:2", i%12, i%12, i)})
	}
	for i := range 8 {
		a.Warnings = append(a.Warnings, schema.Warning{Signal: "sql", Message: fmt.Sprintf("SQL not understood (select): SELECT %d FROM ?", i), Where: fmt.Sprintf("%s/f0.go:%d", all[i], i+1)})
	}
	return a
}

func nodes(cg *code.Graph) []graph.Node {
	var out []graph.Node
	for _, p := range cg.Packages {
		out = append(out, graph.Node{Path: p.Dir, LOC: p.LOC})
	}
	return out
}

func graphImports(cg *code.Graph) []graph.Import {
	var out []graph.Import
	for _, e := range cg.Imports {
		out = append(out, graph.Import{From: e.From, To: e.To, Files: e.Files, At: e.At})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sumOf(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
