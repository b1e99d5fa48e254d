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
	b.WriteString("| order | band | context | packages | LOC | pressure | risk | why |\n|---:|---:|---|---:|---:|---:|---:|---|\n")
	for _, c := range m.Contexts {
		why := c.Reason
		if c.Small != nil {
			why += "; small: " + Percent(c.Small.Share) + " of the code"
		}
		press := fmt.Sprintf("%.2f", c.Pressure.Score)
		if c.Pressure.Low < c.Pressure.High {
			press += fmt.Sprintf(" (%.2f–%.2f)", c.Pressure.Low, c.Pressure.High)
		}
		fmt.Fprintf(&b, "| %d | %d | %s | %d | %d | %s | %.2f | %s |\n", c.Order, c.Band, mdText(c.Name), len(c.Packages), c.LOC, press, c.Risk.Score, mdText(why))
	}
	b.WriteString("\n</details>\n")
	writeFirstPlan(&b, m)
	if n := len(m.Warnings); n > 0 {
		fmt.Fprintf(&b, "\n%s: see seams.json or the HTML report.\n", count(n, "warning"))
	}
	return b.Bytes()
}

// writeFirstPlan writes the top candidate's strangler plan: the steps,
// then the busiest API entries and the owners behind them.
func writeFirstPlan(b *bytes.Buffer, m *schema.Model) {
	c := m.Contexts[0]
	fmt.Fprintf(b, "\n### First candidate: %s\n\n", mdText(c.Name))
	tied := 0
	for _, o := range m.Contexts[1:] {
		if o.Band == c.Band {
			tied++
		}
	}
	if tied > 0 {
		fmt.Fprintf(b, "The history cannot tell it from the next %s (band %d): choose among them in the room.\n\n", count(tied, "candidate"), c.Band)
	}
	if c.Plan == nil {
		b.WriteString("No plan: the analysis had no symbol uses or history to build one from.\n")
		return
	}
	for i, st := range c.Plan.Steps {
		fmt.Fprintf(b, "%d. %s\n", i+1, mdText(st.Text))
	}
	if api := c.Plan.API; len(api) > 0 {
		b.WriteString("\n| API entry | kind | used by | sites |\n|---|---|---|---:|\n")
		for _, e := range api[:min(len(api), 10)] {
			fmt.Fprintf(b, "| %s | %s | %s | %d |\n", mdText(e.Package+"."+e.Symbol), mdText(e.Kind), mdText(strings.Join(e.UsedBy, ", ")), e.Sites)
		}
		if len(api) > 10 {
			fmt.Fprintf(b, "\nAnd %d more in seams.json.\n", len(api)-10)
		}
	}
	if len(c.Plan.Owners) > 0 {
		var owners []string
		for _, o := range c.Plan.Owners[:min(len(c.Plan.Owners), 3)] {
			owners = append(owners, fmt.Sprintf("%s %s", mdText(o.Author), Percent(o.Share)))
		}
		fmt.Fprintf(b, "\nOwners over the window: %s (%s).\n", strings.Join(owners, ", "), count(c.Plan.Commits, "commit"))
	}
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
