package schema

// Context is a candidate bounded context: a group of packages that belong
// together by the signals, and that could be cut out of the monolith as
// one service.
type Context struct {
	// ID is derived from the members, not from the context's position, so
	// it does not move when an unrelated context appears.
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Packages []string `json:"packages"`
	// Terms are its heaviest domain terms, heaviest first; the name is
	// one or two of them, or the path that holds most of its code.
	Terms []string `json:"terms"`
	LOC   int      `json:"loc"`
	// Tables lists the tables its packages touch.
	Tables []ContextTable `json:"tables"`
	// Pressure says how hot the context is; Risk what cutting it out
	// would break. Both are in 0..1, with every input shown.
	Pressure Score `json:"pressure"`
	Risk     Score `json:"risk"`
	// Order is the extraction order, 1 first: high pressure, low risk.
	Order int `json:"order"`
	// Band groups contexts whose order the history cannot tell apart:
	// their order intervals (pressure interval minus risk) overlap that
	// of the band's first context. Numbered from 1.
	Band   int    `json:"band"`
	Reason string `json:"reason"`
	// Heat is what the context's share of the window's commits says,
	// decided by its bootstrap interval against the fair share: one of
	// Heats.
	Heat string `json:"heat"`
	// Small is present when the context holds too little of the code to
	// be a service of its own. Small contexts come after the others in
	// the order.
	Small *Small `json:"small,omitempty"`
	// DataLayer is present when the context writes, with its own SQL, most
	// of the tables that contexts write so: the monolith's database layer,
	// ordered after the small contexts.
	DataLayer *DataLayer `json:"dataLayer,omitempty"`
	// Delivery marks the delivery layer (most of its code is commands and
	// packages that wire every domain together): the strangler's facade,
	// which stays; it comes last in the order.
	Delivery bool `json:"delivery,omitempty"`
	// Apart marks a context that nothing but the shared kernel ties to
	// another (no import either way, no shared table, no co-change):
	// already separate, not a cut to make; it comes after the small
	// contexts in the order.
	Apart bool `json:"apart,omitempty"`
	Cut   Cut  `json:"cut"`
	// Split marks a part of a context that held too large a share of the
	// packages and was clustered again on its own.
	Split bool `json:"split,omitempty"`
	// Joined names the directory whose contexts were joined into this
	// one: parts of one subsystem that a coarser clustering keeps
	// together.
	Joined string `json:"joined,omitempty"`
	// Plan is the strangler plan for extracting the context.
	Plan *Plan `json:"plan,omitempty"`
}

// DataLayer says how much of the monolith's data a context writes.
type DataLayer struct {
	Tables int `json:"tables"` // tables it writes with its own SQL
	Of     int `json:"of"`     // tables that some context writes with its own SQL
}

// Small says a context is too small to extract on its own.
type Small struct {
	// Share is its share of the code in contexts, under 0.02.
	Share float64 `json:"share"`
	// Partner is the context the signals couple it to most: the one to
	// merge it into; absent when nothing couples it to another.
	Partner string `json:"partner,omitempty"`
}

// Heats are the values of Context.Heat.
var Heats = []string{"hot", "about its share", "quiet", "little history", "no history"}

// Tier is a technical layer of the repository: a directory whose child
// slices are one per domain, as app/api/controller/<domain>.
type Tier struct {
	Dir    string      `json:"dir"`
	Slices []TierSlice `json:"slices"`
}

// TierSlice is one domain's slice of a technical layer.
type TierSlice struct {
	Name     string   `json:"name"`
	Packages []string `json:"packages"`
}

// ContextTable is a table as one context uses it.
type ContextTable struct {
	Name   string        `json:"name"`
	Access ContextAccess `json:"access"`
	// Shared is true when another context touches the table too;
	// SharedWrite when another context also writes it.
	Shared      bool `json:"shared"`
	SharedWrite bool `json:"sharedWrite"`
}

// Score is a 0..1 figure and how it was made: score = sum of
// weight * value over the inputs, with weights summing to 1.
type Score struct {
	Score float64 `json:"score"`
	// Low and High bound Score: for pressure, a 90% bootstrap interval
	// over the window's commits; for risk, which has no sampling error,
	// Score itself.
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	Inputs []Input `json:"inputs"`
}

// Input is one ingredient of a Score.
type Input struct {
	Name   string  `json:"name"`
	Raw    float64 `json:"raw"`    // the measured figure
	Value  float64 `json:"value"`  // Raw mapped to 0..1
	Weight float64 `json:"weight"` // its share of the score
	Note   string  `json:"note"`   // how Raw was measured and mapped
}

// Cut is what extracting a context would cut through.
type Cut struct {
	// Inbound are imports of the context's packages from other contexts:
	// the API it would have to expose. Outbound, what it would have to call.
	Inbound  []CutImport `json:"inbound"`
	Outbound []CutImport `json:"outbound"`
	// Tables it shares with other contexts, with the owner to give each to.
	Tables   []CutTable `json:"tables"`
	CoChange []CutPair  `json:"cochange"`
}

// CutImport is an import across the context boundary.
type CutImport struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Files   int    `json:"files"`
	Context string `json:"context"` // the context on the other side
}

// CutTable is a table shared across the boundary.
type CutTable struct {
	Name    string   `json:"name"`
	Writers []string `json:"writers"` // context ids that write it
	Readers []string `json:"readers"` // context ids that only read it
	// Owner is the context that writes it most: the one to keep it.
	Owner string `json:"owner"`
}

// CutPair is co-change across the boundary.
type CutPair struct {
	Inside  string  `json:"inside"`
	Outside string  `json:"outside"`
	Context string  `json:"context"`
	Shared  int     `json:"shared"`
	Degree  float64 `json:"degree"`
}

// ContextLink is what relates two contexts: the imports from one into
// the other, and, on the link from the smaller id to the larger, the
// tables they share and the commits that change both.
type ContextLink struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Imports counts package imports from From into To, Files the files
	// that make them.
	Imports int `json:"imports"`
	Files   int `json:"files"`
	// Tables lists the tables both touch; CoChange the commits shared by
	// their co-changing package pairs.
	Tables   []string `json:"tables"`
	CoChange int      `json:"cochange"`
	// Strength is the link's weight in each layer, in the layer's own
	// unit: files importing, tables shared, commits shared.
	Strength map[Layer]int `json:"strength"`
}

// Coupling is one package pair's weight in the fused graph: each layer
// normalized to total weight 1 over the repository, and the weighted sum.
// Layers without weight for the pair are left out.
type Coupling struct {
	A          string  `json:"a"` // A < B
	B          string  `json:"b"`
	Imports    float64 `json:"imports,omitempty"`
	Data       float64 `json:"data,omitempty"`
	CoChange   float64 `json:"cochange,omitempty"`
	Vocabulary float64 `json:"vocabulary,omitempty"`
	Fused      float64 `json:"fused"`
}

// Figures measure the whole partition.
type Figures struct {
	Contexts int `json:"contexts"`
	Shared   int `json:"shared"`   // packages in the shared kernel
	Tooling  int `json:"tooling"`  // tooling packages, in no context
	Unplaced int `json:"unplaced"` // packages with no coupling
	// Modularity is Newman's Q of the partition, on the fused graph and on
	// each layer alone (0 where a layer is empty).
	Modularity LayerFigures `json:"modularity"`
	// SM is structural modularity (higher is better), ICP the share of
	// edge weight that crosses contexts, IFN packages used from outside
	// their context per context, NED the share of packages in contexts
	// of extreme size (not 5..20 packages), MQ the sum over contexts of
	// 2*inside/(2*inside+crossing): all on the import layer, as the
	// literature defines them on call graphs.
	SM  float64 `json:"sm"`
	ICP float64 `json:"icp"`
	IFN float64 `json:"ifn"`
	NED float64 `json:"ned"`
	MQ  float64 `json:"mq"`
	// CrossContextImports counts import edges between packages of two
	// different contexts; SharedWriteTables the tables written by more
	// than one context.
	CrossContextImports int `json:"crossContextImports"`
	SharedWriteTables   int `json:"sharedWriteTables"`
}

// LayerFigures hold one figure for the fused graph and for each layer.
type LayerFigures struct {
	Fused      float64 `json:"fused"`
	Imports    float64 `json:"imports"`
	Data       float64 `json:"data"`
	CoChange   float64 `json:"cochange"`
	Vocabulary float64 `json:"vocabulary"`
}

// Set sets the figure of layer l.
func (f *LayerFigures) Set(l Layer, v float64) {
	switch l {
	case LayerImports:
		f.Imports = v
	case LayerData:
		f.Data = v
	case LayerCoChange:
		f.CoChange = v
	case LayerVocabulary:
		f.Vocabulary = v
	}
}

// Get returns the figure of layer l.
func (f LayerFigures) Get(l Layer) float64 {
	switch l {
	case LayerImports:
		return f.Imports
	case LayerData:
		return f.Data
	case LayerCoChange:
		return f.CoChange
	case LayerVocabulary:
		return f.Vocabulary
	}
	return 0
}
