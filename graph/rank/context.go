package rank

// Context is a candidate bounded context described for a decision: what
// it holds, how hot it is, what cutting it out would break, and where it
// comes in the extraction order.
type Context struct {
	// ID is derived from the member with the most code, so that it does
	// not move when small packages come and go or an unrelated context
	// appears.
	ID       string
	Name     string
	Packages []string // sorted
	// Terms are its heaviest domain terms, heaviest first: what its code
	// speaks of.
	Terms []string
	LOC   int
	// Tables lists the tables its packages touch, by name.
	Tables []Table
	// Pressure says how hot the context is; Risk what cutting it out
	// would break. Both are in 0..1, with every input shown.
	Pressure Score
	Risk     Score
	// Order is the extraction order, 1 first: high pressure, low risk,
	// with the contexts too small to be a service after the others, then
	// those already apart, the data layer, and the delivery layer last. Band groups the contexts whose order
	// cannot be told apart: those of one such group whose order interval
	// (pressure interval minus risk) overlaps the interval of the band's
	// first context share its band, numbered from 1.
	Order, Band int
	Reason      string
	// Heat is what its share of the window's commits says, decided by
	// its interval: "hot", "quiet", "about its share", "little history"
	// (under MinCommits commits in the window) or "no history".
	Heat string
	// Small is set when the context holds too little of the code to be
	// a service of its own.
	Small *Small
	// DataLayer is set when the context writes most of the monolith's
	// tables: its database layer, which the strangler splits table by
	// table as each domain leaves, not a service to cut first.
	DataLayer *DataLayer
	// Delivery marks the delivery layer: most of its code is commands and
	// packages that wire every domain together. It is ranked after every
	// domain: the strangler's facade stays, the services go behind it.
	Delivery bool
	// Apart marks a context that nothing but the shared kernel ties to
	// another: no import either way, no shared table, no co-change.
	// It is already separate (a tool or a client of its own), not a cut
	// to make, and is ranked after the domains and the small ones.
	Apart bool
	Cut   Cut
	// Split marks a part of a context too large to trust, clustered
	// again on its own.
	Split bool
	// Joined names the directory whose contexts were joined into this
	// one (cluster.Partition.Joined), or "".
	Joined string
}

// DataLayer says how much of the monolith's data a context writes.
type DataLayer struct {
	// Tables it writes with its own SQL, of the Of tables that some
	// context writes with its own SQL.
	Tables, Of int
}

// Small says a context is too small to extract on its own, and which
// context to merge it into.
type Small struct {
	// Share is its share of the code in contexts, below SmallShare.
	Share float64
	// Partner is the id of the context the fused graph couples it to
	// most, "" when nothing couples it to another.
	Partner string
}

// Table is a table as one context uses it.
type Table struct {
	Name             string
	Read, Write, DDL bool // how its packages touch it
	// Shared is true when another context touches the table too;
	// SharedWrite when another context also writes it with its own SQL.
	Shared, SharedWrite bool
}

// Score is a 0..1 figure and how it was made: Value = sum of
// Weight * Value over the inputs, with weights summing to 1. Low and High
// bound it: a 90% bootstrap interval over the window's commits for
// pressure, Value itself for figures without sampling error.
type Score struct {
	Value     float64
	Low, High float64
	Inputs    []Input
}

// Input is one ingredient of a Score.
type Input struct {
	Name   string
	Raw    float64 // the measured figure
	Value  float64 // Raw mapped to 0..1
	Weight float64 // its share of the score
	Note   string  // how Raw was measured and mapped
}

// Cut is what extracting a context would cut through.
type Cut struct {
	// Inbound are imports of the context's packages from other contexts:
	// the API it would have to expose. Outbound, what it would have to
	// call. Both sorted by From, then To.
	Inbound, Outbound []CrossImport
	// Tables it shares with other contexts, with the owner to give each
	// to, sorted by name.
	Tables []SharedTable
	// CoChange is its co-change across the boundary, strongest first.
	CoChange []CrossPair
}

// CrossImport is an import across the context boundary.
type CrossImport struct {
	From, To string
	Files    int
	Context  string // the id of the context on the other side
}

// SharedTable is a table shared across the boundary.
type SharedTable struct {
	Name    string
	Writers []string // ids of the contexts that write it with their own SQL
	Readers []string // ids of the other contexts touching it
	// Owner is the context that writes it most: the one to keep it.
	Owner string
}

// CrossPair is co-change across the boundary.
type CrossPair struct {
	Inside, Outside string
	Context         string // the id of the context of Outside
	Shared          int
	Degree          float64
}

// Link is what relates two contexts: the imports from one into the other,
// and, on the link from the smaller id to the larger, the tables they
// share and the commits that change both.
type Link struct {
	From, To string // context ids
	// Imports counts package imports from From into To, Files the files
	// that make them.
	Imports, Files int
	// Tables lists the tables both touch, sorted; CoChange sums the shared
	// commits of their co-changing package pairs.
	Tables   []string
	CoChange int
}

// Rename gives contexts new ids and names: rename maps an old id to the
// new one, names the new id to its name. Ids are rewritten everywhere
// they appear, cut lists included.
func Rename(cs []Context, rename map[string]string, names map[string]string) {
	re := func(id string) string {
		if n, ok := rename[id]; ok {
			return n
		}
		return id
	}
	for i := range cs {
		c := &cs[i]
		c.ID = re(c.ID)
		if n, ok := names[c.ID]; ok {
			c.Name = n
		}
		for j := range c.Cut.Inbound {
			c.Cut.Inbound[j].Context = re(c.Cut.Inbound[j].Context)
		}
		for j := range c.Cut.Outbound {
			c.Cut.Outbound[j].Context = re(c.Cut.Outbound[j].Context)
		}
		for j := range c.Cut.CoChange {
			c.Cut.CoChange[j].Context = re(c.Cut.CoChange[j].Context)
		}
		for j := range c.Cut.Tables {
			t := &c.Cut.Tables[j]
			t.Owner = re(t.Owner)
			for k := range t.Writers {
				t.Writers[k] = re(t.Writers[k])
			}
			for k := range t.Readers {
				t.Readers[k] = re(t.Readers[k])
			}
		}
	}
}
