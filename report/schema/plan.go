package schema

// Plan is a candidate context's strangler plan: what extracting it as a
// service takes, in the order the strangler-fig migration goes.
type Plan struct {
	// API is what code of other contexts uses of the context: the surface
	// its anti-corruption layer must offer, most used first. Uses is what
	// the context uses of other contexts.
	API  []PlanSymbol `json:"api"`
	Uses []PlanSymbol `json:"uses"`
	// UnresolvedCalls is the repository's share of method calls on values
	// whose receiver type the syntax could not tell: uses the plan cannot
	// see.
	UnresolvedCalls float64 `json:"unresolvedCalls"`
	// Publishes are tables it writes that other contexts read: candidate
	// domain events. Consumes are tables it reads that others write: its
	// read model, and the events it needs.
	Publishes []PlanFlow `json:"publishes"`
	Consumes  []PlanFlow `json:"consumes"`
	// SharedWrites are tables it writes with its own SQL together with
	// other contexts: a dual write and reconciliation.
	SharedWrites []PlanSharedWrite `json:"sharedWrites"`
	// Owners are the main authors of its commits in the pressure window
	// (bots left out); Commits counts those commits; Concentration is the
	// sum of the owners' squared shares, 1 when one person does it all.
	Owners        []PlanOwner `json:"owners"`
	Commits       int         `json:"commits"`
	Concentration float64     `json:"concentration"`
	// Homonyms are type names it declares that other contexts declare
	// too: the translation points of the anti-corruption layer.
	Homonyms []PlanHomonym `json:"homonyms"`
	// Steps are the plan in words, with the numbers behind each.
	Steps []PlanStep `json:"steps"`
}

// PlanSymbol is an exported declaration used across the boundary.
type PlanSymbol struct {
	Package string `json:"package"` // the declaring package
	Symbol  string `json:"symbol"`  // "F", "T", "T.M"
	Kind    string `json:"kind"`    // func, method, type, var, const, field
	// UsedBy are the packages on the other side: the users of an api
	// entry, the declaring package of a uses entry; Contexts their ids.
	UsedBy   []string `json:"usedBy"`
	Contexts []string `json:"contexts"`
	Sites    int      `json:"sites"`
}

// PlanFlow is a table written on one side of the boundary and read on
// the other.
type PlanFlow struct {
	Table string `json:"table"`
	// Verbs are the writers' changes as events: created, updated, deleted.
	Verbs []string `json:"verbs"`
	// Contexts are the other side: readers of what the context publishes,
	// writers of what it consumes.
	Contexts []string `json:"contexts"`
}

// PlanSharedWrite is a table several contexts write.
type PlanSharedWrite struct {
	Table    string   `json:"table"`
	Verbs    []string `json:"verbs"`
	Contexts []string `json:"contexts"` // the other writers
	// Owner is the suggested owner: the context that writes it most.
	Owner string      `json:"owner"`
	Sites []PlanSites `json:"sites"` // each side's write statements
}

// PlanSites are one context's statements on a table.
type PlanSites struct {
	Context string   `json:"context"`
	Sites   []string `json:"sites"` // file:line
}

// PlanOwner is an author's share of a context's recent commits.
type PlanOwner struct {
	Author  string  `json:"author"`
	Commits int     `json:"commits"`
	Share   float64 `json:"share"`
}

// PlanHomonym is a type name the context and other contexts declare.
type PlanHomonym struct {
	Type      string   `json:"type"`
	Packages  []string `json:"packages"`  // the context's
	Elsewhere []string `json:"elsewhere"` // other contexts' packages
	Contexts  []string `json:"contexts"`
}

// PlanStep is one step of a plan.
type PlanStep struct {
	// Kind is events, read-model, facade, dual-write, ownership,
	// callbacks or retire.
	Kind string `json:"kind"`
	Text string `json:"text"`
}
