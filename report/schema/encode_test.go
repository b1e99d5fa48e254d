package schema

import (
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestEncodeWritesNoNull(t *testing.T) {
	m := &Model{Schema: Version, Contexts: []Context{{ID: "c1"}}, Settings: Settings{Declared: map[string][]string{"x": nil}}}
	data, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "null") {
		t.Errorf("null in the encoded model:\n%s", data)
	}
	for _, want := range []string{`"packages": []`, `"inbound": []`, `"declared": {`, `"x": []`, `"weights": {}`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("encoded model lacks %s", want)
		}
	}
}

// TestNormalizeOnce: a normalized model is only read by what encodes
// it, so that its JSON and the page's can be written side by side.
func TestNormalizeOnce(t *testing.T) {
	m := &Model{Schema: Version, Contexts: []Context{{ID: "c1"}},
		Settings: Settings{Declared: map[string][]string{"x": nil, "y": {"a"}}}}
	if changed, err := normalize(reflect.ValueOf(m)); err != nil || !changed {
		t.Fatalf("first normalize: changed %v, %v; want a change", changed, err)
	}
	before, _ := Encode(m)
	if changed, err := normalize(reflect.ValueOf(m)); err != nil || changed {
		t.Errorf("normalize of a normalized model: changed %v, %v; want no change", changed, err)
	}
	// Concurrent encodings of it: the race detector sees any write.
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Go(func() { outs[i], _ = Encode(m) })
	}
	wg.Wait()
	for i, out := range outs {
		if string(out) != string(before) {
			t.Errorf("encoding %d differs", i)
		}
	}
}

func TestEncodeRejectsNonFinite(t *testing.T) {
	for _, tc := range []struct {
		v    any
		path string
	}{
		{&Model{Metrics: &Figures{ICP: math.NaN()}}, "$.metrics.icp"},
		{&Model{Contexts: []Context{{}, {Pressure: Score{Inputs: []Input{{Raw: math.Inf(1)}}}}}}, "$.contexts[1].pressure.inputs[0].raw"},
		{&Model{Settings: Settings{Weights: map[Layer]float64{LayerData: math.Inf(-1)}}}, "$.settings.weights.data"},
		{&Trend{Points: []TrendPoint{{Metrics: Figures{Modularity: LayerFigures{Imports: math.NaN()}}}}}, "$.points[0].metrics.modularity.imports"},
	} {
		_, err := Encode(tc.v)
		if err == nil || !strings.HasPrefix(err.Error(), tc.path+" is ") {
			t.Errorf("Encode: %v, want an error naming %s", err, tc.path)
		}
	}
}

func TestVocabularies(t *testing.T) {
	if got, err := Parse(Layers, "layer", "data"); err != nil || got != LayerData {
		t.Errorf("Parse data = %q, %v", got, err)
	}
	if _, err := Parse(Signals, "signal", "gitlog"); err == nil || err.Error() != `unknown signal "gitlog" (known: imports, sql, history, vocabulary)` {
		t.Errorf("Parse gitlog: %v", err)
	}
	for _, tc := range []struct {
		read, write, ddl bool
		want             ContextAccess
	}{{true, false, false, "read"}, {true, true, false, "read+write"}, {false, true, true, "write+ddl"}, {true, true, true, "read+write+ddl"}} {
		got := JoinAccess(tc.read, tc.write, tc.ddl)
		if got != tc.want || got.Has(AccessWrite) != tc.write || got.Has(AccessRead) != tc.read {
			t.Errorf("JoinAccess(%v, %v, %v) = %q", tc.read, tc.write, tc.ddl, got)
		}
	}
}
