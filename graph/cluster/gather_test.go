package cluster

import (
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/seams-tool/seams/graph"
)

// TestGather checks how a partition of parts becomes one of packages: a
// package goes where most of its parts' lines went, its largest part
// there speaks for it, and each part's place names a package that stays.
func TestGather(t *testing.T) {
	nodes := []graph.Node{
		{Path: "billing", LOC: 100},
		{Path: "shipping", LOC: 100},
		{Path: "log", LOC: 50},
		{Path: "core/#billing", LOC: 300, Whole: "core"},
		{Path: "core/#shipping", LOC: 200, Whole: "core"},
		{Path: "core/#invoice", LOC: 150, Whole: "core"},
		{Path: "core/#log", LOC: 100, Whole: "core"},
	}
	g := graph.New(graph.Input{Nodes: nodes}, graph.DefaultWeights())
	part := func(members [][]string, shared, tooling map[string]string, unplaced ...string) *Partition {
		p := &Partition{Members: members, Declared: make([]string, len(members)), Shared: shared, Tooling: tooling, Unplaced: unplaced, Confidence: map[string]float64{}}
		for _, ms := range members {
			for _, m := range ms {
				p.Confidence[m] = float64(len(m)) / 100
			}
		}
		p.normalize()
		return p
	}
	tests := []struct {
		name    string
		in      *Partition
		members [][]string
		shared  []string
		with    map[string]string // part -> PartPlace.With
		conf    float64           // core's confidence: its speaker's
	}{{
		name: "most lines win over most parts",
		in: part([][]string{
			{"billing", "core/#billing"},               // 300 lines in one part
			{"core/#invoice", "core/#log", "shipping"}, // 250 in two
			{"core/#shipping", "log"},                  // 200
		}, nil, nil),
		members: [][]string{{"billing", "core"}, {"log"}, {"shipping"}},
		with:    map[string]string{"core/#billing": "billing", "core/#invoice": "shipping", "core/#log": "shipping", "core/#shipping": "log"},
		conf:    float64(len("core/#billing")) / 100,
	}, {
		name: "a context of parts alone vanishes with them",
		in: part([][]string{
			{"billing", "shipping"},
			{"core/#billing", "core/#shipping"}, // 500 lines
			{"core/#invoice"},
		}, map[string]string{"log": "kernel"}, nil, "core/#log"),
		members: [][]string{{"billing", "shipping"}, {"core"}},
		shared:  []string{"log"},
		with:    map[string]string{"core/#billing": "core", "core/#shipping": "core", "core/#invoice": "core", "core/#log": ""},
		conf:    float64(len("core/#billing")) / 100,
	}, {
		name: "a package mostly in the kernel is kernel",
		in: part([][]string{
			{"billing", "core/#invoice"},
			{"shipping"},
		}, map[string]string{"log": "kernel", "core/#billing": "kernel", "core/#shipping": "kernel", "core/#log": "kernel"}, nil),
		members: [][]string{{"billing"}, {"shipping"}},
		shared:  []string{"core", "log"},
		with:    map[string]string{"core/#billing": "", "core/#shipping": "", "core/#invoice": "billing", "core/#log": ""},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.in.Gather(g)
			if !reflect.DeepEqual(q.Members, tt.members) {
				t.Errorf("members %v, want %v", q.Members, tt.members)
			}
			if got := slices.Sorted(maps.Keys(q.Shared)); !reflect.DeepEqual(got, tt.shared) {
				t.Errorf("shared %v, want %v", got, tt.shared)
			}
			for p := range q.Of {
				if _, ok := g.Index(p); !ok && p != "core" {
					t.Errorf("%s is placed but is no package", p)
				}
			}
			for _, ms := range q.Members {
				for _, m := range ms {
					if slices.Contains([]string{"core/#billing", "core/#shipping", "core/#invoice", "core/#log"}, m) {
						t.Errorf("part %s survived the gathering", m)
					}
				}
			}
			for pt, want := range tt.with {
				pl, ok := q.Parts[pt]
				if !ok {
					t.Errorf("no place for %s", pt)
					continue
				}
				if pl.With != want {
					t.Errorf("%s went with %q, want %q", pt, pl.With, want)
				}
				if want != "" {
					if _, ok := q.Of[pl.With]; !ok {
						t.Errorf("%s went with %s, which is in no context", pt, pl.With)
					}
				}
			}
			if _, ok := q.Of["core"]; ok && q.Confidence["core"] != tt.conf {
				t.Errorf("core's confidence %v, want %v (its largest part's)", q.Confidence["core"], tt.conf)
			}
		})
	}
}
