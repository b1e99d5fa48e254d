package analyze

import (
	"fmt"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/report"
)

// ClusterConfig tunes how candidate contexts are found.
type ClusterConfig struct {
	graph.ClusterOptions
	Weights graph.Weights
}

// findContexts fuses the signals in the model, clusters, ranks and
// measures, and writes the result into the model.
func findContexts(m *report.Model, h *graph.History, uses []graph.TableUse, cfg ClusterConfig) {
	in := &graph.Input{History: h, Tables: uses, Weights: cfg.Weights}
	for _, p := range m.Packages {
		in.Nodes = append(in.Nodes, graph.Node{Path: p.Path, LOC: p.LOC, Main: p.Main})
	}
	for _, e := range m.Imports {
		in.Imports = append(in.Imports, graph.ImportEdge{From: e.From, To: e.To, Files: e.Weight})
	}
	part := graph.Cluster(in, cfg.ClusterOptions)
	m.Contexts = graph.Rank(in, part)
	metrics := graph.Measure(in, part)
	m.Metrics = &metrics
	m.Unplaced = part.Unplaced

	idOf := map[int]string{}
	for _, c := range m.Contexts {
		idOf[part.Of[c.Packages[0]]] = c.ID
	}
	for i := range m.Packages {
		p := &m.Packages[i]
		if why := part.Shared[p.Path]; why != "" {
			p.Shared = why
			continue
		}
		if c, ok := part.Of[p.Path]; ok {
			p.Context = idOf[c]
			p.Confidence = part.Confidence[p.Path]
		}
	}
	if len(m.Contexts) == 0 {
		m.Warnings = append(m.Warnings, report.Warning{Signal: "contexts", Message: fmt.Sprintf("no candidate contexts: %d packages, none coupled to another outside the shared kernel", len(m.Packages))})
	}
}
