package analyze

import (
	"strings"
	"testing"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/baseline"
	"github.com/seams-tool/seams/graph/metrics"
	"github.com/seams-tool/seams/report/schema"
)

// TestVocabulariesAlign checks that the schema names every layer, metric
// and finding kind of package graph, in graph's order: the model is
// assembled by position.
func TestVocabulariesAlign(t *testing.T) {
	if len(schema.Layers) != int(graph.NumLayers) {
		t.Errorf("schema names %d layers, graph has %d", len(schema.Layers), graph.NumLayers)
	}
	if len(schema.Metrics) != int(metrics.NumMetrics) {
		t.Errorf("schema names %d metrics, graph/metrics has %d", len(schema.Metrics), metrics.NumMetrics)
	}
	for m, name := range map[metrics.Metric]schema.Metric{metrics.ICP: schema.MetricICP, metrics.Modularity: schema.MetricModularity, metrics.SM: schema.MetricSM} {
		if schema.Metrics[m] != name || metricOf(name) != m {
			t.Errorf("metric %d is %q in the schema, want %q", m, schema.Metrics[m], name)
		}
	}
	for k, name := range map[baseline.Kind]schema.FindingKind{baseline.CrossImport: schema.FindingCrossImport, baseline.Metric: schema.FindingMetric} {
		if schema.FindingKinds[k] != name {
			t.Errorf("finding kind %d is %q in the schema, want %q", k, schema.FindingKinds[k], name)
		}
	}
	if schema.Layers[graph.CoChange] != schema.LayerCoChange {
		t.Errorf("layer order differs")
	}
}

// TestShopModel pins the fixture's whole model, history and all, in a
// golden file (go test -update rewrites it): every byte the assembly
// writes. It has no null anywhere and records its settings. The syntax
// loader keeps the go command's view of the module cache out of it.
func TestShopModel(t *testing.T) {
	dir := shopRepo(t)
	cfg := testConfig(dir)
	cfg.Syntax = true
	data, err := schema.Encode(model(t, cfg))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(string(data), dir, "/src/shop")
	golden(t, "../testdata/shop.model.json", got)
	if strings.Contains(got, "null") {
		t.Error("null in the model")
	}
	for _, want := range []string{`"settings": {`, `"weights": {`, `"cochange": 1,`, `"seed": 1,`, `"restarts": 16,`, `"links": [`, `"coupling": [`} {
		if !strings.Contains(got, want) {
			t.Errorf("the model lacks %s", want)
		}
	}
}
