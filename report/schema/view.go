package schema

// View is what the HTML report needs beyond the rest of the model to
// score a partition the reader makes up in the page (the what-if view)
// exactly as graph/rank scores one in Go. The imports, tables, co-change
// pairs and lines of code are in the model already; what is missing is
// the history at commit level, which the change pressure and the
// cross-context co-change of a group of packages are made of (a
// context's commits are not the sum of its packages' commits).
//
// Packages are named by their index in Model.Packages, and commits are
// grouped, to keep the file and the page small. No commit hash, author
// identity or message is written.
type View struct {
	// History is the history as the ranking reads it; nil without one.
	History *ViewHistory `json:"history,omitempty"`
	// TermWeights holds, per package (by index in Model.Packages), the
	// weights of its Terms, in the same order: the names the page gives
	// the contexts of a what-if come from them. Absent without a
	// vocabulary.
	TermWeights [][]float64 `json:"termWeights,omitempty"`
	// CommonTerms are all the terms too widespread to name a domain
	// (health.vocabulary.common lists the first 50): a path segment that
	// is one of them still names its context.
	CommonTerms []string `json:"commonTerms,omitempty"`
}

// ViewHistory is the commits that counted (after the history filters),
// reduced to what the pressure and risk formulas read.
type ViewHistory struct {
	// Used counts the commits that counted, including any whose packages
	// are not in the model: with none, pressure is unknown.
	Used int `json:"used"`
	// WindowStart and WindowEnd bound the pressure window (a commit is in
	// it when it is after WindowStart); PrevWindowStart begins the window
	// before it, against which trends are measured. Unix seconds.
	WindowStart     int64 `json:"windowStart"`
	WindowEnd       int64 `json:"windowEnd"`
	PrevWindowStart int64 `json:"prevWindowStart"`
	// Window groups the commits of the pressure window by author and the
	// set of packages they touch, sorted by author, then packages.
	Window []WindowChanges `json:"window"`
	// Earlier groups the commits before the pressure window by the set of
	// packages they touch, sorted by packages.
	Earlier []EarlierChanges `json:"earlier"`
}

// WindowChanges are commits of the pressure window by one author that
// touch the same packages.
type WindowChanges struct {
	// Author numbers the author (after .mailmap), from 0 in the order of
	// their first commit; the identity itself is not written.
	Author int `json:"author"`
	// Packages are indexes into Model.Packages, ascending; empty for
	// commits that touch only packages the model does not list.
	Packages []int `json:"packages"`
	// Churn is the lines added and deleted in each package of Packages,
	// summed over the commits.
	Churn   []int `json:"churn"`
	Commits int   `json:"commits"`
}

// EarlierChanges are commits before the pressure window that touch the
// same packages.
type EarlierChanges struct {
	// Packages are indexes into Model.Packages, ascending.
	Packages []int `json:"packages"`
	// Prev counts the commits in the window before the pressure window,
	// Older those before it.
	Prev  int `json:"prev"`
	Older int `json:"older"`
}
