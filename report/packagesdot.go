package report

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/seams-tool/seams/report/schema"
)

// The package graphs: the whole repository's, and one per context.

// PackagesDOT groups the packages that have one of the strongest imports
// into one cluster per context, with the shared kernel and the unplaced
// packages apart; edges are imports. For a large repository, PackageDOTs
// draws one context at a time.
func PackagesDOT(m *schema.Model, maxEdges int) []byte {
	var b bytes.Buffer
	graphHeader(&b, "packages", "LR")
	b.WriteString("\tnode [shape=box, style=filled, fillcolor=white, fontsize=9];\n\tedge [color=\"#888888\", arrowsize=0.6];\n")
	edges := slices.Clone(m.Imports)
	slices.SortStableFunc(edges, func(x, y schema.Import) int { return cmp.Compare(y.Weight, x.Weight) })
	edges, left := keep(edges, maxEdges)
	slices.SortFunc(edges, func(x, y schema.Import) int { return cmp.Or(cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To)) })
	drawn := map[string]bool{}
	most := 1
	for _, e := range edges {
		drawn[e.From], drawn[e.To] = true, true
		most = max(most, e.Weight)
	}
	groups := map[string][]string{}
	var shared, unplaced []string
	alone := 0
	for _, p := range m.Packages {
		switch {
		case !drawn[p.Path]:
			alone++
		case p.Shared != "":
			shared = append(shared, p.Path)
		case p.Context != "":
			groups[p.Context] = append(groups[p.Context], p.Path)
		default:
			unplaced = append(unplaced, p.Path)
		}
	}
	for i, c := range m.Contexts {
		fill, _ := orderColor(c.Order, len(m.Contexts))
		cluster(&b, i, fmt.Sprintf("%d. %s", c.Order, c.Name), tint(fill), groups[c.ID])
	}
	cluster(&b, len(m.Contexts), "shared kernel (platform)", "#e6e8ec", shared)
	cluster(&b, len(m.Contexts)+1, "unplaced", "#fff3d6", unplaced)
	for _, e := range edges {
		fmt.Fprintf(&b, "\t%s -> %s [penwidth=%.1f];\n", dotString(e.From), dotString(e.To), penwidth(e.Weight, most))
	}
	var notes []string
	if alone > 0 {
		notes = append(notes, count(alone, "package")+" without a drawn import left out")
	}
	if left > 0 {
		notes = append(notes, fmt.Sprintf("%d weaker edges left out (--dot-max-edges)", left))
	}
	footer(&b, m, notes)
	return b.Bytes()
}

// cluster writes a subgraph of members, if there are any.
func cluster(b *bytes.Buffer, n int, label, fill string, members []string) {
	if len(members) == 0 {
		return
	}
	fmt.Fprintf(b, "\tsubgraph cluster_%d {\n\t\tlabel=%s; style=\"rounded,filled\"; fillcolor=%s; color=\"#9aa3b2\";\n", n, dotString(label), dotString(fill))
	for _, p := range members {
		fmt.Fprintf(b, "\t\t%s;\n", dotString(p))
	}
	b.WriteString("\t}\n")
}

// PackageDOTs draws each context's packages, one graph a context, keyed
// by file name (packages-03-billing.dot): the imports among them and,
// summed by package, their imports to and from the other contexts, each
// drawn as one node. Imports of the shared kernel are left out: every
// context has them. maxEdges keeps the strongest edges of each graph
// (0 keeps all).
func PackageDOTs(m *schema.Model, maxEdges int) map[string][]byte {
	ctxOf := map[string]string{}
	for _, p := range m.Packages {
		if p.Context != "" && p.Shared == "" {
			ctxOf[p.Path] = p.Context
		}
	}
	byID := map[string]schema.Context{}
	for _, c := range m.Contexts {
		byID[c.ID] = c
	}
	out := map[string][]byte{}
	for _, c := range m.Contexts {
		out[fmt.Sprintf("packages-%02d-%s.dot", c.Order, slug(c.Name, c.ID))] = contextPackagesDOT(m, c, byID, ctxOf, maxEdges)
	}
	return out
}

func contextPackagesDOT(m *schema.Model, c schema.Context, byID map[string]schema.Context, ctxOf map[string]string, maxEdges int) []byte {
	type edge struct {
		from, to string // package paths, or context ids for the other side
		files    int
		cross    bool
	}
	var edges []edge
	sum := map[[2]string]int{}
	for _, e := range m.Imports {
		a, b := ctxOf[e.From], ctxOf[e.To]
		switch {
		case a == c.ID && b == c.ID:
			edges = append(edges, edge{e.From, e.To, e.Weight, false})
		case a == c.ID && b != "":
			sum[[2]string{e.From, "ctx:" + b}] += e.Weight
		case b == c.ID && a != "":
			sum[[2]string{"ctx:" + a, e.To}] += e.Weight
		}
	}
	for k, files := range sum {
		edges = append(edges, edge{k[0], k[1], files, true})
	}
	slices.SortFunc(edges, func(x, y edge) int {
		return cmp.Or(cmp.Compare(y.files, x.files), cmp.Compare(x.from, y.from), cmp.Compare(x.to, y.to))
	})
	edges, left := keep(edges, maxEdges)
	drawn := map[string]bool{}
	most := 1
	for _, e := range edges {
		drawn[e.from], drawn[e.to] = true, true
		most = max(most, e.files)
	}
	var b bytes.Buffer
	graphHeader(&b, "packages", "LR")
	b.WriteString("\tnode [shape=box, style=filled, fillcolor=white, fontsize=10];\n\tedge [color=\"#7a8496\", arrowsize=0.6];\n")
	fill, _ := orderColor(c.Order, len(m.Contexts))
	var members []string
	for _, p := range c.Packages {
		if drawn[p] {
			members = append(members, p)
		}
	}
	label := fmt.Sprintf("%d. %s: %s, %s LOC", c.Order, c.Name, count(len(c.Packages), "package"), thousands(c.LOC))
	if len(members) == 0 {
		fmt.Fprintf(&b, "\t%s [shape=box, style=\"rounded,filled\", fillcolor=%s, label=%s];\n", dotID(c.ID), dotString(fill), dotString(label))
	}
	cluster(&b, 0, label, tint(fill), members)
	var others []string
	for k := range drawn {
		if id, ok := strings.CutPrefix(k, "ctx:"); ok {
			others = append(others, id)
		}
	}
	slices.SortFunc(others, func(x, y string) int { return cmp.Compare(byID[x].Order, byID[y].Order) })
	for _, id := range others {
		o := byID[id]
		f, font := orderColor(o.Order, len(m.Contexts))
		fmt.Fprintf(&b, "\t%s [shape=box, style=\"rounded,filled\", fillcolor=%s, fontcolor=%s, label=%s];\n", dotString("ctx:"+id), dotString(f), dotString(font), dotString(fmt.Sprintf("%d. %s", o.Order, o.Name)))
	}
	slices.SortFunc(edges, func(x, y edge) int { return cmp.Or(cmp.Compare(x.from, y.from), cmp.Compare(x.to, y.to)) })
	for _, e := range edges {
		style := ""
		if e.cross {
			style = fmt.Sprintf(", color=\"#2f5da8\", label=%s", dotString(count(e.files, "file")))
		}
		fmt.Fprintf(&b, "\t%s -> %s [penwidth=%.1f%s];\n", dotString(e.from), dotString(e.to), penwidth(e.files, most), style)
	}
	var notes []string
	if n := len(c.Packages) - len(members); n > 0 && len(members) > 0 {
		notes = append(notes, count(n, "package")+" without a drawn import left out")
	}
	if left > 0 {
		notes = append(notes, fmt.Sprintf("%d weaker edges left out (--dot-max-edges)", left))
	}
	notes = append(notes, "imports of the shared kernel not drawn")
	footer(&b, m, notes)
	return b.Bytes()
}

// slug makes a context's name a file name: lower-case letters, digits
// and dashes, at most 40; its id when nothing is left.
func slug(name, id string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return slug(id, "context")
	}
	return b.String()
}
