package graph

import (
	"math"
	"sort"
)

// Layer names.
const (
	LayerImports  = "imports"
	LayerData     = "data"
	LayerCoChange = "cochange"
)

// Weights scale the layers in the fused graph, after each layer has been
// normalized to the same total weight. The zero value means 1, 1, 1.
type Weights struct {
	Imports, Data, CoChange float64
}

func (w Weights) orDefault() Weights {
	if w == (Weights{}) {
		return Weights{1, 1, 1}
	}
	return w
}

// of is the weight of the named layer.
func (w Weights) of(layer string) float64 {
	switch layer {
	case LayerImports:
		return w.Imports
	case LayerData:
		return w.Data
	}
	return w.CoChange
}

// Node is a package as the coupling model sees it.
type Node struct {
	Path string
	LOC  int
	Main bool
}

// ImportEdge is a directed import between two packages.
type ImportEdge struct {
	From, To string
	Files    int
}

// TableUse is one package's access to one table.
type TableUse struct {
	Package, Table string
	Write          bool // false: read
	DDL            bool // defines the table (migrations): no runtime coupling
	Carried        bool // through a call into another package's function
}

// Access weights for two packages sharing a table, as in Service Cutter.
const (
	writeWrite = 10
	readWrite  = 3
	readRead   = 3
	// carriedFactor discounts access a package has only through calls: the
	// callee's package already carries the direct coupling.
	carriedFactor = 0.5
	// minCoChangeP is the significance a co-change pair needs to count.
	minCoChangeP = 0.05
)

// Input is everything the coupling model is built from.
type Input struct {
	Nodes   []Node
	Imports []ImportEdge
	Tables  []TableUse
	History *History // nil without history
	Weights Weights
}

// pair is an undirected edge key, i < j, over node indexes.
type pair [2]int

func mkpair(i, j int) pair {
	if i > j {
		i, j = j, i
	}
	return pair{i, j}
}

// fused is the multi-layer graph over the input's nodes.
type fused struct {
	paths []string // sorted; a node's index is its ID
	index map[string]int
	// layers holds each layer's normalized weights (summing to 1) and
	// total the weighted sum of the layers.
	layers  map[string]map[pair]float64
	total   map[pair]float64
	raw     map[string]map[pair]float64 // each layer before normalizing
	weights Weights
}

// layerNames lists the layers in the order fuse adds them.
var layerNames = []string{LayerImports, LayerData, LayerCoChange}

func fuse(in *Input) *fused {
	paths := make([]string, 0, len(in.Nodes))
	for _, n := range in.Nodes {
		paths = append(paths, n.Path)
	}
	sort.Strings(paths)
	index := make(map[string]int, len(paths))
	for i, p := range paths {
		index[p] = i
	}
	f := newFused(paths, index, in.Weights.orDefault())
	f.add(LayerImports, f.importLayer(in.Imports))
	f.add(LayerData, f.dataLayer(in.Tables))
	f.add(LayerCoChange, f.cochangeLayer(in.History))
	return f
}

func newFused(paths []string, index map[string]int, w Weights) *fused {
	return &fused{paths: paths, index: index, weights: w,
		layers: map[string]map[pair]float64{}, total: map[pair]float64{}, raw: map[string]map[pair]float64{}}
}

// without is the fused graph over the packages that are not shared, each
// layer normalized again over what is left. The kernel is taken out before
// clustering, and it holds a different share of each layer (nearly every
// package imports log, few co-change with it): normalizing over the whole
// graph would let that share, not the layer weights, decide how much each
// layer counts among the packages being clustered.
func (f *fused) without(shared map[string]string) *fused {
	g := newFused(f.paths, f.index, f.weights)
	for _, name := range layerNames {
		raw := map[pair]float64{}
		for k, v := range f.raw[name] {
			if shared[f.paths[k[0]]] == "" && shared[f.paths[k[1]]] == "" {
				raw[k] = v
			}
		}
		g.add(name, raw)
	}
	return g
}

// add normalizes a layer to total weight 1 and adds it, scaled by its
// weight, to the fused graph: a layer with thousands of file-weighted
// imports must not drown one with a dozen co-change pairs.
func (f *fused) add(name string, raw map[pair]float64) {
	weight := f.weights.of(name)
	// Sums run in key order: float addition is not associative, and map
	// order would make the last bits, and so Louvain, vary run to run.
	keys := sortedPairs(raw)
	sum := 0.0
	for _, k := range keys {
		sum += raw[k]
	}
	norm := map[pair]float64{}
	if sum > 0 {
		for _, k := range keys {
			v := raw[k]
			norm[k] = v / sum
			if weight > 0 {
				f.total[k] += weight * v / sum
			}
		}
	}
	f.layers[name] = norm
	f.raw[name] = raw
}

func (f *fused) importLayer(imports []ImportEdge) map[pair]float64 {
	// Sorted, so that A->B and B->A add up in the same order every time.
	imports = append([]ImportEdge(nil), imports...)
	sort.Slice(imports, func(i, j int) bool {
		if imports[i].From != imports[j].From {
			return imports[i].From < imports[j].From
		}
		return imports[i].To < imports[j].To
	})
	raw := map[pair]float64{}
	for _, e := range imports {
		i, ok1 := f.index[e.From]
		j, ok2 := f.index[e.To]
		if !ok1 || !ok2 || i == j {
			continue
		}
		// Both directions fold into one edge; log damps the packages that
		// every file imports.
		raw[mkpair(i, j)] += math.Log1p(float64(e.Files))
	}
	return raw
}

func (f *fused) dataLayer(uses []TableUse) map[pair]float64 {
	type access struct{ write, read float64 }
	byTable := map[string]map[int]*access{}
	for _, u := range uses {
		i, ok := f.index[u.Package]
		if !ok || u.DDL {
			continue
		}
		m := byTable[u.Table]
		if m == nil {
			m = map[int]*access{}
			byTable[u.Table] = m
		}
		a := m[i]
		if a == nil {
			a = &access{}
			m[i] = a
		}
		strength := 1.0
		if u.Carried {
			strength = carriedFactor
		}
		if u.Write {
			a.write = math.Max(a.write, strength)
		} else {
			a.read = math.Max(a.read, strength)
		}
	}
	users := map[int]bool{}
	for _, m := range byTable {
		for i := range m {
			users[i] = true
		}
	}
	raw := map[pair]float64{}
	tables := make([]string, 0, len(byTable))
	for t := range byTable {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		m := byTable[t]
		if len(m) < 2 {
			continue
		}
		// An IDF factor: a table that nearly every package touches (users,
		// settings) says little about which of them belong together.
		idf := math.Log(float64(len(users)+1) / float64(len(m)))
		if idf <= 0 {
			continue
		}
		ids := make([]int, 0, len(m))
		for i := range m {
			ids = append(ids, i)
		}
		sort.Ints(ids)
		for x, i := range ids {
			for _, j := range ids[x+1:] {
				a, b := m[i], m[j]
				w := writeWrite*a.write*b.write + readWrite*(a.write*b.read+a.read*b.write) + readRead*a.read*b.read
				// A package that both reads and writes counts once, at its
				// strongest kind of access.
				w = math.Min(w, writeWrite)
				raw[mkpair(i, j)] += w * idf
			}
		}
	}
	return raw
}

func (f *fused) cochangeLayer(h *History) map[pair]float64 {
	raw := map[pair]float64{}
	if h == nil {
		return raw
	}
	for _, p := range h.Pairs {
		i, ok1 := f.index[p.A]
		j, ok2 := f.index[p.B]
		if !ok1 || !ok2 || p.P > minCoChangeP {
			continue
		}
		raw[mkpair(i, j)] += p.Degree / 100
	}
	return raw
}

// degree is a node's total fused weight.
func (f *fused) degree() []float64 {
	d := make([]float64, len(f.paths))
	for _, k := range sortedPairs(f.total) {
		d[k[0]] += f.total[k]
		d[k[1]] += f.total[k]
	}
	return d
}

// sortedPairs returns a weight map's keys in order, for sums that must
// come out the same to the last bit on every run.
func sortedPairs(m map[pair]float64) []pair {
	keys := make([]pair, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	return keys
}
