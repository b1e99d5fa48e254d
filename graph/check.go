package graph

import (
	"fmt"
	"math"
	"sort"

	"github.com/seams-tool/seams/report"
)

// Tolerances say how much each metric may worsen before check fails.
// Metrics not named are not checked.
type Tolerances map[string]float64

// DefaultTolerances are used when the configuration names none.
var DefaultTolerances = Tolerances{"icp": 0.02, "modularity": 0.02, "sm": 0.02}

// MetricNames are the metrics a tolerance may name.
var MetricNames = []string{"icp", "ifn", "modularity", "mq", "ned", "sm"}

// metricValue returns a metric and whether higher is better.
func metricValue(m report.Metrics, name string) (v float64, higherBetter, ok bool) {
	switch name {
	case "icp":
		return m.ICP, false, true
	case "ifn":
		return m.IFN, false, true
	case "ned":
		return m.NED, false, true
	case "modularity":
		return m.Modularity.Fused, true, true
	case "sm":
		return m.SM, true, true
	case "mq":
		return m.MQ, true, true
	}
	return 0, false, false
}

// Result is a model checked against a baseline.
type Result struct {
	Findings []report.Finding // regressions first, then improvements
	// Placed lists the packages the baseline does not know, with the id of
	// the context each was placed in ("" for none).
	Placed  [][2]string
	Metrics report.Metrics // of the baseline's partition today
	// Tightened is the baseline with what got better frozen in, for
	// check --update. It never loosens.
	Tightened *report.Baseline
}

// Regressions counts the findings that fail a build.
func (r *Result) Regressions() int {
	n := 0
	for _, f := range r.Findings {
		if !f.Improved {
			n++
		}
	}
	return n
}

// Check compares a model against a baseline under the baseline's
// partition. Packages the baseline does not know are placed with the
// context they are most coupled to in the fused graph.
func Check(b *report.Baseline, m *report.Model, tol Tolerances) *Result {
	a := assignmentOf(b)
	in := InputFromModel(m)
	f := fuse(in)
	res := &Result{}
	place(f, a, res)
	st := stateOf(m, a)
	res.Findings = append(res.Findings, regressions(b, st, a)...)
	res.Metrics = Measure(in, baselinePartition(b, f, a))
	if tol == nil {
		tol = DefaultTolerances
	}
	names := make([]string, 0, len(tol))
	for n := range tol {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		was, higher, ok := metricValue(b.Metrics, n)
		is, _, _ := metricValue(res.Metrics, n)
		if !ok {
			continue
		}
		worse := is - was
		if higher {
			worse = was - is
		}
		if worse > tol[n]+1e-9 {
			res.Findings = append(res.Findings, report.Finding{Kind: "metric",
				Message: fmt.Sprintf("%s went from %.4g to %.4g, past its tolerance of %.4g", n, was, is, tol[n])})
		}
	}
	res.Tightened, res.Findings = tighten(b, st, a, res)
	return res
}

// place assigns each package the baseline does not know to the context
// it has the most fused weight to.
func place(f *fused, a assignment, res *Result) {
	edges := sortedPairs(f.total) // once: sorting per package made check quadratic
	for _, p := range f.paths {
		if _, ok := a[p]; ok {
			continue
		}
		link := map[string]float64{}
		i := f.index[p]
		for _, k := range edges {
			other := -1
			switch i {
			case k[0]:
				other = k[1]
			case k[1]:
				other = k[0]
			}
			if other < 0 {
				continue
			}
			if c := a[f.paths[other]]; c != "" {
				link[c] += f.total[k]
			}
		}
		best, bw := "", 0.0
		for c, w := range link {
			if w > bw || w == bw && c < best {
				best, bw = c, w
			}
		}
		if best != "" {
			a[p] = best
		}
		res.Placed = append(res.Placed, [2]string{p, best})
	}
}

func baselinePartition(b *report.Baseline, f *fused, a assignment) *Partition {
	part := &Partition{Of: map[string]int{}, Shared: map[string]string{}}
	idx := map[string]int{}
	for _, c := range b.Contexts {
		idx[c.ID] = len(part.Members)
		part.Members = append(part.Members, nil)
		part.Declared = append(part.Declared, c.Name)
	}
	for _, p := range f.paths {
		if c, ok := a[p]; ok && c != "" {
			part.Members[idx[c]] = append(part.Members[idx[c]], p)
		}
	}
	var members [][]string
	var declared []string
	for i, ms := range part.Members {
		if len(ms) > 0 {
			members = append(members, ms)
			declared = append(declared, part.Declared[i])
		}
	}
	part.Members, part.Declared = members, declared
	part.normalize()
	return part
}

// regressions lists what the state has that the baseline froze not.
func regressions(b *report.Baseline, st state, a assignment) []report.Finding {
	var out []report.Finding
	name := contextNames(b)
	old := map[report.BaselineImport]bool{}
	for _, x := range b.CrossImports {
		old[x] = true
	}
	for _, x := range st.cross {
		if !old[x] {
			out = append(out, report.Finding{Kind: "cross-import", Where: st.crossAt[x],
				Message: fmt.Sprintf("new import across contexts: %s (%s) imports %s (%s)", x.From, name(a[x.From]), x.To, name(a[x.To]))})
		}
	}
	oldT := map[string]bool{}
	for _, t := range b.SharedWriteTables {
		oldT[t.Name] = true
	}
	for _, t := range st.sharedWrites {
		if !oldT[t.Name] {
			var who []string
			for _, c := range t.Contexts {
				who = append(who, name(c))
			}
			out = append(out, report.Finding{Kind: "shared-write", Where: st.writeAt[t.Name],
				Message: fmt.Sprintf("table %s is now written by %d contexts: %s", t.Name, len(t.Contexts), joinAnd(who))})
		}
	}
	oldC := map[[2]string]bool{}
	for _, c := range b.Cycles {
		oldC[c] = true
	}
	for _, c := range st.cycles {
		if oldC[c] {
			continue
		}
		where := ""
		for _, x := range st.cross {
			between := a[x.From] == c[0] && a[x.To] == c[1] || a[x.From] == c[1] && a[x.To] == c[0]
			if between && !old[x] {
				where = st.crossAt[x]
				break
			}
		}
		out = append(out, report.Finding{Kind: "cycle", Where: where,
			Message: fmt.Sprintf("new import cycle between contexts %s and %s", name(c[0]), name(c[1]))})
	}
	return out
}

// tighten reports what got better and returns the baseline with it
// frozen in; regressions stay out of it, so --update never accepts them.
func tighten(b *report.Baseline, st state, a assignment, res *Result) (*report.Baseline, []report.Finding) {
	findings := res.Findings
	name := contextNames(b)
	tight := *b
	now := map[report.BaselineImport]bool{}
	for _, x := range st.cross {
		now[x] = true
	}
	tight.CrossImports = nil
	for _, x := range b.CrossImports {
		_, fromKnown := a[x.From]
		_, toKnown := a[x.To]
		if now[x] {
			tight.CrossImports = append(tight.CrossImports, x)
			continue
		}
		what := fmt.Sprintf("%s no longer imports %s", x.From, x.To)
		if !fromKnown || !toKnown {
			what = fmt.Sprintf("%s -> %s: a package is gone", x.From, x.To)
		}
		findings = append(findings, report.Finding{Kind: "cross-import", Improved: true, Message: "import across contexts gone: " + what})
	}
	nowT := map[string]bool{}
	for _, t := range st.sharedWrites {
		nowT[t.Name] = true
	}
	tight.SharedWriteTables = nil
	for _, t := range b.SharedWriteTables {
		if nowT[t.Name] {
			tight.SharedWriteTables = append(tight.SharedWriteTables, t)
			continue
		}
		findings = append(findings, report.Finding{Kind: "shared-write", Improved: true,
			Message: fmt.Sprintf("table %s is no longer written by several contexts", t.Name)})
	}
	nowC := map[[2]string]bool{}
	for _, c := range st.cycles {
		nowC[c] = true
	}
	tight.Cycles = nil
	for _, c := range b.Cycles {
		if nowC[c] {
			tight.Cycles = append(tight.Cycles, c)
			continue
		}
		findings = append(findings, report.Finding{Kind: "cycle", Improved: true,
			Message: fmt.Sprintf("import cycle between %s and %s is gone", name(c[0]), name(c[1]))})
	}
	tight.Metrics = betterMetrics(b.Metrics, res.Metrics)
	return &tight, findings
}

func contextNames(b *report.Baseline) func(id string) string {
	names := map[string]string{}
	for _, c := range b.Contexts {
		names[c.ID] = c.Name
	}
	return func(id string) string {
		if id == "" {
			return "no context"
		}
		return fmt.Sprintf("%s [%s]", names[id], id)
	}
}

// betterMetrics keeps, per metric, the better of two: a tightened
// baseline never loosens.
func betterMetrics(was, is report.Metrics) report.Metrics {
	out := is
	out.ICP = math.Min(was.ICP, is.ICP)
	out.IFN = math.Min(was.IFN, is.IFN)
	out.NED = math.Min(was.NED, is.NED)
	out.Modularity.Fused = math.Max(was.Modularity.Fused, is.Modularity.Fused)
	out.SM = math.Max(was.SM, is.SM)
	out.MQ = math.Max(was.MQ, is.MQ)
	out.CrossContextImports = min(was.CrossContextImports, is.CrossContextImports)
	out.SharedWriteTables = min(was.SharedWriteTables, is.SharedWriteTables)
	return out
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	out := s[0]
	for _, x := range s[1 : len(s)-1] {
		out += ", " + x
	}
	return out + " and " + s[len(s)-1]
}
