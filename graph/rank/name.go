package rank

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
)

// noiseSegments are path segments that say what code is for, never what
// it is about: test helpers, fixtures, mocks. They name no context, and
// their packages anchor no context's id while another package can.
var noiseSegments = map[string]bool{
	"test": true, "tests": true, "testing": true, "testdata": true, "testutil": true, "testutils": true,
	"testhelper": true, "testhelpers": true, "fixture": true, "fixtures": true, "mock": true, "mocks": true,
	"fake": true, "fakes": true, "stub": true, "stubs": true, "e2e": true,
}

// version matches version segments (v2, v1beta1, v2.0): they name an API's
// generation, not its domain.
var version = regexp.MustCompile(`^v[0-9]+([.][0-9]+)*([a-z]+[0-9]*)?$`)

func noise(seg string) bool {
	return noiseSegments[seg] || version.MatchString(seg) || cluster.TestHelper(seg)
}

// noisy reports whether a package path has a noise segment.
func noisy(p string) bool { return slices.ContainsFunc(strings.Split(p, "/"), noise) }

// contextID derives a context's id from its anchor, the member with the
// most code (test helpers and mocks only when nothing else is there):
// adding or losing small packages keeps the id.
func contextID(members []string, loc map[string]int) string {
	anchor := members[0]
	better := func(m string) bool {
		if noisy(m) != noisy(anchor) {
			return !noisy(m)
		}
		return loc[m] > loc[anchor] || loc[m] == loc[anchor] && m < anchor
	}
	for _, m := range members {
		if better(m) {
			anchor = m
		}
	}
	sum := sha256.Sum256([]byte(anchor))
	return "c" + hex.EncodeToString(sum[:3])
}

// contextTerms sums the domain terms of a context's packages, each
// package's weighed by its code, heaviest first.
func contextTerms(g *graph.Graph, members []string, loc map[string]int) []graph.Term {
	sum := map[string]float64{}
	for _, m := range members {
		if noisy(m) {
			continue
		}
		w := 1 + float64(loc[m])
		for _, t := range g.Terms(m) {
			sum[t.Word] += t.Weight * w
		}
	}
	out := make([]graph.Term, 0, len(sum))
	for _, word := range slices.Sorted(maps.Keys(sum)) {
		out = append(out, graph.Term{Word: word, Weight: sum[word]})
	}
	slices.SortStableFunc(out, func(a, b graph.Term) int { return cmp.Compare(b.Weight, a.Weight) })
	return out
}

// contextName names a context by its dominant domain terms, checked
// against the path segment that holds most of its code (after generic
// ones such as internal, pkg, cmd, and never a test, fixture, mock or
// version segment): the path's name when it is one of the context's
// heaviest terms (nameTerms of them) or a word the whole repository uses
// (common: too widespread to tell packages apart, as order is in a shop),
// else the heaviest term (and the next, when it weighs over half as much
// and is another word), the path when the code has no terms. Tables name
// a context whose paths and code say nothing.
//
// First of all, a segment that most of the context's code shares and
// that few packages outside it have names it (sliceName): packages in
// models/packages/*, modules/packages/*, routers/api/packages/* and
// services/packages/* are the packages domain, whatever their terms say.
func contextName(members []string, loc map[string]int, tables []string, terms []graph.Term, common []string, rp *repoPaths) string {
	if name := sliceName(members, loc, rp.segmentCounts()); name != "" {
		return name
	}
	path := contextNameAt(members, loc, tables, 1)
	if len(terms) == 0 {
		return path
	}
	if !slices.ContainsFunc(members, func(m string) bool { return len(nameSegments(m)) > 0 }) {
		// Only layout directories (the root package, cmd): their terms
		// are whatever the main packages happen to say (gitea's
		// pkt+ecdhe); the layout is what the owners call it.
		return layoutName(members, loc)
	}
	words := common
	for _, t := range terms[:min(nameTerms, len(terms))] {
		words = append(words, t.Word)
	}
	for _, part := range strings.FieldsFunc(path, func(r rune) bool { return r == '+' || r == '/' }) {
		if slices.ContainsFunc(words, func(w string) bool { return sameWord(part, w) }) {
			return path
		}
	}
	if name := termDirectory(members, loc, terms, rp); name != "" {
		return name
	}
	return termName(terms)
}

// termDirectoryShare is the share of a context's code that must lie in
// directories named by one of its heaviest terms for that term to name it.
const termDirectoryShare = 0.25

// termDirectory is the term (of the first nameTerms) that names
// directories holding the most of the members' code, at least
// termDirectoryShare of it (each package weighs its lines plus one; the
// heavier term on a tie): a word both the code and its layout speak,
// which the owners know the code by (navidrome's tag readers are in
// model/metadata and scanner/metadata_old, though dates and pairs are what
// their code says most). Layers' names (rp.layer) name nothing. "" when
// no term does.
func termDirectory(members []string, loc map[string]int, terms []graph.Term, rp *repoPaths) string {
	heavy := slices.DeleteFunc(slices.Clone(terms[:min(nameTerms, len(terms))]), func(t graph.Term) bool { return unnaming[t.Word] })
	total := 0
	in := map[string]int{}
	for _, m := range members {
		w := loc[m] + 1
		total += w
		segs := slices.DeleteFunc(nameSegments(m), rp.layer)
		for _, t := range heavy {
			if slices.ContainsFunc(segs, func(s string) bool { return namesWord(s, t.Word) }) {
				in[t.Word] += w
			}
		}
	}
	best := ""
	for _, t := range heavy {
		if n := in[t.Word]; float64(n) >= termDirectoryShare*float64(total) && n > in[best] {
			best = t.Word
		}
	}
	return best
}

// namesWord reports whether a directory's name is the word, alone or as
// one of the parts its separators make, but for case, a plural ending and
// a version number (metadata_old names metadata, standards standard,
// networkpolicies networkpolicy, cmplx64 cmplx, warning warnings; author
// does not name auth).
func namesWord(seg, word string) bool {
	parts := strings.FieldsFunc(strings.ToLower(seg), func(r rune) bool { return r == '_' || r == '-' || r == '.' })
	return slices.ContainsFunc(parts, func(p string) bool { return sameStem(p, strings.ToLower(word)) })
}

// sameStem reports whether a and b are one word but for a plural ending
// (s, es, ies for y) and trailing digits after three letters or more (v2
// is no v).
func sameStem(a, b string) bool {
	undigit := func(x string) string {
		if w := strings.TrimRight(x, "0123456789"); len(w) >= 3 {
			return w
		}
		return x
	}
	a, b = undigit(a), undigit(b)
	if a == "" || b == "" {
		return false
	}
	plural := func(x, y string) bool { // x is y's plural
		if w, ok := strings.CutSuffix(y, "y"); ok && x == w+"ies" {
			return true
		}
		return x == y+"s" || x == y+"es"
	}
	return a == b || plural(a, b) || plural(b, a)
}

// repoPaths is what naming reads of the whole repository's package paths.
type repoPaths struct {
	// segments counts, for each path segment that may name a context (not
	// generic, noise or a version), the packages that have it.
	segments map[string]int
	// layered holds the segments found below layerParents or more
	// distinct directories: a layer's name, repeated in every domain
	// (stackrox's datastore below 87 directories), not a domain's, whose
	// slices recur once per layer (gitea's packages below 6).
	layered map[string]bool
}

// layerParents is how many distinct directories a segment must recur
// below to be a layer's name.
const layerParents = 10

// newRepoPaths reads the package paths of a repository.
func newRepoPaths(paths []string) *repoPaths {
	rp := &repoPaths{segments: map[string]int{}, layered: map[string]bool{}}
	parents := map[string]map[string]bool{}
	for _, p := range paths {
		for _, seg := range nameSegments(p) {
			rp.segments[seg]++
		}
		segs := strings.Split(p, "/")
		for i, seg := range segs {
			if parents[seg] == nil {
				parents[seg] = map[string]bool{}
			}
			parents[seg][strings.Join(segs[:i], "/")] = true
		}
	}
	for seg, ps := range parents {
		if len(ps) >= layerParents {
			rp.layered[seg] = true
		}
	}
	return rp
}

// segmentCounts is rp's segments, nil for no repository.
func (rp *repoPaths) segmentCounts() map[string]int {
	if rp == nil {
		return nil
	}
	return rp.segments
}

// layer reports whether seg names a layer of the repository.
func (rp *repoPaths) layer(seg string) bool { return rp != nil && rp.layered[seg] }

// nameSegments are the distinct segments of p that may name a context,
// sorted.
func nameSegments(p string) []string {
	segs := slices.DeleteFunc(strings.Split(p, "/"), func(s string) bool { return noise(s) || graph.Generic(s) })
	slices.Sort(segs)
	return slices.Compact(segs)
}

// sliceShare is the share of a context's code a segment must be in, and
// the share of the segment's packages the context must hold, to name it:
// a domain's slices across layers (models/x, services/x, routers/x)
// clustered together.
const sliceShare = 0.6

// sliceName is the segment held by at least sliceShare of the members'
// code (each package weighs its lines plus one) whose packages are at
// least sliceShare members; the one with the larger product of both
// shares, then the shorter, then the first alphabetically. segments
// counts each segment's packages in the repository (repoPaths); "" when
// no segment qualifies.
func sliceName(members []string, loc map[string]int, segments map[string]int) string {
	if len(members) < 2 || segments == nil {
		return "" // a single package's path names it already
	}
	weight, count := map[string]int{}, map[string]int{}
	total := 0
	for _, m := range members {
		w := loc[m] + 1
		total += w
		for _, seg := range nameSegments(m) {
			weight[seg] += w
			count[seg]++
		}
	}
	best, bestScore := "", 0.0
	for _, seg := range slices.Sorted(maps.Keys(weight)) {
		cover := float64(weight[seg]) / float64(total)
		held := float64(count[seg]) / float64(max(segments[seg], count[seg]))
		if cover < sliceShare || held < sliceShare || count[seg] < 2 {
			continue
		}
		if score := cover * held; score > bestScore || score == bestScore && len(seg) < len(best) {
			best, bestScore = seg, score
		}
	}
	return best
}

// layoutName is the first segment of the member with the most code,
// "root" for the root package.
func layoutName(members []string, loc map[string]int) string {
	heaviest := members[0]
	for _, m := range members[1:] {
		if loc[m] > loc[heaviest] || loc[m] == loc[heaviest] && m < heaviest {
			heaviest = m
		}
	}
	if first, _, _ := strings.Cut(heaviest, "/"); first != "." {
		return first
	}
	return "root"
}

// unnaming are words that may couple packages (their code shares them)
// but name no context: the outcomes and switches of every error and
// flag, ErrAlreadyExist, ErrNotFound, Errorf, EnableX, and the directions
// of every migration (upAddPlaylist, downAddPlaylist).
var unnaming = map[string]bool{
	"up": true, "down": true,
	"already": true, "exist": true, "found": true, "missing": true, "empty": true, "fail": true,
	"failed": true, "failure": true, "success": true, "errorf": true, "warnf": true, "infof": true,
	"debugf": true, "printf": true, "sprintf": true, "enable": true, "enabled": true, "disable": true,
	"disabled": true, "toggle": true, "mode": true,
}

// termName names a context by its heaviest term, and the next when it
// weighs over half as much and is another word; "" without terms.
// Words in unnaming are passed over.
func termName(terms []graph.Term) string {
	terms = slices.DeleteFunc(slices.Clone(terms), func(t graph.Term) bool { return unnaming[t.Word] })
	if len(terms) == 0 {
		return ""
	}
	first := terms[0].Word
	if len(terms) > 1 && 2*terms[1].Weight > terms[0].Weight {
		if second := terms[1].Word; !strings.Contains(first, second) && !strings.Contains(second, first) {
			return first + "+" + second
		}
	}
	return first
}

// nameTerms is how many of a context's heaviest terms its path's name may
// be to name it.
const nameTerms = 8

// sameWord reports whether a path segment and a term are the same word
// but for case, separators and a plural or verb ending.
func sameWord(seg, term string) bool {
	norm := func(s string) string {
		return strings.NewReplacer("_", "", "-", "", ".", "").Replace(strings.ToLower(s))
	}
	a, b := norm(seg), norm(term)
	if len(a) > len(b) {
		a, b = b, a
	}
	return a != "" && strings.HasPrefix(b, a) && len(b)-len(a) <= 3
}

// contextNameAt names a context by the first depth meaningful segments
// of its members' paths: plugins, then plugins/inputs, then
// plugins/inputs/cpu, as needed to tell contexts apart.
func contextNameAt(members []string, loc map[string]int, tables []string, depth int) string {
	weight := map[string]int{}
	total := 0
	for _, m := range members {
		seg := nameArea(m, depth)
		if seg == "" {
			continue
		}
		w := loc[m] + 1
		weight[seg] += w
		total += w
	}
	segs := make([]string, 0, len(weight))
	for s := range weight {
		segs = append(segs, s)
	}
	sort.Slice(segs, func(i, j int) bool {
		if weight[segs[i]] != weight[segs[j]] {
			return weight[segs[i]] > weight[segs[j]]
		}
		return segs[i] < segs[j]
	})
	switch {
	case len(segs) == 0 && len(tables) > 0:
		return tables[0]
	case len(segs) == 0:
		return "root"
	case len(segs) > 1 && 3*weight[segs[1]] >= total:
		return segs[0] + "+" + segs[1]
	}
	return segs[0]
}

// nameArea is graph.Area without noise segments: the part of a path
// that may name a context.
func nameArea(p string, depth int) string {
	var segs []string
	for _, s := range strings.Split(p, "/") {
		if !noise(s) {
			segs = append(segs, s)
		}
	}
	return graph.Area(strings.Join(segs, "/"), depth)
}

// tellApart renames the contexts (other than declared ones) that share a
// name: their terms tell them apart (the many contexts under central/ of
// one repository are its domains), a term that names their directories
// first, or else their deeper paths (plugins/inputs rather than plugins),
// two to four segments deep. Terms are tried at the first depth only, and
// not for the delivery layer, whose terms speak of every domain. A term
// is used only while no other context has it, in context order: one a
// clashing context gives up later is not tried again. What is left alike,
// uniqueNames numbers.
func tellApart(names []string, part *cluster.Partition, terms [][]graph.Term, delivery []bool, loc map[string]int, rp *repoPaths) {
	for depth := 2; depth <= 4; depth++ {
		seen := map[string]int{}
		for _, n := range names {
			seen[n]++
		}
		clash := make([]bool, len(names))
		for i, n := range names {
			// A context that holds most of the packages below the
			// segment it is named by keeps the name (at most one can):
			// a joined subsystem is named registry, and the context of
			// a few of its packages that its path named so is told apart.
			clash[i] = seen[n] > 1 && part.Declared[i] == "" && sliceName(part.Members[i], loc, rp.segmentCounts()) != n
		}
		// Telling two apart must not make them collide with a third: a
		// term is used only while no other context has it.
		for i, n := range names {
			if !clash[i] {
				continue
			}
			name := contextNameAt(part.Members[i], loc, nil, depth)
			if depth == 2 && !delivery[i] {
				for _, t := range []string{termDirectory(part.Members[i], loc, terms[i], rp), termName(terms[i])} {
					if t != "" && seen[t] == 0 {
						name = t
						break
					}
				}
			}
			seen[n]--
			seen[name]++
			names[i] = name
		}
	}
}

// uniqueNames appends -2, -3 to repeated names, in order.
func uniqueNames(names []string) {
	seen := map[string]int{}
	for i, n := range names {
		seen[n]++
		if seen[n] > 1 {
			names[i] = fmt.Sprintf("%s-%d", n, seen[n])
		}
	}
}
