package cluster

import (
	"fmt"
	"maps"
	"math"
	"path"
	"slices"
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
	Joined     []string           // Joined[i] names the directory whose contexts were joined into context i, else ""
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
	// Parts says where each part of a package went, when the partition
	// was gathered from one of parts (Gather): by the part's path.
	Parts map[string]PartPlace
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
	slices.Sort(declNames)
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
			pf := g.Without(isShared(out()))
			pre := communities(pf, opt, out(), declaredOf)
			// The kernel counts the contexts a package serves as the
			// answer will: the parts of one subsystem as one.
			joinAreas(pf, pre.communities, pre.declared, opt.Resolution)
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
			part.Joined = append(part.Joined, "")
		}
	}
	splitLarge(f, part, opt)
	part.Joined = joinAreas(f, part.Members, part.Declared, opt.Resolution)
	part.dropEmpty()
	mergeTiny(f, part, opt.MinSize)
	placeEntries(g, part)
	// Taking the entries out can leave a context too small.
	mergeTiny(f, part, opt.MinSize)
	part.normalize()
	slices.Sort(part.Unplaced)
	return part
}

func isShared(shared map[string]string) func(string) bool {
	return func(p string) bool { return shared[p] != "" }
}

// placeEntries gathers the delivery layer into a context of its own.
// Community detection has nowhere good to put a package that imports
// every domain (an HTTP layer, a command that wires everything): it
// attaches it to one domain at random. An entry is a package that imports
// packages of max(3, ceil(k/2)) contexts (k the contexts found; its own
// counts, but not through its own subpackages) and that no package
// imports except commands, tooling (an integration suite starts the HTTP
// layer to test it) and other entries; a command that imports an
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
				if !entry[q] && !isMain[q] && part.Tooling[q] == "" {
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
	part.Joined = append(part.Joined, "")
	part.dropEmpty()
}

// dropEmpty removes the contexts left with no member.
func (p *Partition) dropEmpty() {
	for i := len(p.Members) - 1; i >= 0; i-- {
		if len(p.Members[i]) == 0 {
			p.remove(i)
		}
	}
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
	if i < len(p.Joined) {
		p.Joined = slices.Delete(p.Joined, i, i+1)
	}
}

// normalize sorts members and contexts and fills Of.
func (p *Partition) normalize() {
	type ctx struct {
		members  []string
		declared string
		split    bool
		joined   string
	}
	if p.Split == nil {
		p.Split = make([]bool, len(p.Members))
	}
	if p.Joined == nil {
		p.Joined = make([]string, len(p.Members))
	}
	cs := make([]ctx, len(p.Members))
	for i := range p.Members {
		slices.Sort(p.Members[i])
		cs[i] = ctx{p.Members[i], p.Declared[i], p.Split[i], p.Joined[i]}
	}
	slices.SortFunc(cs, func(x, y ctx) int { return strings.Compare(x.members[0], y.members[0]) })
	p.Of = map[string]int{}
	for i, c := range cs {
		p.Members[i], p.Declared[i], p.Split[i], p.Joined[i] = c.members, c.declared, c.split, c.joined
		for _, m := range c.members {
			p.Of[m] = i
		}
	}
	for _, u := range p.Unplaced {
		delete(p.Confidence, u)
	}
}
