package report

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/seams-tool/seams/report/schema"
)

// MaxMermaidEdges is how many imports between contexts summary.md's
// Mermaid map draws, the strongest first.
const MaxMermaidEdges = 30

// Markdown is summary.md: a short summary fit for a CI job summary or a
// pull-request comment: the signals' health, the key metrics, a Mermaid
// context map and the ranked candidates.
func Markdown(m *schema.Model) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "## seams: %s\n\n", mdText(Title(m)))
	if m.Repo.Head != "" {
		fmt.Fprintf(&b, "Commit `%s`. ", mdCode(m.Repo.Head[:min(12, len(m.Repo.Head))]))
	}
	fmt.Fprintf(&b, "%d packages, %d candidate contexts.\n\n", len(m.Packages), len(m.Contexts))
	b.WriteString("| signal | status | detail |\n|---|---|---|\n")
	for _, s := range schema.Signals {
		// A model written before a signal existed does not report it.
		if h := m.Signals.Of(s); h.Status != "" {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", s, h.Status, mdText(h.Detail))
		}
	}
	if mt := m.Metrics; mt != nil {
		var layers []string
		for _, l := range schema.Layers {
			layers = append(layers, fmt.Sprintf("%s %.2f", layerTerms[l].Short, mt.Modularity.Get(l)))
		}
		fmt.Fprintf(&b, "\nModularity %.2f (%s) · ICP %.2f · %s · %s · %s\n",
			mt.Modularity.Fused, strings.Join(layers, ", "), mt.ICP,
			count(mt.CrossContextImports, "cross-context import"), count(mt.SharedWriteTables, "shared-write table"), count(mt.Shared, "shared-kernel package"))
	}
	if len(m.Contexts) == 0 {
		return b.Bytes()
	}
	// The map draws the strongest imports between contexts only: Mermaid
	// lays out a few dozen edges legibly, not hundreds.
	type edge struct {
		from, to string
		files    int
	}
	var edges []edge
	for _, c := range m.Contexts {
		files := map[string]int{}
		var order []string
		for _, e := range c.Cut.Outbound {
			if _, ok := files[e.Context]; !ok {
				order = append(order, e.Context)
			}
			files[e.Context] += e.Files
		}
		for _, to := range order {
			edges = append(edges, edge{c.ID, to, files[to]})
		}
	}
	slices.SortStableFunc(edges, func(x, y edge) int { return cmp.Compare(y.files, x.files) })
	node := map[string]string{}
	for i, c := range m.Contexts {
		node[c.ID] = fmt.Sprintf("c%d", i)
	}
	edges = slices.DeleteFunc(edges, func(e edge) bool { return node[e.to] == "" })
	drawn, left := keep(edges, MaxMermaidEdges)
	linked := map[string]bool{}
	for _, e := range drawn {
		linked[e.from], linked[e.to] = true, true
	}
	b.WriteString("\n```mermaid\ngraph LR\n")
	for i, c := range m.Contexts {
		if linked[c.ID] || len(drawn) == 0 && i < MaxMermaidEdges {
			fmt.Fprintf(&b, "  c%d[\"%d. %s<br/>%s · P %.2f · R %.2f\"]\n", i, c.Order, mermaidText(c.Name), count(len(c.Packages), "pkg"), c.Pressure.Score, c.Risk.Score)
		}
	}
	for _, e := range drawn {
		fmt.Fprintf(&b, "  %s -->|%s| %s\n", node[e.from], count(e.files, "file"), node[e.to])
	}
	b.WriteString("```\n\n")
	if left > 0 {
		fmt.Fprintf(&b, "The map draws the %d strongest imports between contexts (files importing) and leaves out %d weaker ones; the HTML report has them all.\n\n", len(drawn), left)
	}
	fmt.Fprintf(&b, "<details><summary>%s in extraction order</summary>\n\n", count(len(m.Contexts), "candidate context"))
	b.WriteString("| order | context | packages | LOC | pressure | risk | why |\n|---:|---|---:|---:|---:|---:|---|\n")
	for _, c := range m.Contexts {
		fmt.Fprintf(&b, "| %d | %s | %d | %d | %.2f | %.2f | %s |\n", c.Order, mdText(c.Name), len(c.Packages), c.LOC, c.Pressure.Score, c.Risk.Score, mdText(c.Reason))
	}
	b.WriteString("\n</details>\n")
	if n := len(m.Warnings); n > 0 {
		fmt.Fprintf(&b, "\n%d warnings: see seams.json or the HTML report.\n", n)
	}
	return b.Bytes()
}

// mermaidText escapes a label for a quoted Mermaid node: quotes and
// angle brackets as entities, so a name cannot end the label or inject
// markup, and # too, so a name cannot spell an entity itself.
func mermaidText(s string) string {
	return strings.NewReplacer("#", "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;", "\r", " ", "\n", " ", "`", "#96;", "|", "#124;").Replace(s)
}

// mdText keeps repository-derived text from becoming Markdown or HTML,
// and keeps a table cell one cell on one line: GitHub renders the
// summary, so what the repository's names hold must show as written.
var mdText = strings.NewReplacer(`\`, `\\`, "&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", " ", "\n", " ",
	"`", "\\`", "|", `\|`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`).Replace
