package report

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/seams-tool/seams/report/schema"
)

// The DOT graphs are for architecture workshops: printed on an A1 poster
// or projected, read by people arguing about where to cut. So they show
// the first contexts and the strongest relations only, each labelled
// with what it stands for, nodes filled by extraction order, edges as
// wide as the log of their weight; a node without a drawn edge is left
// out and named in the footer, and the footer says how much was left
// out. One graph per context holds its packages: one graph of every
// package is a poster nobody can read.

// MaxDOTContexts is how many contexts, first in extraction order,
// contexts.dot and tables.dot draw.
const MaxDOTContexts = 30

// graphHeader opens a digraph laid out to fit an A1 sheet (landscape,
// 841 x 594 mm), in one font.
func graphHeader(b *bytes.Buffer, name, rankdir string) {
	fmt.Fprintf(b, "digraph %s {\n", name)
	fmt.Fprintf(b, "\tgraph [rankdir=%s, size=\"33.1,23.4\", ratio=compress, fontname=\"Helvetica\", fontsize=12, nodesep=0.25, ranksep=0.6];\n", rankdir)
	b.WriteString("\tnode [fontname=\"Helvetica\", fontsize=11];\n")
	b.WriteString("\tedge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n")
}

// orderColor is the fill of the context of the given extraction order,
// green first to grey last, as the HTML map draws it; and the text colour
// that reads on it.
func orderColor(order, n int) (fill, font string) {
	stops := [][3]float64{{0x2e, 0x9e, 0x5e}, {0x9f, 0xd0, 0x8a}, {0xef, 0xe7, 0xb5}, {0xd5, 0xd8, 0xde}}
	t := 0.0
	if n > 1 {
		t = float64(order-1) / float64(n-1)
	}
	t = min(max(t, 0), 1) * float64(len(stops)-1)
	i := min(int(t), len(stops)-2)
	f := t - float64(i)
	var c [3]float64
	for k := range c {
		c[k] = stops[i][k] + (stops[i+1][k]-stops[i][k])*f
	}
	fill = fmt.Sprintf("#%02x%02x%02x", int(math.Round(c[0])), int(math.Round(c[1])), int(math.Round(c[2])))
	if 0.299*c[0]+0.587*c[1]+0.114*c[2] < 140 {
		return fill, "#ffffff"
	}
	return fill, "#1d2330"
}

// tint lightens a fill for a cluster's background, behind white nodes.
func tint(fill string) string {
	var r, g, b int
	fmt.Sscanf(fill, "#%02x%02x%02x", &r, &g, &b)
	mix := func(c int) int { return c + (255-c)*3/5 }
	return fmt.Sprintf("#%02x%02x%02x", mix(r), mix(g), mix(b))
}

// penwidth maps a weight to a line width on a log scale: 0.8 for the
// weakest, 4 for the strongest of the graph.
func penwidth(w, most int) float64 {
	if most <= 1 {
		return 1.5
	}
	return math.Round((0.8+3.2*math.Log1p(float64(w))/math.Log1p(float64(most)))*10) / 10
}

// EdgeLabel says what the context map writes on an import edge.
type EdgeLabel string

// The edge labels: the package imports behind an edge (and the files
// that make them), or the size of the API the edge crosses: the entries
// of the imported context's plan that the importing context uses.
const (
	LabelImports EdgeLabel = "imports"
	LabelAPI     EdgeLabel = "api"
)

// ContextsDOT is the context map: the first MaxDOTContexts contexts with
// size, pressure and risk; edges with import count, shared tables and
// co-change. maxEdges keeps the strongest edges (0 keeps all).
func ContextsDOT(m *schema.Model, maxEdges int) []byte {
	return ContextsDOTLabelled(m, maxEdges, LabelImports)
}

// apiSize counts, per (user, declarer) pair of context ids, the API
// entries of the declarer's plan that the user uses.
func apiSize(m *schema.Model) map[[2]string]int {
	out := map[[2]string]int{}
	for _, c := range m.Contexts {
		if c.Plan == nil {
			continue
		}
		for _, e := range c.Plan.API {
			for _, u := range e.Contexts {
				out[[2]string{u, c.ID}]++
			}
		}
	}
	return out
}

// ContextsDOTLabelled is ContextsDOT with the given label on import edges.
func ContextsDOTLabelled(m *schema.Model, maxEdges int, label EdgeLabel) []byte {
	var api map[[2]string]int
	if label == LabelAPI {
		api = apiSize(m)
	}
	var b bytes.Buffer
	graphHeader(&b, "contexts", "TB")
	b.WriteString("\tnode [shape=box, style=\"rounded,filled\", penwidth=0.6];\n")
	shown, leftCtx := keep(m.Contexts, MaxDOTContexts)
	in := map[string]bool{}
	for _, c := range shown {
		in[c.ID] = true
	}
	// The model's links relate contexts: imports per direction, shared
	// tables and co-change on the pair's first link.
	var list []schema.ContextLink
	for _, l := range m.Links {
		if in[l.From] && in[l.To] && l.From != l.To {
			list = append(list, l)
		}
	}
	strength := func(l schema.ContextLink) int { return l.Files + 10*len(l.Tables) + l.CoChange }
	slices.SortStableFunc(list, func(a, b schema.ContextLink) int {
		return cmp.Or(cmp.Compare(strength(b), strength(a)), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	list, left := backbone(list, func(l schema.ContextLink) [2]string { return [2]string{l.From, l.To} }, maxEdges)
	linked := map[string]bool{}
	most := 1
	for _, l := range list {
		linked[l.From], linked[l.To] = true, true
		most = max(most, strength(l))
	}
	var alone []string
	for _, c := range shown {
		if !linked[c.ID] && len(list) > 0 {
			alone = append(alone, fmt.Sprintf("%d. %s", c.Order, c.Name))
			continue
		}
		fill, font := orderColor(c.Order, len(m.Contexts))
		label := fmt.Sprintf("%d. %s\n%s, %s LOC\npressure %.2f · risk %.2f", c.Order, c.Name, count(len(c.Packages), "package"), thousands(c.LOC), c.Pressure.Score, c.Risk.Score)
		fmt.Fprintf(&b, "\t%s [label=%s, fillcolor=%s, fontcolor=%s];\n", dotID(c.ID), dotString(label), dotString(fill), dotString(font))
	}
	for _, l := range list {
		var parts []string
		switch {
		case l.Imports > 0 && api != nil:
			parts = append(parts, "API: "+count(api[[2]string{l.From, l.To}], "symbol"))
		case l.Imports > 0:
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
		fmt.Fprintf(&b, "\t%s -> %s [label=%s, penwidth=%.1f%s];\n", dotID(l.From), dotID(l.To), dotString(strings.Join(parts, "\n")), penwidth(strength(l), most), style)
	}
	var notes []string
	if leftCtx > 0 {
		notes = append(notes, fmt.Sprintf("%s after the first %d left out", count(leftCtx, "context"), MaxDOTContexts))
	}
	if len(alone) > 0 {
		notes = append(notes, "without a drawn edge: "+nameList(alone))
	}
	if left > 0 {
		notes = append(notes, fmt.Sprintf("%d weaker edges left out (--dot-max-edges)", left))
	}
	footer(&b, m, notes)
	return b.Bytes()
}

// backbone keeps edges, strongest first, up to max (0: no limit), but
// not one whose two ends both have edgesPerNode kept already: each node
// keeps its strongest relations, and a poster shows structure, not a
// hairball. It returns the kept edges and how many it left.
func backbone[E any](edges []E, ends func(E) [2]string, most int) ([]E, int) {
	const edgesPerNode = 3
	degree := map[string]int{}
	var out []E
	for _, e := range edges {
		if most > 0 && len(out) == most {
			break
		}
		ab := ends(e)
		if degree[ab[0]] >= edgesPerNode && degree[ab[1]] >= edgesPerNode {
			continue
		}
		degree[ab[0]]++
		degree[ab[1]]++
		out = append(out, e)
	}
	return out, len(edges) - len(out)
}

// TablesDOT links the first MaxDOTContexts contexts to the tables they
// touch; writes are bold and tables written by several contexts are red.
func TablesDOT(m *schema.Model, maxEdges int) []byte {
	var b bytes.Buffer
	graphHeader(&b, "tables", "LR")
	type edge struct {
		ctx, table string
		access     schema.ContextAccess
	}
	var edges []edge
	sharedWrite := map[string]bool{}
	shown, leftCtx := keep(m.Contexts, MaxDOTContexts)
	for _, c := range shown {
		for _, t := range c.Tables {
			edges = append(edges, edge{c.ID, t.Name, t.Access})
			if t.SharedWrite {
				sharedWrite[t.Name] = true
			}
		}
	}
	slices.SortStableFunc(edges, func(x, y edge) int {
		wx, wy := x.access.Has(schema.AccessWrite), y.access.Has(schema.AccessWrite)
		switch {
		case wx && !wy:
			return -1
		case wy && !wx:
			return 1
		}
		return 0
	})
	edges, left := keep(edges, maxEdges)
	tables, linked := map[string]bool{}, map[string]bool{}
	for _, e := range edges {
		tables[e.table], linked[e.ctx] = true, true
	}
	for _, c := range shown {
		if linked[c.ID] {
			fill, font := orderColor(c.Order, len(m.Contexts))
			fmt.Fprintf(&b, "\t%s [shape=box, style=\"rounded,filled\", fillcolor=%s, fontcolor=%s, label=%s];\n", dotID(c.ID), dotString(fill), dotString(font), dotString(fmt.Sprintf("%d. %s", c.Order, c.Name)))
		}
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for t := range tables {
			if !yield(t) {
				return
			}
		}
	})
	for _, t := range names {
		color := "#ffffff"
		if sharedWrite[t] {
			color = "#f8d0d0"
		}
		fmt.Fprintf(&b, "\t%s [shape=cylinder, style=filled, fillcolor=%s, fontsize=10, label=%s];\n", dotString("table:"+t), dotString(color), dotString(t))
	}
	// Many tables stand in columns of tablesPerColumn, not in one column
	// taller than the sheet.
	const tablesPerColumn = 24
	for i := tablesPerColumn; i < len(names); i++ {
		fmt.Fprintf(&b, "\t%s -> %s [style=invis];\n", dotString("table:"+names[i-tablesPerColumn]), dotString("table:"+names[i]))
	}
	slices.SortFunc(edges, func(x, y edge) int { return cmp.Or(cmp.Compare(x.ctx, y.ctx), cmp.Compare(x.table, y.table)) })
	for _, e := range edges {
		style := "style=dashed"
		if e.access.Has(schema.AccessWrite) {
			style = "style=bold, penwidth=2"
		}
		fmt.Fprintf(&b, "\t%s -> %s [label=%s, %s];\n", dotID(e.ctx), dotString("table:"+e.table), dotString(string(e.access)), style)
	}
	var notes []string
	if leftCtx > 0 {
		notes = append(notes, fmt.Sprintf("%s after the first %d left out", count(leftCtx, "context"), MaxDOTContexts))
	}
	if left > 0 {
		notes = append(notes, fmt.Sprintf("%d weaker edges left out (--dot-max-edges)", left))
	}
	footer(&b, m, notes)
	return b.Bytes()
}

// count writes "1 file", "2 files".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// thousands writes n with commas: 60,858.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// nameList joins names, at most 8 of them.
func nameList(names []string) string {
	if len(names) > 8 {
		return strings.Join(names[:8], ", ") + fmt.Sprintf(" and %d more", len(names)-8)
	}
	return strings.Join(names, ", ")
}

// keep returns the first n items (all when n <= 0) and how many it left.
func keep[T any](s []T, n int) ([]T, int) {
	if n <= 0 || len(s) <= n {
		return s, 0
	}
	return s[:n], len(s) - n
}

func footer(b *bytes.Buffer, m *schema.Model, notes []string) {
	label := "seams: " + Title(m)
	if m.Repo.Head != "" {
		label += " @ " + m.Repo.Head[:min(12, len(m.Repo.Head))]
	}
	for _, n := range notes {
		label += "\n" + n
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
