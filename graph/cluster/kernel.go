package cluster

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seams-tool/seams/graph"
)

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
		// A part imported from many contexts is the core of its
		// package's domain, not a library: every domain of a package
		// too large to place whole uses its central files (vikunja's
		// task and project models). The kernel holds whole packages
		// (here and below: ground truths median 0.385 to 0.392, mean
		// 0.410 to 0.415, mattermost 0.348 to 0.400).
		if nd.Whole != "" {
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
			if shared[p] != "" || declaredOf[p] != "" || tooling[p] != "" || len(importers[p]) == 0 || nd.Whole != "" {
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
