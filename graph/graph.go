package graph

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/seams-tool/seams/graph/cochange"
)

// Layer is one kind of coupling evidence between packages.
type Layer int

// The layers. Package report/schema names them in this order.
const (
	Imports    Layer = iota // import edges, both directions folded
	Data                    // packages sharing database tables
	CoChange                // packages changing in the same commits
	Vocabulary              // packages speaking of the same things
	NumLayers
)

// Weights scale the layers in the fused graph, after each layer has been
// normalized to total weight 1, indexed by Layer.
type Weights [NumLayers]float64

// DefaultWeights count every layer alike.
func DefaultWeights() Weights { return Weights{1, 1, 1, 1} }

// MaxWeight bounds a layer's weight: weights are relative, and a bound
// keeps their sums finite.
const MaxWeight = 1e6

// Validate says why the weights cannot be used, if they cannot: each must
// be a finite number in 0..MaxWeight, and one at least above 0.
func (w Weights) Validate() error {
	sum := 0.0
	for l, v := range w {
		if math.IsNaN(v) || v < 0 || v > MaxWeight {
			return fmt.Errorf("weight of layer %d: want a number in 0..%g, got %v", l, MaxWeight, v)
		}
		sum += v
	}
	if sum == 0 {
		return fmt.Errorf("weights: at least one layer needs a weight above 0")
	}
	return nil
}

// Node is a package as the coupling model sees it, or a part of one.
type Node struct {
	Path string // the package directory, its identity
	LOC  int
	Main bool // a command
	// Whole is set on a part of a package: a group of the files of a
	// package too large to place whole (see package graph/filegroups),
	// clustered as a node of its own. It is the package's path; Path is
	// then the part's, below it.
	Whole string
}

// Import is a directed import between two packages.
type Import struct {
	From, To string
	Files    int    // files of From that import To
	At       string // the first place (file:line) where From imports To
}

// TableUse is one package's access to one table.
type TableUse struct {
	Package, Table string
	Write          bool // false: read
	DDL            bool // defines the table (migrations): no runtime coupling
	Carried        bool // through a call into another package's function
	// At is the first statement (file:line) through which the package
	// has this access with its own SQL; empty for carried access. Sites
	// are all such statements, Verbs their kinds (insert, update, delete,
	// select, ddl), sorted.
	At    string
	Sites []string
	Verbs []string
}

// SymbolUse is how often one package uses an exported declaration of
// another: the calls an extracted service would have to answer.
type SymbolUse struct {
	From, To string // package paths
	Symbol   string // "F", "T", "T.M"
	Kind     string // func, method, type, var, const, field
	Sites    int
}

// Similar is two packages whose vocabularies are alike.
type Similar struct {
	A, B       string
	Similarity float64 // cosine of their term vectors, in (0, 1]
}

// Term is a domain term of a package's vocabulary and its weight there.
type Term struct {
	Word   string
	Weight float64
}

// Input is the evidence the graph is built from.
type Input struct {
	Nodes      []Node
	Imports    []Import
	Tables     []TableUse
	CoChange   []cochange.Pair
	Vocabulary []Similar
	// Terms are each package's heaviest domain terms, heaviest first: they
	// name the contexts. CommonTerms are words so common in the repository
	// that they name no one package, but may name a context's path.
	Terms       map[string][]Term
	CommonTerms []string
	// Uses are the packages' uses of each other's exported declarations,
	// sorted by From, To, Symbol; Homonyms the exported type names several
	// packages declare (name -> packages). Both feed the extraction plans.
	Uses     []SymbolUse
	Homonyms map[string][]string
	// SameLayer, when set, reports whether two packages are different
	// slices of one technical layer (see package graph/tiers): evidence
	// between them says little about either's domain.
	SameLayer func(a, b string) bool
	// Sliced holds the packages that are a domain's slice of a technical
	// layer: they belong to their domain, not to a delivery layer.
	Sliced map[string]bool
	// LayerDirs are the directories of the technical layers, sorted.
	LayerDirs []string
	// Module, when set, names the Go module a package belongs to: in a
	// repository of several modules, their boundaries are ones the
	// authors drew, and co-change or shared words across them say less
	// than within one (see crossModule).
	Module func(path string) string
}

// crossModule discounts co-change and vocabulary between packages of
// different modules: a commit that touches several services, or two
// services speaking of the same trainings, is the normal life of a
// repository of modules, not a sign that they are one. Imports and
// shared tables across modules are real dependencies and keep their
// weight.
const crossModule = 0.25

// moduleFactor is the weight of evidence between packages a and b.
func (g *Graph) moduleFactor(a, b string) float64 {
	if g.in.Module == nil {
		return 1
	}
	if ma, mb := g.in.Module(a), g.in.Module(b); ma != mb {
		return crossModule
	}
	return 1
}

// Access weights for two packages sharing a table, as in Service Cutter.
const (
	writeWrite = 10
	readWrite  = 3
	readRead   = 3
	// carriedFactor discounts access a package has only through calls: the
	// callee's package already carries the direct coupling.
	carriedFactor = 0.5
)

// sameLayerFactor discounts the evidence between two slices of one
// technical layer: the pull-request controller calling the repository
// controller is a layer's plumbing more than a domain's dependency, a
// commit that touches every controller is a change of the layer, and the
// controllers' shared words are the layer's. Applied to every layer of
// evidence, not to imports alone, it took gitea's ARI from 0.388 to 0.410
// and harness's from 0.381 to 0.399 (ground-truth mean 0.401 to 0.404,
// median 0.377 to 0.376).
const sameLayerFactor = 0.5

// layerFactor is the weight of evidence between packages a and b by
// their technical layers.
func (g *Graph) layerFactor(a, b string) float64 {
	if g.in.SameLayer != nil && g.in.SameLayer(a, b) {
		return sameLayerFactor
	}
	return 1
}

// MaxCoChangeP is the significance a co-change pair needs to couple two
// packages: pairs whose p-value is above it could share their commits by
// chance.
const MaxCoChangeP = 0.05

// Edge is an undirected weighted edge between two nodes, A < B, by index.
type Edge struct {
	A, B int
	W    float64
}

// Graph is the fused coupling graph over a repository's packages: one
// weighted, undirected layer per kind of evidence, each normalized to
// total weight 1, and their sum scaled by the weights. It also keeps the
// evidence it was built from, for the figures that need direction
// (imports) or detail (table accesses).
//
// A Graph is immutable once built.
type Graph struct {
	nodes   []Node // sorted by path; a node's index is its position
	index   map[string]int
	in      Input // the evidence, imports sorted by From, To
	weights Weights
	raw     [NumLayers][]Edge // each layer before normalizing, sorted
	layers  [NumLayers][]Edge // each layer normalized, sorted
	fused   []Edge            // the weighted sum, sorted
}

// New builds the fused graph over in.Nodes. Evidence naming packages that
// are not nodes is ignored. The weights must be valid.
func New(in Input, w Weights) *Graph {
	nodes := slices.Clone(in.Nodes)
	slices.SortFunc(nodes, func(a, b Node) int { return cmp.Compare(a.Path, b.Path) })
	index := make(map[string]int, len(nodes))
	for i, n := range nodes {
		index[n.Path] = i
	}
	// Sorted, so that A->B and B->A add up in the same order every time.
	in.Imports = slices.Clone(in.Imports)
	slices.SortFunc(in.Imports, func(a, b Import) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	g := &Graph{nodes: nodes, index: index, in: in, weights: w}
	g.add(Imports, g.importLayer())
	g.add(Data, g.dataLayer())
	g.add(CoChange, g.cochangeLayer())
	g.add(Vocabulary, g.vocabularyLayer())
	g.sum()
	return g
}

// Without is the graph over the packages for which shared is false, each
// layer normalized again over what is left. The shared kernel is taken out
// before clustering, and it holds a different share of each layer (nearly
// every package imports log, few co-change with it): normalizing over the
// whole graph would let that share, not the layer weights, decide how much
// each layer counts among the packages being clustered. The nodes stay;
// only their edges go.
func (g *Graph) Without(shared func(path string) bool) *Graph {
	h := &Graph{nodes: g.nodes, index: g.index, in: g.in, weights: g.weights}
	for l := range NumLayers {
		var raw []Edge
		for _, e := range g.raw[l] {
			if !shared(g.nodes[e.A].Path) && !shared(g.nodes[e.B].Path) {
				raw = append(raw, e)
			}
		}
		h.add(l, raw)
	}
	h.sum()
	return h
}

// add normalizes a layer to total weight 1: a layer with thousands of
// file-weighted imports must not drown one with a dozen co-change pairs.
func (g *Graph) add(l Layer, raw []Edge) {
	// Sums run in edge order: float addition is not associative, and any
	// other order would make the last bits, and so the clustering, vary.
	sum := 0.0
	for _, e := range raw {
		sum += e.W
	}
	g.raw[l] = raw
	g.layers[l] = nil
	if sum > 0 {
		norm := make([]Edge, len(raw))
		for i, e := range raw {
			norm[i] = Edge{e.A, e.B, e.W / sum}
		}
		g.layers[l] = norm
	}
}

// sum fuses the normalized layers into one, scaled by the weights.
func (g *Graph) sum() {
	total := map[[2]int]float64{}
	for l := range NumLayers {
		w := g.weights[l]
		if w <= 0 {
			continue
		}
		sum := 0.0
		for _, e := range g.raw[l] {
			sum += e.W
		}
		for _, e := range g.raw[l] {
			total[[2]int{e.A, e.B}] += w * e.W / sum
		}
	}
	g.fused = edges(total)
}

// edges turns a weight map into an edge list sorted by A, then B.
func edges(m map[[2]int]float64) []Edge {
	out := make([]Edge, 0, len(m))
	for k, w := range m {
		out = append(out, Edge{k[0], k[1], w})
	}
	slices.SortFunc(out, func(a, b Edge) int { return cmp.Or(cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B)) })
	return out
}

func key(i, j int) [2]int {
	if i > j {
		i, j = j, i
	}
	return [2]int{i, j}
}

func (g *Graph) importLayer() []Edge {
	// An import of a package that most of the repository imports says
	// little about which domain the importer belongs to, as a word in
	// every document says little about its topic: each edge is weighed
	// by the imported package's inverse document frequency, its importers
	// being its documents.
	fanIn := make([]int, len(g.nodes))
	for _, e := range g.in.Imports {
		if j, ok := g.index[e.To]; ok && e.From != e.To {
			fanIn[j]++
		}
	}
	n := float64(len(g.nodes))
	raw := map[[2]int]float64{}
	for _, e := range g.in.Imports {
		i, ok1 := g.index[e.From]
		j, ok2 := g.index[e.To]
		if !ok1 || !ok2 || i == j {
			continue
		}
		// Both directions fold into one edge; log damps the packages that
		// every file imports.
		idf := math.Log((n + 1) / float64(fanIn[j]+1))
		if idf <= 0 {
			continue
		}
		w := math.Log1p(float64(e.Files)) * idf
		raw[key(i, j)] += w * g.layerFactor(e.From, e.To)
	}
	return edges(raw)
}

func (g *Graph) dataLayer() []Edge {
	type access struct{ write, read float64 }
	byTable := map[string]map[int]*access{}
	for _, u := range g.in.Tables {
		i, ok := g.index[u.Package]
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
	raw := map[[2]int]float64{}
	for _, t := range slices.Sorted(maps.Keys(byTable)) {
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
		ids := slices.Sorted(maps.Keys(m))
		for x, i := range ids {
			for _, j := range ids[x+1:] {
				a, b := m[i], m[j]
				w := writeWrite*a.write*b.write + readWrite*(a.write*b.read+a.read*b.write) + readRead*a.read*b.read
				// A package that both reads and writes counts once, at its
				// strongest kind of access.
				w = math.Min(w, writeWrite)
				raw[key(i, j)] += w * idf * g.layerFactor(g.nodes[i].Path, g.nodes[j].Path)
			}
		}
	}
	return edges(raw)
}

func (g *Graph) cochangeLayer() []Edge {
	raw := map[[2]int]float64{}
	for _, p := range g.in.CoChange {
		i, ok1 := g.index[p.A]
		j, ok2 := g.index[p.B]
		if !ok1 || !ok2 || p.P > MaxCoChangeP {
			continue
		}
		raw[key(i, j)] += p.Degree / 100 * g.moduleFactor(p.A, p.B) * g.layerFactor(p.A, p.B)
	}
	return edges(raw)
}

func (g *Graph) vocabularyLayer() []Edge {
	raw := map[[2]int]float64{}
	for _, p := range g.in.Vocabulary {
		i, ok1 := g.index[p.A]
		j, ok2 := g.index[p.B]
		if !ok1 || !ok2 || i == j || !(p.Similarity > 0) {
			continue
		}
		raw[key(i, j)] += p.Similarity * g.moduleFactor(p.A, p.B) * g.layerFactor(p.A, p.B)
	}
	return edges(raw)
}

// Len is the number of nodes.
func (g *Graph) Len() int { return len(g.nodes) }

// Nodes are the packages, sorted by path; a node's index is its position.
func (g *Graph) Nodes() []Node { return g.nodes }

// Index returns the index of the node with the path.
func (g *Graph) Index(path string) (int, bool) {
	i, ok := g.index[path]
	return i, ok
}

// Path is the path of node i.
func (g *Graph) Path(i int) string { return g.nodes[i].Path }

// Weights are the layer weights the graph was fused with.
func (g *Graph) Weights() Weights { return g.weights }

// Imports are the import edges, sorted by From, then To.
func (g *Graph) Imports() []Import { return g.in.Imports }

// Tables are the table accesses, as given.
func (g *Graph) Tables() []TableUse { return g.in.Tables }

// CoChangePairs are the co-change pairs, as given.
func (g *Graph) CoChangePairs() []cochange.Pair { return g.in.CoChange }

// Sliced reports whether the package is a domain's slice of a technical
// layer.
func (g *Graph) Sliced(path string) bool { return g.in.Sliced[path] }

// InLayer reports whether a directory is a technical layer's or lies
// below one.
func (g *Graph) InLayer(dir string) bool {
	return slices.ContainsFunc(g.in.LayerDirs, func(l string) bool {
		return dir == l || strings.HasPrefix(dir, l+"/")
	})
}

// Terms are the package's heaviest domain terms, heaviest first.
func (g *Graph) Terms(path string) []Term { return g.in.Terms[path] }

// Uses are the packages' uses of each other's exported declarations.
func (g *Graph) Uses() []SymbolUse { return g.in.Uses }

// Homonyms are the exported type names several packages declare, with
// the packages.
func (g *Graph) Homonyms() map[string][]string { return g.in.Homonyms }

// CommonTerms are the words too common in the repository to tell its
// packages apart.
func (g *Graph) CommonTerms() []string { return g.in.CommonTerms }

// Layer is layer l's edges, normalized to total weight 1 (none when the
// layer has no weight at all), sorted by A, then B.
func (g *Graph) Layer(l Layer) []Edge { return g.layers[l] }

// Fused is the weighted sum of the normalized layers, sorted by A, then B.
func (g *Graph) Fused() []Edge { return g.fused }

// Degree is each node's total fused weight.
func (g *Graph) Degree() []float64 {
	d := make([]float64, len(g.nodes))
	for _, e := range g.fused {
		d[e.A] += e.W
		d[e.B] += e.W
	}
	return d
}
