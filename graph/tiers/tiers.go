package tiers

import (
	"cmp"
	"maps"
	"path"
	"slices"
	"strings"
)

// The thresholds of layer detection.
const (
	MinSlices  = 3   // a layer has at least this many child slices
	MinShared  = 3   // two layers share at least this many slice names
	MinOverlap = 0.3 // and at least this share of the smaller layer's
)

// Layer is a technical layer: a directory and its slices.
type Layer struct {
	Dir    string
	Slices []Slice // sorted by name
}

// Slice is one child of a layer: a domain's part of it.
type Slice struct {
	Name string
	// Packages are the packages at or below the slice's directory, sorted.
	Packages []string
}

// Import is a directed import between two packages.
type Import struct{ From, To string }

// Detect finds the layers among the package paths (slash-separated
// directories relative to the repository root), given their imports.
// Layers are sorted by directory; a directory inside another layer's slice
// can be a layer too.
func Detect(packages []string, imports []Import) []Layer {
	// children: directory -> child name -> packages at or below it.
	children := map[string]map[string][]string{}
	for _, p := range packages {
		for d := p; d != "." && d != "/" && d != ""; {
			parent := path.Dir(d)
			if children[parent] == nil {
				children[parent] = map[string][]string{}
			}
			name := path.Base(d)
			children[parent][name] = append(children[parent][name], p)
			d = parent
		}
	}
	// linked holds, per two directories, the slice names under which
	// packages of one import packages of the other.
	type dirs struct{ a, b string }
	linked := map[dirs]map[string]bool{}
	for _, e := range imports {
		for _, x := range ancestry(e.From) {
			for _, y := range ancestry(e.To) {
				if x.name != y.name || x.dir == y.dir || within(x.dir, y.dir) || within(y.dir, x.dir) {
					continue
				}
				k := dirs{min(x.dir, y.dir), max(x.dir, y.dir)}
				if linked[k] == nil {
					linked[k] = map[string]bool{}
				}
				linked[k][x.name] = true
			}
		}
	}
	layer := map[string]bool{}
	for k, names := range linked {
		ca, cb := children[k.a], children[k.b]
		if len(ca) < MinSlices || len(cb) < MinSlices {
			continue
		}
		if shared := len(names); shared >= MinShared && float64(shared) >= MinOverlap*float64(min(len(ca), len(cb))) {
			layer[k.a], layer[k.b] = true, true
		}
	}
	var out []Layer
	for _, d := range slices.Sorted(maps.Keys(layer)) {
		l := Layer{Dir: d}
		for _, name := range slices.Sorted(maps.Keys(children[d])) {
			ps := slices.Clone(children[d][name])
			slices.Sort(ps)
			l.Slices = append(l.Slices, Slice{Name: name, Packages: slices.Compact(ps)})
		}
		out = append(out, l)
	}
	return out
}

// step is one ancestor of a package: a directory and the name of its
// child the package lies in.
type step struct{ dir, name string }

// ancestry lists a package's ancestors with the child each leads to.
func ancestry(p string) []step {
	var out []step
	for d := p; d != "." && d != "/" && d != ""; {
		parent := path.Dir(d)
		out = append(out, step{parent, path.Base(d)})
		d = parent
	}
	return out
}

// within reports whether directory d lies at or below dir.
func within(d, dir string) bool {
	return d == dir || dir == "." || strings.HasPrefix(d, dir+"/")
}

// Pair is two packages the layers relate.
type Pair struct{ A, B string } // A < B

// Aligned pairs the slices of the same name in different layers: the
// packages at the top of each slice (the slice's own directory, or its
// shallowest packages), one pair per two layers sharing the name. Sorted.
func Aligned(layers []Layer) []Pair {
	heads := map[string][]string{} // slice name -> head packages over all layers
	for _, l := range layers {
		for _, s := range l.Slices {
			heads[s.Name] = append(heads[s.Name], head(s)...)
		}
	}
	set := map[Pair]bool{}
	for _, hs := range heads {
		for i, a := range hs {
			for _, b := range hs[i+1:] {
				if a == b || within(a, b) || within(b, a) {
					continue
				}
				set[Pair{min(a, b), max(a, b)}] = true
			}
		}
	}
	return slices.SortedFunc(maps.Keys(set), func(x, y Pair) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
}

// head is the shallowest packages of a slice.
func head(s Slice) []string {
	depth := -1
	var out []string
	for _, p := range s.Packages {
		switch d := strings.Count(p, "/"); {
		case depth < 0 || d < depth:
			depth, out = d, []string{p}
		case d == depth:
			out = append(out, p)
		}
	}
	return out
}

// SameLayer returns a function reporting whether two packages lie in
// different slices of one layer.
func SameLayer(layers []Layer) func(a, b string) bool {
	sliceOf := map[string][]string{} // package -> "layer\x00slice" of every layer it lies in
	for _, l := range layers {
		for _, s := range l.Slices {
			for _, p := range s.Packages {
				sliceOf[p] = append(sliceOf[p], l.Dir+"\x00"+s.Name)
			}
		}
	}
	return func(a, b string) bool {
		for _, x := range sliceOf[a] {
			lx, sx, _ := strings.Cut(x, "\x00")
			for _, y := range sliceOf[b] {
				ly, sy, _ := strings.Cut(y, "\x00")
				if lx == ly && sx != sy {
					return true
				}
			}
		}
		return false
	}
}
