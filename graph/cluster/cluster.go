package cluster

import (
	"fmt"
	"maps"
	"math"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/seams-tool/seams/graph"
)

// Options tune Cluster.
type Options struct {
	Seed       uint64  // the first seed; restart r uses Seed+r
	Restarts   int     // clustering runs; the best modularity wins
	Resolution float64 // modularity resolution gamma: above 1 finds smaller contexts
	// Shared lists glob patterns (path.Match on the package path, with
	// "/**" matching a whole subtree) that pin packages to the shared
	// kernel by hand.
	Shared []string
	// Declared pins packages to named contexts: name -> patterns.
	Declared map[string][]string
	// MinSize is the smallest context kept; smaller ones merge into their
	// strongest neighbour.
	MinSize int
	// NoKernel turns the shared-kernel rule off (pinned ones still count).
	NoKernel bool
	// Tooling are directory names that mark tooling (tools, hack, build,
	// e2e...): such packages, and those only tooling imports, form a group
	// of their own, outside every context and the kernel.
	Tooling []string
	// Libraries are directory names that mark library code by convention
	// (lib, util, common...): a package below one, that imports only
	// shared packages, joins the kernel as soon as code of two areas of
	// the repository imports it.
	Libraries []string
}

// DefaultOptions are the options seams uses unless told otherwise.
func DefaultOptions() Options {
	return Options{Seed: 1, Restarts: 16, Resolution: 1, MinSize: 2, Libraries: slices.Clone(DefaultLibraries), Tooling: slices.Clone(DefaultTooling)}
}

// DefaultLibraries are the directory names that mark library code unless
// the configuration says otherwise. pkg is not one: many monoliths keep
// their domains in pkg/<domain>.
var DefaultLibraries = []string{"common", "commons", "helper", "helpers", "kit", "lib", "libs", "platform", "shared", "support", "testutil", "testutils", "util", "utils", "x"}

// Bounds of the options: past them a run would take hours or say nothing.
const (
	MaxRestarts   = 1000
	MaxResolution = 100
)

// Validate says which option is out of its documented bounds.
func (o Options) Validate() error {
	switch {
	case o.Restarts < 1 || o.Restarts > MaxRestarts:
		return fmt.Errorf("restarts: want 1..%d, got %d", MaxRestarts, o.Restarts)
	case math.IsNaN(o.Resolution) || o.Resolution <= 0 || o.Resolution > MaxResolution:
		return fmt.Errorf("resolution: want a number above 0 and at most %d, got %v", MaxResolution, o.Resolution)
	case o.MinSize < 1:
		return fmt.Errorf("min size: want at least 1, got %d", o.MinSize)
	}
	for _, p := range o.Shared {
		if err := CheckPattern(p); err != nil {
			return fmt.Errorf("shared: %v", err)
		}
	}
	for name, pats := range o.Declared {
		for _, p := range pats {
			if err := CheckPattern(p); err != nil {
				return fmt.Errorf("contexts.%s: %v", name, err)
			}
		}
	}
	return nil
}

// CheckPattern says why p is not a package pattern, if it is not.
func CheckPattern(p string) error {
	base := strings.TrimSuffix(p, "/**")
	if _, err := path.Match(base, ""); err != nil || p == "" {
		return fmt.Errorf("bad package pattern %q", p)
	}
	return nil
}

// Partition is the result of clustering: every package is in exactly one
// of a context, the shared kernel, or the unplaced list.
type Partition struct {
	Members    [][]string         // each context's packages, sorted; contexts sorted by first member
	Declared   []string           // Declared[i] names context i when it was declared, else ""
	Split      []bool             // Split[i] is set when context i is a part of a split context
	Of         map[string]int     // package -> context index
	Confidence map[string]float64 // package -> share of restarts that agree
	Shared     map[string]string  // package -> why it is in the shared kernel
	Tooling    map[string]string  // package -> why it is tooling (tools, generators, tests), in no context
	Unplaced   []string           // packages with no coupling at all, sorted
	// Delivery holds the packages of the delivery layer: the commands and
	// the packages that wire every domain together (an HTTP layer). They
	// form a context, but not one to extract: the strangler's facade
	// stays in front of the services.
	Delivery map[string]bool
}

// Match reports whether the package path p matches a pattern: path.Match
// globs, where a trailing "/**" also matches the directory itself and
// everything below it.
func Match(pattern, p string) bool {
	if base, ok := strings.CutSuffix(pattern, "/**"); ok {
		if ok, _ := path.Match(base, p); ok {
			return true
		}
		for d := path.Dir(p); d != "." && d != "/"; d = path.Dir(d) {
			if ok, _ := path.Match(base, d); ok {
				return true
			}
		}
		return false
	}
	ok, _ := path.Match(pattern, p)
	return ok
}

func matchAny(patterns []string, p string) bool {
	for _, pat := range patterns {
		if Match(pat, p) {
			return true
		}
	}
	return false
}

// Cluster partitions the fused graph into candidate contexts. The
// options must be valid (see Options.Validate).
func Cluster(g *graph.Graph, opt Options) *Partition {
	part := &Partition{Of: map[string]int{}, Confidence: map[string]float64{}, Shared: map[string]string{}, Tooling: map[string]string{}}

	declaredOf := map[string]string{}
	var declNames []string
	for name := range opt.Declared {
		declNames = append(declNames, name)
	}
	sort.Strings(declNames)
	paths := make([]string, g.Len())
	for i, n := range g.Nodes() {
		paths[i] = n.Path
	}
	for _, p := range paths {
		for _, name := range declNames {
			if matchAny(opt.Declared[name], p) {
				declaredOf[p] = name
				break
			}
		}
	}
	for _, p := range paths {
		if declaredOf[p] == "" && matchAny(opt.Shared, p) {
			part.Shared[p] = "pinned by a shared pattern"
		}
	}
	part.Tooling = tooling(g, opt.Tooling, declaredOf)
	for p := range part.Tooling {
		delete(part.Shared, p)
	}
	// out is what clustering leaves out: the kernel and the tooling.
	out := func() map[string]string {
		m := maps.Clone(part.Shared)
		maps.Copy(m, part.Tooling)
		return m
	}
	if !opt.NoKernel {
		// The kernel rule looks at a first clustering: a package is shared
		// when packages of many other contexts import it.
		// The first clustering gets every restart too: with four, which
		// packages came out shared moved with --seed on real repositories
		// (navidrome's ARI against its ground truth ranged 0.16 to 0.23
		// over five seeds), and with it the whole partition.
		for round := 0; round < 2; round++ {
			pre := communities(g.Without(isShared(out())), opt, out(), declaredOf)
			if kernelRule(g, pre, part.Shared, part.Tooling, declaredOf, opt.Libraries) == 0 {
				break
			}
		}
	}
	f := g.Without(isShared(out()))
	best := communities(f, opt, out(), declaredOf)
	deg := f.Degree()
	for i, members := range best.communities {
		var kept []string
		for _, p := range members {
			if j, _ := f.Index(p); deg[j] == 0 && declaredOf[p] == "" {
				part.Unplaced = append(part.Unplaced, p)
				continue
			}
			kept = append(kept, p)
			part.Confidence[p] = best.confidence[p]
		}
		if len(kept) > 0 {
			part.Members = append(part.Members, kept)
			part.Declared = append(part.Declared, best.declared[i])
			part.Split = append(part.Split, false)
		}
	}
	splitLarge(f, part, opt)
	mergeTiny(f, part, opt.MinSize)
	placeEntries(g, part)
	// Taking the entries out can leave a context too small.
	mergeTiny(f, part, opt.MinSize)
	part.normalize()
	sort.Strings(part.Unplaced)
	return part
}

func isShared(shared map[string]string) func(string) bool {
	return func(p string) bool { return shared[p] != "" }
}

// untiedWords names each layer's evidence in a utility's reason.
var untiedWords = map[graph.Layer]string{graph.Data: "its tables", graph.CoChange: "its history", graph.Vocabulary: "its words"}

// kernelRule marks as shared the packages that form the platform under
// the contexts, and returns how many it added. With n the contexts of two
// or more packages in a first clustering, a package is shared when
//
//   - packages of at least max(3, ceil(n/2)) contexts other than its own
//     import it, and at least half of its counted importers lie outside
//     its own context; or
//   - the shared kernel imports it, and so do packages of at least
//     max(3, ceil(n/2))-1 contexts (the kernel counts as one more):
//     configuration read by db and by two domains; or
//   - it defines (DDL, with its own SQL) tables that max(3, ceil(n/2))
//     other contexts use, and its own context uses fewer than half of
//     them: the monolith's schema, such as a migrations package, and not
//     a domain that lets others read its tables; or
//   - it imports only shared packages, and every package that imports it
//     is shared, a command, or an aggregator of another context
//     (migrations that only db imports; an aggregator's own context's
//     packages are its parts, as HTTP middleware is the HTTP layer's); or
//   - it imports only shared packages and is library code: below a
//     directory named as in Options.Libraries (lib, util, common...) and
//     imported from two areas of the repository (see graph.Area), or
//     imported by minLibraryUsers packages spread over the contexts with a
//     participation coefficient of at least minParticipation; or
//   - it imports only shared packages, some package of a context imports
//     it, and its own context holds it by imports alone: no package of
//     that context shares its words, its history or its tables (a
//     utility that one domain happens to use; ground truths written by
//     people put it in the platform).
//
// Importers that are commands (package main) or aggregators (packages
// that themselves import packages of max(3, ceil(n/2)) or more contexts,
// such as an HTTP layer) do not count: they import everything, so being
// imported by them says nothing about being platform. Without that,
// catalog, used by ordering and by the HTTP layer, would pass for
// platform; log and db, used by every domain, do.
func kernelRule(g *graph.Graph, pre clustering, shared, tooling, declaredOf map[string]string, libraries []string) int {
	ctxOf := map[string]int{}
	n := 0
	for i, c := range pre.communities {
		for _, p := range c {
			ctxOf[p] = i
		}
		if len(c) >= 2 {
			n++
		}
	}
	need := max(3, (n+1)/2)
	importers := map[string][]string{}
	deps := map[string][]string{}
	kernelUsers := map[string]int{}      // package -> shared packages importing it
	reaches := map[string]map[int]bool{} // package -> other contexts it imports
	for _, e := range g.Imports() {
		if e.From == e.To {
			continue
		}
		importers[e.To] = append(importers[e.To], e.From)
		deps[e.From] = append(deps[e.From], e.To)
		if shared[e.From] != "" {
			kernelUsers[e.To]++
		}
		if c, ok := ctxOf[e.To]; ok && shared[e.To] == "" && c != ctxOfOr(ctxOf, e.From) {
			if reaches[e.From] == nil {
				reaches[e.From] = map[int]bool{}
			}
			reaches[e.From][c] = true
		}
	}
	ignore := map[string]bool{}
	isMain := map[string]bool{}
	for _, nd := range g.Nodes() {
		// Tooling counts as commands do: it uses the monolith, it is not
		// part of it.
		isMain[nd.Path] = nd.Main || tooling[nd.Path] != ""
		if isMain[nd.Path] || len(reaches[nd.Path]) >= need {
			ignore[nd.Path] = true
		}
	}
	added := 0
	for _, nd := range g.Nodes() {
		p := nd.Path
		if shared[p] != "" || declaredOf[p] != "" || tooling[p] != "" {
			continue
		}
		own, ok := ctxOf[p]
		if !ok {
			continue
		}
		others, any := map[int]bool{}, map[int]bool{}
		outside, counted := 0, 0
		for _, q := range importers[p] {
			if ignore[q] || shared[q] != "" {
				continue
			}
			counted++
			c, ok := ctxOf[q]
			if ok {
				any[c] = true
			}
			if ok && c != own {
				others[c] = true
				outside++
			}
		}
		switch {
		case len(others) >= need && 2*outside >= counted:
			shared[p] = fmt.Sprintf("imported by packages of %d other contexts (%d of %d importers outside its own, commands and aggregators not counted)", len(others), outside, counted)
			added++
		case kernelUsers[p] > 0 && len(any) >= need-1:
			shared[p] = fmt.Sprintf("imported by the shared kernel and by packages of %d contexts besides", len(any))
			added++
		}
	}
	// A package that defines (DDL) tables that many contexts use is the
	// schema of the whole monolith: migrations belong to no one context.
	defines := map[string]map[string]bool{}
	usedBy := map[string]map[int]bool{}
	for _, u := range g.Tables() {
		// A package that calls into the schema's code does not define it.
		if u.DDL && !u.Carried {
			if defines[u.Package] == nil {
				defines[u.Package] = map[string]bool{}
			}
			defines[u.Package][u.Table] = true
		} else if c, ok := ctxOf[u.Package]; ok && shared[u.Package] == "" && !u.DDL {
			if usedBy[u.Table] == nil {
				usedBy[u.Table] = map[int]bool{}
			}
			usedBy[u.Table][c] = true
		}
	}
	for _, nd := range g.Nodes() {
		p := nd.Path
		if shared[p] != "" || declaredOf[p] != "" || len(defines[p]) == 0 || isMain[p] {
			continue
		}
		ctxs := map[int]bool{}
		own := 0
		for t := range defines[p] {
			for c := range usedBy[t] {
				if c != ctxOf[p] {
					ctxs[c] = true
				}
			}
			if usedBy[t][ctxOf[p]] {
				own++
			}
		}
		// A domain that defines its own tables and lets others read them
		// keeps them: the schema is what no one context mostly uses.
		if len(ctxs) >= need && 2*own < len(defines[p]) {
			shared[p] = fmt.Sprintf("defines tables that %d other contexts use: the schema", len(ctxs))
			added++
		}
	}
	onlyShared := func(p string) bool {
		for _, d := range deps[p] {
			if shared[d] == "" {
				return false
			}
		}
		return true
	}
	// participation is how evenly a package's importers spread over the
	// contexts of the first clustering, commands and the kernel left out:
	// 1 - sum over contexts of (share of importers there)^2 (Guimerà and
	// Amaral's participation coefficient). A library that code all over
	// the repository uses has a high one, whatever context the clustering
	// gave the library itself; a domain's store, used by its own context
	// and one other, a low one.
	participation := func(p string) (n int, pc float64) {
		per := map[int]int{}
		for _, q := range importers[p] {
			if isMain[q] || shared[q] != "" {
				continue
			}
			n++
			per[ctxOfOr(ctxOf, q)]++
		}
		return n, participationOf(per)
	}
	// library says whether a package lies below a library directory and
	// code of at least two areas imports it.
	library := func(p string) (bool, int) {
		segs := strings.Split(p, "/")
		if !slices.ContainsFunc(segs, func(s string) bool { return slices.Contains(libraries, s) }) {
			return false, 0
		}
		areas := map[string]bool{}
		for _, q := range importers[p] {
			if !isMain[q] {
				areas[graph.Area(q, 1)] = true
			}
		}
		return len(areas) >= 2, len(areas)
	}
	// untied says whether p's own context of the first clustering holds it
	// by imports alone: no package of it shares p's words, its history or
	// its tables. A leaf that its importers' domain shares nothing else
	// with is a utility they use (a csv reader, a retry helper), which the
	// clustering attached to them because nothing else pulls on it. Only
	// the layers that carry evidence count; with none, nothing is untied.
	var evidence []graph.Layer
	var names []string
	for _, l := range []graph.Layer{graph.Data, graph.CoChange, graph.Vocabulary} {
		if g.Weights()[l] > 0 && len(g.Layer(l)) > 0 {
			evidence = append(evidence, l)
			names = append(names, untiedWords[l])
		}
	}
	untiedBy := "no package of it shares " + strings.Join(names, ", ")
	tied := map[string]bool{}
	for _, l := range evidence {
		for _, e := range g.Layer(l) {
			a, b := g.Path(e.A), g.Path(e.B)
			if ca, ok := ctxOf[a]; ok && ca == ctxOfOr(ctxOf, b) && shared[a] == "" && shared[b] == "" {
				tied[a], tied[b] = true, true
			}
		}
	}
	untied := func(p string) bool { return len(evidence) > 0 && !tied[p] }
	for changed := true; changed; {
		changed = false
		for _, nd := range g.Nodes() {
			p := nd.Path
			if shared[p] != "" || declaredOf[p] != "" || tooling[p] != "" || len(importers[p]) == 0 {
				continue
			}
			all, byShared := true, true
			for _, q := range importers[p] {
				// An aggregator's own context's packages are its parts,
				// not a kernel below it.
				aggregated := ignore[q] && (isMain[q] || ctxOfOr(ctxOf, q) != ctxOfOr(ctxOf, p))
				all = all && (shared[q] != "" || aggregated)
				byShared = byShared && shared[q] != ""
			}
			// Only what lies below the kernel joins it: a package that
			// imports anything outside the kernel is no platform, whoever
			// imports it (else the kernel would grow down through a whole
			// application from one shared package at its top).
			switch {
			case !onlyShared(p):
				continue
			case byShared:
				shared[p] = "imported only by shared-kernel packages, and imports only shared packages"
			case all:
				shared[p] = "imported only by the shared kernel, commands and aggregators, and imports only shared packages"
			default:
				if lib, areas := library(p); lib {
					shared[p] = fmt.Sprintf("library code by its directory, imported from %d areas of the repository, and it imports only shared packages", areas)
					break
				}
				n, pc := participation(p)
				if n >= minLibraryUsers && pc >= minParticipation {
					shared[p] = fmt.Sprintf("a library: its %d importers spread over the contexts (participation %.2f), and it imports only shared packages", n, pc)
					break
				}
				if n == 0 || !untied(p) {
					continue
				}
				shared[p] = fmt.Sprintf("a utility: it imports only shared packages, and its context holds it by imports alone (%s with it)", untiedBy)
			}
			added++
			changed = true
		}
	}
	return added
}

// placeEntries gathers the delivery layer into a context of its own.
// Community detection has nowhere good to put a package that imports
// every domain (an HTTP layer, a command that wires everything): it
// attaches it to one domain at random. An entry is a package that imports
// packages of max(3, ceil(k/2)) contexts (k the contexts found; its own
// counts, but not through its own subpackages) and that no package
// imports except commands and other entries; a command that imports an
// entry is one too, and so is a command that imports need contexts.
// Entries leave their contexts and form one context together; a domain's
// slice of a technical layer (its controller) never is one.
func placeEntries(g *graph.Graph, part *Partition) {
	ctx := map[string]int{}
	for i, ms := range part.Members {
		if part.Declared[i] != "" {
			continue // declared contexts keep their members
		}
		for _, p := range ms {
			ctx[p] = i
		}
	}
	need := max(3, (len(part.Members)+1)/2)
	isMain := map[string]bool{}
	for _, n := range g.Nodes() {
		isMain[n.Path] = n.Main
	}
	reach := map[string]map[int]bool{}
	importers := map[string][]string{}
	for _, e := range g.Imports() {
		importers[e.To] = append(importers[e.To], e.From)
		a, okA := ctx[e.From]
		b, okB := ctx[e.To]
		// A package's own subpackages are its parts, not contexts it
		// gathers; any other package of its context is: an aggregator
		// that the vocabulary placed with one of the domains it speaks of
		// still gathers that domain.
		if !okA || !okB || a == b && strings.HasPrefix(e.To, e.From+"/") {
			continue
		}
		if reach[e.From] == nil {
			reach[e.From] = map[int]bool{}
		}
		reach[e.From][b] = true
	}
	entry := map[string]bool{}
	for p := range ctx {
		// A domain's slice of a technical layer (its controller) belongs
		// to the domain, however many others it calls.
		if len(reach[p]) >= need && !g.Sliced(p) {
			entry[p] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for p := range entry {
			for _, q := range importers[p] {
				if !entry[q] && !isMain[q] {
					delete(entry, p) // a library of some domain, not an entry
					changed = true
					break
				}
			}
		}
	}
	for _, e := range g.Imports() {
		if _, ok := ctx[e.From]; ok && isMain[e.From] && entry[e.To] {
			entry[e.From] = true
		}
	}
	// A command that wires the contexts together is delivery too, even
	// where no layer below it is.
	for p := range ctx {
		if isMain[p] && len(reach[p]) >= need {
			entry[p] = true
		}
	}
	if len(entry) == 0 {
		return
	}
	part.Delivery = entry
	var layer []string
	for i, ms := range part.Members {
		kept := ms[:0]
		for _, p := range ms {
			if entry[p] {
				layer = append(layer, p)
			} else {
				kept = append(kept, p)
			}
		}
		part.Members[i] = kept
	}
	part.Members = append(part.Members, layer)
	part.Declared = append(part.Declared, "")
	part.Split = append(part.Split, false)
	for i := len(part.Members) - 1; i >= 0; i-- {
		if len(part.Members[i]) == 0 {
			part.remove(i)
		}
	}
}

// A package that imports only kernel packages is a library, and joins the
// kernel, when at least minLibraryUsers packages import it and their
// participation coefficient over the contexts reaches minParticipation:
// as much spread as an even split over two contexts.
const (
	minLibraryUsers  = 3
	minParticipation = 0.5
)

// ctxOfOr is the package's context, or -1.
func ctxOfOr(ctxOf map[string]int, p string) int {
	if c, ok := ctxOf[p]; ok {
		return c
	}
	return -1
}

// participationOf is 1 - sum over contexts of (share of the importers
// there)^2, per counting the importers in each context. The squares are
// summed as integers: a float sum over a map depends on its (random)
// order, and the result meets a threshold (importers spread 1, 4 and 9
// over three contexts give exactly 0.5, or a hair below it in some
// orders).
func participationOf(per map[int]int) float64 {
	n, sq := 0, 0
	for _, c := range per {
		n += c
		sq += c * c
	}
	if n == 0 {
		return 1
	}
	return 1 - float64(sq)/float64(n*n)
}

// mergeTiny folds contexts smaller than min into the context they are
// most strongly coupled to; declared contexts stay whatever their size.
func mergeTiny(f *graph.Graph, part *Partition, minSize int) {
	for {
		ctx := map[string]int{}
		for i, ms := range part.Members {
			for _, p := range ms {
				ctx[p] = i
			}
		}
		victim := -1
		for i, ms := range part.Members {
			if len(ms) < minSize && part.Declared[i] == "" {
				victim = i
				break
			}
		}
		if victim < 0 {
			return
		}
		link := map[int]float64{}
		for _, e := range f.Fused() {
			w := e.W
			a, okA := ctx[f.Path(e.A)]
			b, okB := ctx[f.Path(e.B)]
			if !okA || !okB || a == b {
				continue
			}
			if a == victim {
				link[b] += w
			} else if b == victim {
				link[a] += w
			}
		}
		target, bestW := -1, 0.0
		for c, w := range link {
			if w > bestW || w == bestW && c < target {
				target, bestW = c, w
			}
		}
		if target < 0 {
			// Coupled to nothing but the kernel: unplaced rather than forced.
			part.Unplaced = append(part.Unplaced, part.Members[victim]...)
		} else {
			part.Members[target] = append(part.Members[target], part.Members[victim]...)
		}
		part.remove(victim)
	}
}

// FromMembers is the partition into the given contexts, declared[i]
// naming context i when it was declared (or ""), with no shared kernel and
// nothing unplaced: a partition given rather than found, such as a
// baseline's, or one made by hand.
func FromMembers(members [][]string, declared []string) *Partition {
	p := &Partition{Members: members, Declared: declared, Confidence: map[string]float64{}, Shared: map[string]string{}}
	for i := range p.Members {
		p.Members[i] = slices.Clone(p.Members[i])
	}
	p.normalize()
	return p
}

// remove drops context i.
func (p *Partition) remove(i int) {
	p.Members = slices.Delete(p.Members, i, i+1)
	p.Declared = slices.Delete(p.Declared, i, i+1)
	p.Split = slices.Delete(p.Split, i, i+1)
}

// normalize sorts members and contexts and fills Of.
func (p *Partition) normalize() {
	type ctx struct {
		members  []string
		declared string
		split    bool
	}
	if p.Split == nil {
		p.Split = make([]bool, len(p.Members))
	}
	cs := make([]ctx, len(p.Members))
	for i := range p.Members {
		sort.Strings(p.Members[i])
		cs[i] = ctx{p.Members[i], p.Declared[i], p.Split[i]}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].members[0] < cs[j].members[0] })
	p.Of = map[string]int{}
	for i, c := range cs {
		p.Members[i], p.Declared[i], p.Split[i] = c.members, c.declared, c.split
		for _, m := range c.members {
			p.Of[m] = i
		}
	}
	for _, u := range p.Unplaced {
		delete(p.Confidence, u)
	}
}
