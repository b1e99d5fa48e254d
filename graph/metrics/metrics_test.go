package metrics

import (
	"testing"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/internal/graphtest"
)

func TestMeasureByHand(t *testing.T) {
	in, _, members := graphtest.Hand()
	m := Measure(graph.New(in, graph.DefaultWeights()), cluster.FromMembers(members, []string{"", ""}))
	// SM = mean(1/2², 2/3²) - 2/(2·2·3) = 0.23611 - 0.16667.
	want := Figures{Contexts: 2, SM: 0.0694, ICP: 0.5, IFN: 1, NED: 1, MQ: 1.1667, CrossContextImports: 2, SharedWriteTables: 1}
	got := m
	got.Modularity, got.LayerModularity = 0, [graph.NumLayers]float64{}
	if got != want {
		t.Errorf("metrics =\n%+v\nwant\n%+v", got, want)
	}
	// Both data edges cross the boundary, and the two contexts hold half
	// the data weight each: Q = 0 - (0.5² + 0.5²).
	if m.LayerModularity[graph.Imports] <= 0 || m.LayerModularity[graph.Data] != -0.5 {
		t.Errorf("modularity by layer = %v", m.LayerModularity)
	}
	fields := map[Metric]float64{ICP: m.ICP, IFN: m.IFN, Modularity: m.Modularity, MQ: m.MQ, NED: m.NED, SM: m.SM}
	if len(fields) != int(NumMetrics) {
		t.Fatalf("%d metrics, the test knows %d", NumMetrics, len(fields))
	}
	for metric, want := range fields {
		if got := m.Value(metric); got != want {
			t.Errorf("Value(%d) = %v, want %v", metric, got, want)
		}
	}
}
