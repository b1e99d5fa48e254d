package report

import (
	"bytes"
	"fmt"
	"github.com/seams-tool/seams/report/schema"
	"strings"
)

// Markdown is summary.md: a short summary fit for a CI job summary or a
// pull-request comment: the signals' health, the key metrics, a Mermaid
// context map and the ranked candidates.
func Markdown(m *schema.Model) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "## seams: %s\n\n", mdText(m.Repo.Root))
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
	b.WriteString("\n```mermaid\ngraph LR\n")
	node := map[string]string{}
	for i, c := range m.Contexts {
		node[c.ID] = fmt.Sprintf("c%d", i)
		fmt.Fprintf(&b, "  c%d[\"%d. %s<br/>%s · P %.2f · R %.2f\"]\n", i, c.Order, mermaidText(c.Name), count(len(c.Packages), "pkg"), c.Pressure.Score, c.Risk.Score)
	}
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
			if node[to] != "" {
				fmt.Fprintf(&b, "  %s -->|%s| %s\n", node[c.ID], count(files[to], "file"), node[to])
			}
		}
	}
	b.WriteString("```\n\n")
	b.WriteString("| order | context | packages | LOC | pressure | risk | why |\n|---:|---|---:|---:|---:|---:|---|\n")
	for _, c := range m.Contexts {
		fmt.Fprintf(&b, "| %d | %s | %d | %d | %.2f | %.2f | %s |\n", c.Order, mdText(c.Name), len(c.Packages), c.LOC, c.Pressure.Score, c.Risk.Score, mdText(c.Reason))
	}
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
