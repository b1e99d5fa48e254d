package report

import (
	"bytes"
	"cmp"
	"fmt"
	"github.com/seams-tool/seams/report/schema"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// The DOT graphs are for architecture workshops: printed or projected,
// read by people arguing about where to cut. So they show contexts and
// the strongest relations only, each labelled with what it stands for,
// and say how much was left out.

// ContextsDOT is the context map: contexts with size, pressure and risk;
// edges with import count, shared tables and co-change. maxEdges keeps
// the strongest edges (0 keeps all).
func ContextsDOT(m *schema.Model, maxEdges int) []byte {
	var b bytes.Buffer
	b.WriteString("digraph contexts {\n\tgraph [rankdir=LR, fontname=\"Helvetica\", fontsize=11];\n\tnode [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", fontname=\"Helvetica\", fontsize=11];\n\tedge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n")
	for _, c := range m.Contexts {
		label := fmt.Sprintf("%d. %s\n%d packages, %d LOC\npressure %.2f, risk %.2f", c.Order, c.Name, len(c.Packages), c.LOC, c.Pressure.Score, c.Risk.Score)
		fmt.Fprintf(&b, "\t%s [label=%s];\n", dotID(c.ID), dotString(label))
	}
	// The model's links relate contexts: imports per direction, shared
	// tables and co-change on the pair's first link.
	list := slices.Clone(m.Links)
	strength := func(l schema.ContextLink) int { return l.Files + 10*len(l.Tables) + l.CoChange }
	slices.SortStableFunc(list, func(a, b schema.ContextLink) int {
		return cmp.Or(cmp.Compare(strength(b), strength(a)), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	list, left := keep(list, maxEdges)
	for _, l := range list {
		var parts []string
		if l.Imports > 0 {
			parts = append(parts, fmt.Sprintf("%s (%s)", count(l.Imports, "import"), count(l.Files, "file")))
		}
		if len(l.Tables) > 0 {
			parts = append(parts, count(len(l.Tables), "shared table"))
		}
		if l.CoChange > 0 {
			parts = append(parts, fmt.Sprintf("co-change %d", l.CoChange))
		}
		style := ""
		if l.Imports == 0 {
			style = ", style=dashed, arrowhead=none" // coupling without a dependency direction
		}
		fmt.Fprintf(&b, "\t%s -> %s [label=%s, penwidth=%.1f%s];\n", dotID(l.From), dotID(l.To), dotString(strings.Join(parts, "\n")), 1+min(float64(strength(l))/10, 4), style)
	}
	footer(&b, m, left)
	return b.Bytes()
}

// PackagesDOT groups packages into one cluster per context, with the
// shared kernel and the unplaced packages apart; edges are imports.
func PackagesDOT(m *schema.Model, maxEdges int) []byte {
	var b bytes.Buffer
	b.WriteString("digraph packages {\n\tgraph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, compound=true];\n\tnode [shape=box, style=filled, fillcolor=white, fontname=\"Helvetica\", fontsize=9];\n\tedge [color=\"#888888\", arrowsize=0.6];\n")
	byCtx := map[string][]string{}
	var shared []string
	for _, p := range m.Packages {
		switch {
		case p.Shared != "":
			shared = append(shared, p.Path)
		case p.Context != "":
			byCtx[p.Context] = append(byCtx[p.Context], p.Path)
		}
	}
	cluster := func(n int, label, color string, members []string) {
		fmt.Fprintf(&b, "\tsubgraph cluster_%d {\n\t\tlabel=%s; style=\"rounded,filled\"; fillcolor=%s;\n", n, dotString(label), dotString(color))
		for _, p := range members {
			fmt.Fprintf(&b, "\t\t%s;\n", dotString(p))
		}
		b.WriteString("\t}\n")
	}
	for i, c := range m.Contexts {
		cluster(i, fmt.Sprintf("%d. %s", c.Order, c.Name), "#eef3fb", byCtx[c.ID])
	}
	if len(shared) > 0 {
		cluster(len(m.Contexts), "shared kernel (platform)", "#f2f2f2", shared)
	}
	if len(m.Unplaced) > 0 {
		cluster(len(m.Contexts)+1, "unplaced", "#fff8e6", m.Unplaced)
	}
	edges := append([]schema.Import(nil), m.Imports...)
	sort.SliceStable(edges, func(i, j int) bool { return edges[i].Weight > edges[j].Weight })
	edges, left := keep(edges, maxEdges)
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].From != edges[j].From {
			return edges[i].From < edges[j].From
		}
		return edges[i].To < edges[j].To
	})
	for _, e := range edges {
		fmt.Fprintf(&b, "\t%s -> %s [penwidth=%.1f];\n", dotString(e.From), dotString(e.To), 0.5+min(float64(e.Weight)/4, 3))
	}
	footer(&b, m, left)
	return b.Bytes()
}

// TablesDOT links contexts to the tables they touch; writes are bold and
// tables written by several contexts are red.
func TablesDOT(m *schema.Model, maxEdges int) []byte {
	var b bytes.Buffer
	b.WriteString("digraph tables {\n\tgraph [rankdir=LR, fontname=\"Helvetica\", fontsize=11];\n\tnode [fontname=\"Helvetica\", fontsize=10];\n\tedge [color=\"#666666\"];\n")
	type edge struct {
		ctx, table string
		access     schema.ContextAccess
	}
	var edges []edge
	sharedWrite := map[string]bool{}
	for _, c := range m.Contexts {
		fmt.Fprintf(&b, "\t%s [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", label=%s];\n", dotID(c.ID), dotString(c.Name))
		for _, t := range c.Tables {
			edges = append(edges, edge{c.ID, t.Name, t.Access})
			if t.SharedWrite {
				sharedWrite[t.Name] = true
			}
		}
	}
	sort.SliceStable(edges, func(i, j int) bool {
		wi, wj := edges[i].access.Has(schema.AccessWrite), edges[j].access.Has(schema.AccessWrite)
		return wi && !wj
	})
	edges, left := keep(edges, maxEdges)
	tables := map[string]bool{}
	for _, e := range edges {
		tables[e.table] = true
	}
	var names []string
	for t := range tables {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		color := "#ffffff"
		if sharedWrite[t] {
			color = "#f8d0d0"
		}
		fmt.Fprintf(&b, "\t%s [shape=cylinder, style=filled, fillcolor=%s, label=%s];\n", dotString("table:"+t), dotString(color), dotString(t))
	}
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].ctx != edges[j].ctx {
			return edges[i].ctx < edges[j].ctx
		}
		return edges[i].table < edges[j].table
	})
	for _, e := range edges {
		style := "style=dashed"
		if e.access.Has(schema.AccessWrite) {
			style = "style=bold, penwidth=2"
		}
		fmt.Fprintf(&b, "\t%s -> %s [label=%s, %s];\n", dotID(e.ctx), dotString("table:"+e.table), dotString(string(e.access)), style)
	}
	footer(&b, m, left)
	return b.Bytes()
}

// count writes "1 file", "2 files".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// keep returns the first n items (all when n <= 0) and how many it left.
func keep[T any](s []T, n int) ([]T, int) {
	if n <= 0 || len(s) <= n {
		return s, 0
	}
	return s[:n], len(s) - n
}

func footer(b *bytes.Buffer, m *schema.Model, left int) {
	label := "seams: " + m.Repo.Root
	if m.Repo.Head != "" {
		label += " @ " + m.Repo.Head[:min(12, len(m.Repo.Head))]
	}
	if left > 0 {
		label += fmt.Sprintf("\n%d weaker edges left out (--dot-max-edges)", left)
	}
	fmt.Fprintf(b, "\tlabel=%s;\n\tlabelloc=b;\n}\n", dotString(label))
}

func dotID(id string) string { return dotString(id) }

// dotString quotes s as a DOT string: backslashes and quotes escaped,
// newlines as \n line breaks, and invalid UTF-8 replaced so Graphviz
// accepts the file whatever the repository's names hold.
func dotString(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			if r < 0x20 {
				b.WriteByte(' ')
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
