package analyze

import (
	"maps"
	"path"
	"testing"
	"testing/fstest"

	"github.com/seams-tool/seams/analyze/scope"
)

// TestMovesOneToOne checks what graph.Renamed and cluster.Renamed ask of
// a trend's moves: no two directories move onto one, and none onto a
// package the commit already has (where the two would become one node).
func TestMovesOneToOne(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("package p\n")}
	fsys := fstest.MapFS{
		"a/x.go": file, "b/y.go": file, // both renamed into n/
		"c/z.go": file, "d/w.go": file, // c/z.go renamed into d/, which the commit has
		"e/v.go": file, "f/u.go": file, // gone; the directory moves send both to m/
		"k/k.go": file, // unchanged
	}
	rp := &replay{
		rules:  &scope.Rules{},
		prefix: ".",
		today:  map[string]string{"a/x.go": "n/x.go", "b/y.go": "n/y.go", "c/z.go": "d/z.go"},
		now: &today{
			files: map[string]bool{"n/x.go": true, "n/y.go": true, "d/z.go": true, "d/w.go": true, "m/v.go": true, "k/k.go": true},
			dirs:  map[string]bool{"n": true, "d": true, "m": true, "k": true},
			rules: map[[2]string]int{{"e", "m"}: 1, {"f", "m"}: 1},
		},
	}
	got := rp.moves(fsys)
	want := map[string]string{"a": "n", "e": "m"}
	if !maps.Equal(got, want) {
		t.Errorf("moves = %v, want %v", got, want)
	}
	dirs := map[string]bool{}
	for f := range fsys {
		dirs[path.Dir(f)] = true
	}
	onto := map[string]string{}
	for from, to := range got {
		if other, ok := onto[to]; ok {
			t.Errorf("%s and %s both move to %s", from, other, to)
		}
		onto[to] = from
		if dirs[to] {
			t.Errorf("%s moves onto %s, a directory of the commit", from, to)
		}
	}
}
