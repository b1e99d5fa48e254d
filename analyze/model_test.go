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

// TestSources checks that a package's files add up to the package: their
// lines of code to its lines of code, their window churn to no more than
// its window churn (which counts its test and .sql files too), and each
// file's commits to no more than its package's.
func TestSources(t *testing.T) {
	cfg := testConfig(shopRepo(t))
	cfg.Syntax = true
	m := model(t, cfg)
	changed, equal := 0, 0
	for _, p := range m.Packages {
		loc, churn := 0, 0
		for _, f := range p.Sources {
			loc += f.LOC
			churn += f.Churn
			if f.Revisions > 0 {
				changed++
			}
			if p.History != nil && f.Revisions > p.History.Window.Revisions {
				t.Errorf("%s/%s: %d commits in the window, its package %d", p.Path, f.Name, f.Revisions, p.History.Window.Revisions)
			}
		}
		if len(p.Sources) != p.Files || loc != p.LOC {
			t.Errorf("%s: %d sources of %d LOC, the package %d files of %d", p.Path, len(p.Sources), loc, p.Files, p.LOC)
		}
		if p.History != nil && churn > p.History.Window.Churn {
			t.Errorf("%s: its files churned %d lines in the window, the package %d", p.Path, churn, p.History.Window.Churn)
		}
		if p.History != nil && churn == p.History.Window.Churn && churn > 0 {
			equal++
		}
	}
	if equal == 0 {
		t.Error("no package's files churned as much as the package")
	}
	if changed == 0 {
		t.Error("no file of the fixture changed in the window")
	}
}
