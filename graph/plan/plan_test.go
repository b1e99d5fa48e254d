package plan

import (
	"reflect"
	"testing"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/internal/graphtest"
	"github.com/seams-tool/seams/graph/rank"
)

// TestFlowsAndSharedWrites uses the hand case: table t is written by a1
// (context A) and b2 (context B), table u written by a1 and read by b1.
func TestFlowsAndSharedWrites(t *testing.T) {
	in, h, members := graphtest.Hand()
	for i := range in.Tables {
		u := &in.Tables[i]
		if u.Write {
			u.Verbs, u.Sites = []string{"insert", "update"}, []string{u.Package + "/f.go:1"}
		}
	}
	in.Uses = []graph.SymbolUse{
		{From: "b3", To: "a2", Symbol: "Post", Kind: "func", Sites: 3},
		{From: "b1", To: "a2", Symbol: "Post", Kind: "func", Sites: 1},
		{From: "a1", To: "b1", Symbol: "Account", Kind: "type", Sites: 2},
		{From: "a1", To: "a2", Symbol: "Inner", Kind: "func", Sites: 9}, // inside A: no boundary
	}
	in.Homonyms = map[string][]string{"Entry": {"a2", "b3"}, "Local": {"a1", "a2"}}
	g := graph.New(in, graph.DefaultWeights())
	part := cluster.FromMembers(members, []string{"", ""})
	cs := rank.Contexts(g, part, h)
	plans := Build(g, cs, h)
	var a, b Plan
	for i, c := range cs {
		if c.Packages[0] == "a1" {
			a = plans[i]
		} else {
			b = plans[i]
		}
	}
	idA, idB := a.Context, b.Context
	if want := []Symbol{{Package: "a2", Symbol: "Post", Kind: "func", UsedBy: []string{"b1", "b3"}, Contexts: []string{idB}, Sites: 4}}; !reflect.DeepEqual(a.API, want) {
		t.Errorf("A's api = %+v, want %+v", a.API, want)
	}
	if want := []Symbol{{Package: "b1", Symbol: "Account", Kind: "type", UsedBy: []string{"a1"}, Contexts: []string{idB}, Sites: 2}}; !reflect.DeepEqual(a.Uses, want) {
		t.Errorf("A's uses = %+v, want %+v", a.Uses, want)
	}
	if want := []Flow{{Table: "u", Verbs: []string{"created", "updated"}, Contexts: []string{idB}}}; !reflect.DeepEqual(a.Publishes, want) {
		t.Errorf("A publishes %+v, want %+v", a.Publishes, want)
	}
	if want := []Flow{{Table: "u", Verbs: []string{"created", "updated"}, Contexts: []string{idA}}}; !reflect.DeepEqual(b.Consumes, want) {
		t.Errorf("B consumes %+v, want %+v", b.Consumes, want)
	}
	if len(a.SharedWrites) != 1 || a.SharedWrites[0].Table != "t" || !reflect.DeepEqual(a.SharedWrites[0].Contexts, []string{idB}) || len(a.SharedWrites[0].Sites) != 2 {
		t.Errorf("A's shared writes = %+v", a.SharedWrites)
	}
	if want := []Homonym{{Type: "Entry", Packages: []string{"a2"}, Elsewhere: []string{"b3"}, Contexts: []string{idB}}}; !reflect.DeepEqual(a.Homonyms, want) {
		t.Errorf("A's homonyms = %+v, want %+v", a.Homonyms, want)
	}
	// Window commits touching A: days 380 (x) and 400 (x); day 390 is B's.
	if len(a.Owners) != 1 || a.Owners[0].Author != "x" || a.Commits != 2 || a.Concentration != 1 {
		t.Errorf("A's owners %+v of %d commits, concentration %v", a.Owners, a.Commits, a.Concentration)
	}
	var kinds []string
	for _, s := range a.Steps {
		kinds = append(kinds, s.Kind)
	}
	if want := []string{"events", "facade", "dual-write", "ownership", "callbacks", "retire"}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("steps %v, want %v", kinds, want)
	}
}
