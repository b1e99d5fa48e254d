package plan

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/rank"
)

// Plan is the strangler plan of one candidate context.
type Plan struct {
	Context string // the context's id
	// API is what code of other contexts uses of the context, most used
	// first; Uses what the context uses of other contexts.
	API, Uses []Symbol
	// Publishes are the tables it writes that other contexts read;
	// Consumes the tables it reads that other contexts write.
	Publishes, Consumes []Flow
	// SharedWrites are the tables it writes with its own SQL together
	// with other contexts.
	SharedWrites []SharedWrite
	// Owners are the authors of the window's commits that touched it,
	// most commits first (bots left out); Commits counts those commits,
	// and Concentration is the sum of the owners' squared shares: 1 when
	// one person does everything, 1/n for n people alike.
	Owners        []Owner
	Commits       int
	Concentration float64
	// Homonyms are the exported type names it declares that other
	// contexts declare too.
	Homonyms []Homonym
	// Steps are the plan in words.
	Steps []Step
}

// Symbol is an exported declaration used across the context boundary.
type Symbol struct {
	Package string // the declaring package
	Symbol  string // "F", "T", "T.M"
	Kind    string // func, method, type, var, const, field
	// UsedBy are the packages that use it: of other contexts for the API,
	// of this context for its Uses. Contexts are the ids of the other side:
	// the users' contexts for the API, the declaring context for Uses.
	// Both sorted.
	UsedBy   []string
	Contexts []string
	Sites    int // use sites
}

// Flow is a table one context writes and another reads.
type Flow struct {
	Table string
	// Verbs are the writers' changes as events: created (insert), updated
	// (update), deleted (delete), and any other write's statement kind.
	Verbs []string
	// Contexts are the other side: the readers of what the context
	// publishes, the writers of what it consumes.
	Contexts []string
}

// SharedWrite is a table several contexts write with their own SQL.
type SharedWrite struct {
	Table    string
	Verbs    []string // this context's writes as events
	Contexts []string // the other writers
	// Owner is the context that writes it most: the one to keep writing
	// it once the dual write is over.
	Owner string
	// Sites are each writing context's write statements, by context id.
	Sites []Sites
}

// Sites are one context's statements on a table.
type Sites struct {
	Context string
	Sites   []string // file:line, sorted
}

// Owner is an author's share of a context's recent commits.
type Owner struct {
	Author  string
	Commits int
	Share   float64
}

// Homonym is a type name declared in the context and in other contexts.
type Homonym struct {
	Type      string
	Packages  []string // the context's packages declaring it
	Elsewhere []string // other contexts' packages declaring it
	Contexts  []string // those contexts' ids
}

// Step is one step of the plan, in the articles' order.
type Step struct {
	Kind string // events, read-model, facade, dual-write, ownership, callbacks, retire
	Text string
}

// maxOwners is how many owners a plan lists.
const maxOwners = 5

// Build writes the plan of every context, in the order of contexts. h is
// the history, nil without one.
func Build(g *graph.Graph, contexts []rank.Context, h *cochange.History) []Plan {
	ctxOf := map[string]string{}
	for _, c := range contexts {
		for _, p := range c.Packages {
			ctxOf[p] = c.ID
		}
	}
	names := map[string]string{}
	for _, c := range contexts {
		names[c.ID] = c.Name
	}
	plans := make([]Plan, len(contexts))
	tables := tableAccess(g, ctxOf)
	crossing := crossingUses(g, ctxOf)
	for i, c := range contexts {
		p := &plans[i]
		p.Context = c.ID
		p.API, p.Uses = symbols(crossing[c.ID], ctxOf, c.ID)
		p.Publishes, p.Consumes, p.SharedWrites = flows(tables, c.ID)
		p.Owners, p.Commits, p.Concentration = owners(h, c)
		p.Homonyms = homonyms(g, ctxOf, c.ID)
		p.Steps = steps(p, c, names)
	}
	return plans
}

// crossingUses lists, per context, the symbol uses that cross its
// boundary, in the graph's order: one pass over the uses, rather than
// one per context.
func crossingUses(g *graph.Graph, ctxOf map[string]string) map[string][]graph.SymbolUse {
	out := map[string][]graph.SymbolUse{}
	for _, u := range g.Uses() {
		from, to := ctxOf[u.From], ctxOf[u.To]
		if from == "" || to == "" || from == to {
			continue
		}
		out[from] = append(out[from], u)
		out[to] = append(out[to], u)
	}
	return out
}

// symbols gathers the uses across the boundary of context id, given
// those that cross it.
func symbols(crossing []graph.SymbolUse, ctxOf map[string]string, id string) (api, uses []Symbol) {
	type key struct{ pkg, sym string }
	in, out := map[key]*Symbol{}, map[key]*Symbol{}
	add := func(m map[key]*Symbol, u graph.SymbolUse, other string) {
		k := key{u.To, u.Symbol}
		s := m[k]
		if s == nil {
			s = &Symbol{Package: u.To, Symbol: u.Symbol, Kind: u.Kind}
			m[k] = s
		}
		if !slices.Contains(s.UsedBy, u.From) {
			s.UsedBy = append(s.UsedBy, u.From)
		}
		if !slices.Contains(s.Contexts, other) {
			s.Contexts = append(s.Contexts, other)
		}
		s.Sites += u.Sites
	}
	for _, u := range crossing {
		from, to := ctxOf[u.From], ctxOf[u.To]
		switch {
		case to == id:
			add(in, u, from)
		case from == id:
			add(out, u, to)
		}
	}
	return sorted(in), sorted(out)
}

func sorted[K comparable](m map[K]*Symbol) []Symbol {
	out := make([]Symbol, 0, len(m))
	for _, s := range m {
		slices.Sort(s.UsedBy)
		slices.Sort(s.Contexts)
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b Symbol) int {
		return cmp.Or(cmp.Compare(b.Sites, a.Sites), cmp.Compare(a.Package, b.Package), cmp.Compare(a.Symbol, b.Symbol))
	})
	return out
}

// access is how the contexts touch one table.
type access struct {
	writers map[string]int      // context -> packages writing it with their own SQL
	sites   map[string][]string // context -> write statements
	verbs   map[string][]string // context -> write verbs as events
	readers map[string]bool     // contexts reading it with their own SQL (a read through a call is an API call)
}

func tableAccess(g *graph.Graph, ctxOf map[string]string) map[string]*access {
	out := map[string]*access{}
	for _, u := range g.Tables() {
		c := ctxOf[u.Package]
		if c == "" || u.DDL {
			continue
		}
		a := out[u.Table]
		if a == nil {
			a = &access{writers: map[string]int{}, sites: map[string][]string{}, verbs: map[string][]string{}, readers: map[string]bool{}}
			out[u.Table] = a
		}
		switch {
		case u.Write && !u.Carried:
			a.writers[c]++
			a.sites[c] = append(a.sites[c], u.Sites...)
			for _, v := range u.Verbs {
				if e := event(v); e != "" && !slices.Contains(a.verbs[c], e) {
					a.verbs[c] = append(a.verbs[c], e)
				}
			}
		case !u.Write && !u.Carried:
			a.readers[c] = true
		}
	}
	for _, a := range out {
		for c := range a.sites {
			slices.Sort(a.sites[c])
			a.sites[c] = slices.Compact(a.sites[c])
			slices.Sort(a.verbs[c])
		}
	}
	return out
}

// event names a write as the event it would publish.
func event(verb string) string {
	switch verb {
	case "insert":
		return "created"
	case "update":
		return "updated"
	case "delete":
		return "deleted"
	case "select", "ddl", "":
		return ""
	}
	return verb
}

// flows are the tables of context id that cross its boundary.
func flows(tables map[string]*access, id string) (publishes, consumes []Flow, shared []SharedWrite) {
	for _, t := range slices.Sorted(maps.Keys(tables)) {
		a := tables[t]
		writes := a.writers[id] > 0
		var readers, writers []string
		for c := range a.readers {
			if c != id && a.writers[c] == 0 {
				readers = append(readers, c)
			}
		}
		for c := range a.writers {
			if c != id {
				writers = append(writers, c)
			}
		}
		slices.Sort(readers)
		slices.Sort(writers)
		switch {
		case writes && len(writers) > 0:
			sw := SharedWrite{Table: t, Verbs: a.verbs[id], Contexts: writers, Owner: owner(a)}
			for _, c := range slices.Sorted(maps.Keys(a.sites)) {
				sw.Sites = append(sw.Sites, Sites{Context: c, Sites: a.sites[c]})
			}
			shared = append(shared, sw)
			if len(readers) > 0 {
				publishes = append(publishes, Flow{Table: t, Verbs: a.verbs[id], Contexts: readers})
			}
		case writes && len(readers) > 0:
			publishes = append(publishes, Flow{Table: t, Verbs: a.verbs[id], Contexts: readers})
		case !writes && a.readers[id] && len(writers) > 0:
			var verbs []string
			for _, c := range writers {
				verbs = append(verbs, a.verbs[c]...)
			}
			slices.Sort(verbs)
			consumes = append(consumes, Flow{Table: t, Verbs: slices.Compact(verbs), Contexts: writers})
		}
	}
	return publishes, consumes, shared
}

// owner is the context with the most packages writing the table, ties to
// the smaller id.
func owner(a *access) string {
	best, n := "", 0
	for _, c := range slices.Sorted(maps.Keys(a.writers)) {
		if a.writers[c] > n {
			best, n = c, a.writers[c]
		}
	}
	return best
}

// owners counts the authors of the window's commits that touched c.
func owners(h *cochange.History, c rank.Context) ([]Owner, int, float64) {
	if h == nil {
		return nil, 0, 0
	}
	in := map[string]bool{}
	for _, p := range c.Packages {
		in[p] = true
	}
	by := map[string]int{}
	total := 0
	for _, cm := range h.UsedCommits {
		if !cm.When.After(h.WindowStart) || !slices.ContainsFunc(cm.Packages, func(p string) bool { return in[p] }) {
			continue
		}
		by[cm.Author]++
		total++
	}
	var out []Owner
	hhi := 0.0
	for _, a := range slices.Sorted(maps.Keys(by)) {
		share := float64(by[a]) / float64(total)
		hhi += share * share
		out = append(out, Owner{Author: a, Commits: by[a], Share: round(share)})
	}
	slices.SortStableFunc(out, func(x, y Owner) int { return cmp.Compare(y.Commits, x.Commits) })
	return out[:min(len(out), maxOwners)], total, round(hhi)
}

func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// homonyms are the exported type names of context id that other
// contexts declare too.
func homonyms(g *graph.Graph, ctxOf map[string]string, id string) []Homonym {
	var out []Homonym
	hs := g.Homonyms()
	for _, name := range slices.Sorted(maps.Keys(hs)) {
		h := Homonym{Type: name}
		for _, p := range hs[name] {
			switch c := ctxOf[p]; {
			case c == id:
				h.Packages = append(h.Packages, p)
			case c != "":
				h.Elsewhere = append(h.Elsewhere, p)
				if !slices.Contains(h.Contexts, c) {
					h.Contexts = append(h.Contexts, c)
				}
			}
		}
		if len(h.Packages) > 0 && len(h.Elsewhere) > 0 {
			slices.Sort(h.Contexts)
			out = append(out, h)
		}
	}
	return out
}

// steps writes the plan in words, in the strangler-fig migration's order:
// events first, then the read model, the facade, the dual writes and the
// shift of ownership, the calls back, and the retirement of the old code.
// Contexts are named in the text, by names, an id -> name map.
func steps(p *Plan, c rank.Context, names map[string]string) []Step {
	var out []Step
	name := func(ids ...string) string {
		var ns []string
		for _, id := range ids {
			ns = append(ns, cmp.Or(names[id], id))
		}
		return strings.Join(ns, ", ")
	}
	add := func(kind, format string, a ...any) {
		out = append(out, Step{Kind: kind, Text: fmt.Sprintf(format, a...)})
	}
	if len(p.Publishes) > 0 {
		var ev []string
		for _, f := range p.Publishes[:min(3, len(p.Publishes))] {
			ev = append(ev, fmt.Sprintf("%s %s", f.Table, orAll(f.Verbs)))
		}
		readers := map[string]bool{}
		for _, f := range p.Publishes {
			for _, r := range f.Contexts {
				readers[r] = true
			}
		}
		add("events", "Capture the events others need: publish %s%s (%s, read by %s).", strings.Join(ev, "; "), more(len(p.Publishes), 3), plural(len(p.Publishes), "table"), name(slices.Sorted(maps.Keys(readers))...))
	}
	if len(p.Consumes) > 0 {
		var ts []string
		for _, f := range p.Consumes[:min(3, len(p.Consumes))] {
			ts = append(ts, f.Table)
		}
		add("read-model", "Build a read model of %s%s from the events of the contexts that write them, before reading them from the service.", strings.Join(ts, ", "), more(len(p.Consumes), 3))
	}
	if len(p.API) > 0 {
		sites, users := 0, map[string]bool{}
		for _, s := range p.API {
			sites += s.Sites
			for _, u := range s.UsedBy {
				users[u] = true
			}
		}
		var top []string
		for _, s := range p.API[:min(5, len(p.API))] {
			top = append(top, s.Package+"."+s.Symbol)
		}
		add("facade", "Put the %s other contexts use (%s in %s) behind an anti-corruption facade, starting with %s.", plural(len(p.API), "symbol"), plural(sites, "use site"), plural(len(users), "package"), strings.Join(top, ", "))
	}
	for _, sw := range p.SharedWrites {
		add("dual-write", "Dual-write %s with %s during the move, and reconcile the copies with a periodic job.", sw.Table, name(sw.Contexts...))
		if sw.Owner == p.Context {
			add("ownership", "Shift write ownership of %s to this context: it writes it most; the others then call it.", sw.Table)
		} else {
			add("ownership", "Shift write ownership of %s to %s, which writes it most; this context then calls it.", sw.Table, name(sw.Owner))
		}
	}
	if len(p.Uses) > 0 {
		ctxs := map[string]bool{}
		for _, s := range p.Uses {
			for _, c := range s.Contexts {
				ctxs[c] = true
			}
		}
		add("callbacks", "Call back into the monolith for the %s it uses of %s (%s), until those move too.", plural(len(p.Uses), "symbol"), plural(len(ctxs), "other context"), name(slices.Sorted(maps.Keys(ctxs))...))
	}
	add("retire", "Retire its %s (%d lines) from the monolith once their traffic has moved: %s%s.", plural(len(c.Packages), "package"), c.LOC, strings.Join(c.Packages[:min(3, len(c.Packages))], ", "), more(len(c.Packages), 3))
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func orAll(verbs []string) string {
	if len(verbs) == 0 {
		return "changes"
	}
	return strings.Join(verbs, ", ")
}

func more(n, shown int) string {
	if n > shown {
		return fmt.Sprintf(" and %d more", n-shown)
	}
	return ""
}
