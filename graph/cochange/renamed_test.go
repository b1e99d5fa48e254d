package cochange

import (
	"reflect"
	"testing"
)

// TestRenamed checks that a history moved to new paths is the history
// aggregated with the packages at those paths from the start.
func TestRenamed(t *testing.T) {
	commits := []Commit{
		commit(0, "ann", "a/x.go", "b/y.go"),
		commit(10, "bob", "a/x.go", "b/y.go", "c/w.go"),
		commit(20, "ann", "a/x.go", "b/y.go", "c/w.go"),
		commit(400, "dan", "a/x.go", "c/w.go"),
		commit(410, "ann", "c/w.go", "a/x.go", "b/y.go"),
	}
	opt := DefaultOptions()
	opt.MinShared = 1
	// a moves after b and c (pairs swap sides and reorder), c before b.
	moved := map[string]string{"a": "z", "c": "0c"}
	movedOf := func(f string) (string, bool) {
		p, ok := pkgOf(f)
		if q, m := moved[p]; m {
			p = q
		}
		return p, ok
	}
	want := Aggregate(commits, opt, Files{PackageOf: movedOf})
	h := Aggregate(commits, opt, Files{PackageOf: pkgOf})
	got := h.Renamed(moved)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("renamed history:\n%+v\nwant:\n%+v", got, want)
	}
	if reflect.DeepEqual(h.Pairs, want.Pairs) {
		t.Fatal("the move changed no pair: the test would prove little")
	}
	if h.Renamed(nil) != h {
		t.Error("Renamed(nil) is a new history; want the history itself")
	}
	var none *History
	if none.Renamed(moved) != nil {
		t.Error("a nil history renamed is not nil")
	}
}
