package analyze

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/seams-tool/seams/graph/baseline"
	"github.com/seams-tool/seams/graph/metrics"
	"github.com/seams-tool/seams/report/schema"
)

// Baseline freezes the analysis's partition into a baseline file: the
// accepted state later checks compare with. It records the settings the
// analysis was made with, so that checks measure the same way.
func (a *Analysis) Baseline() *schema.Baseline {
	b := baseline.Freeze(a.Graph, a.Partition, a.Contexts, a.Head)
	sb := baselineFile(b)
	for _, s := range schema.Signals {
		if st := a.Status[s].Status; st == schema.StatusOK || st == schema.StatusPartial {
			sb.Signals = append(sb.Signals, s)
		}
	}
	set := settings(a.Config)
	sb.Settings = &set
	return sb
}

// KeepIdentity gives the analysis's contexts the ids and names of the
// baseline's contexts they overlap most, so that names stay put between
// runs.
func (a *Analysis) KeepIdentity(sb *schema.Baseline) {
	baseline.KeepIdentity(baselineOf(sb).Contexts, a.Contexts)
}

// Check compares the analysis with a baseline, under the baseline's
// partition, and returns what got worse and what got better. tol says
// how much each metric may worsen; nil means the defaults. Tightened is
// the baseline with what got better frozen in, or nil when there are
// regressions: seams check --update refuses then.
func (a *Analysis) Check(sb *schema.Baseline, tol map[schema.Metric]float64) (out *schema.Check, tightened *schema.Baseline) {
	b := baselineOf(sb)
	var t baseline.Tolerances
	if tol != nil {
		t = baseline.Tolerances{}
		for m, v := range tol {
			t[metricOf(m)] = v
		}
	}
	res := baseline.Check(b, a.Graph, t)
	out = &schema.Check{Regressions: res.Regressions(), Placed: res.Placed, Metrics: figures(res.Metrics), BaselineMetrics: sb.Metrics}
	name := contextNames(b)
	for _, f := range res.Findings {
		out.Findings = append(out.Findings, finding(f, name, b))
	}
	if res.Tightened == nil {
		return out, nil
	}
	tightened = baselineFile(res.Tightened)
	tightened.Signals, tightened.Settings = sb.Signals, sb.Settings
	return out, tightened
}

// finding is a check's finding in the schema's form: the sentence and the
// structured fields it is made of.
func finding(f baseline.Finding, name func(id string) string, b *baseline.Baseline) schema.Finding {
	out := schema.Finding{Kind: schema.FindingKinds[f.Kind], Improved: f.Improved, Message: message(f, name), Where: f.Where,
		From: f.From, To: f.To, Table: f.Table}
	for _, id := range f.Contexts {
		out.Contexts = append(out.Contexts, schema.ContextRef{ID: id, Name: contextName(b, id)})
	}
	if f.Where != "" {
		file, line, _ := strings.Cut(f.Where, ":")
		out.File = file
		out.Line, _ = strconv.Atoi(strings.SplitN(line, ":", 2)[0])
	}
	if f.Kind == baseline.Metric {
		was, is, tol := f.Was, f.Is, f.Tolerance
		delta := is - was
		out.Metric = schema.Metrics[f.Metric]
		out.Baseline, out.Current, out.Delta, out.Tolerance = &was, &is, &delta, &tol
	}
	out.Fingerprint = out.Identity()
	return out
}

func contextName(b *baseline.Baseline, id string) string {
	for _, c := range b.Contexts {
		if c.ID == id {
			return c.Name
		}
	}
	return ""
}

// message says what a finding is about, in a sentence.
func message(f baseline.Finding, name func(id string) string) string {
	switch {
	case f.Kind == baseline.CrossImport && f.Improved && f.PackageGone:
		return fmt.Sprintf("import across contexts gone: %s -> %s: a package is gone", f.From, f.To)
	case f.Kind == baseline.CrossImport && f.Improved:
		return fmt.Sprintf("import across contexts gone: %s no longer imports %s", f.From, f.To)
	case f.Kind == baseline.CrossImport:
		return fmt.Sprintf("new import across contexts: %s (%s) imports %s (%s)", f.From, name(f.Contexts[0]), f.To, name(f.Contexts[1]))
	case f.Kind == baseline.SharedWrite && f.Improved:
		return fmt.Sprintf("table %s is no longer written by several contexts", f.Table)
	case f.Kind == baseline.SharedWrite:
		var who []string
		for _, c := range f.Contexts {
			who = append(who, name(c))
		}
		return fmt.Sprintf("table %s is now written by %d contexts: %s", f.Table, len(f.Contexts), joinAnd(who))
	case f.Kind == baseline.Cycle && f.Improved:
		return fmt.Sprintf("import cycle between %s and %s is gone", name(f.Contexts[0]), name(f.Contexts[1]))
	case f.Kind == baseline.Cycle:
		return fmt.Sprintf("new import cycle between contexts %s and %s", name(f.Contexts[0]), name(f.Contexts[1]))
	}
	return fmt.Sprintf("%s went from %.4g to %.4g, past its tolerance of %.4g", schema.Metrics[f.Metric], f.Was, f.Is, f.Tolerance)
}

// contextNames names a baseline's contexts as findings show them.
func contextNames(b *baseline.Baseline) func(id string) string {
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

func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// metricOf is the metric schema name m names.
func metricOf(m schema.Metric) metrics.Metric {
	for i, x := range schema.Metrics {
		if x == m {
			return metrics.Metric(i)
		}
	}
	return metrics.NumMetrics
}

// baselineFile writes a baseline in the schema's form.
func baselineFile(b *baseline.Baseline) *schema.Baseline {
	sb := &schema.Baseline{Schema: schema.BaselineVersion, Head: b.Head, Shared: b.Shared, Unplaced: b.Unplaced, Tooling: b.Tooling, Cycles: b.Cycles, Metrics: figures(b.Metrics)}
	for _, c := range b.Contexts {
		sb.Contexts = append(sb.Contexts, schema.BaselineContext{ID: c.ID, Name: c.Name, Packages: c.Packages})
	}
	for _, x := range b.CrossImports {
		sb.CrossImports = append(sb.CrossImports, schema.BaselineImport(x))
	}
	for _, t := range b.SharedWrites {
		sb.SharedWriteTables = append(sb.SharedWriteTables, schema.BaselineTable{Name: t.Table, Contexts: t.Contexts})
	}
	return sb
}

// baselineOf reads a baseline file into the in-memory baseline.
func baselineOf(sb *schema.Baseline) *baseline.Baseline {
	b := &baseline.Baseline{Head: sb.Head, Shared: sb.Shared, Unplaced: sb.Unplaced, Tooling: sb.Tooling, Cycles: sb.Cycles, Metrics: figuresOf(sb.Metrics)}
	for _, c := range sb.Contexts {
		b.Contexts = append(b.Contexts, baseline.Context{ID: c.ID, Name: c.Name, Packages: c.Packages})
	}
	for _, x := range sb.CrossImports {
		b.CrossImports = append(b.CrossImports, baseline.Import(x))
	}
	for _, t := range sb.SharedWriteTables {
		b.SharedWrites = append(b.SharedWrites, baseline.SharedTable{Table: t.Name, Contexts: t.Contexts})
	}
	return b
}

// figuresOf reads metrics back from the schema's form.
func figuresOf(f schema.Figures) metrics.Figures {
	out := metrics.Figures{Contexts: f.Contexts, Shared: f.Shared, Tooling: f.Tooling, Unplaced: f.Unplaced,
		SM: f.SM, ICP: f.ICP, IFN: f.IFN, NED: f.NED, MQ: f.MQ, Modularity: f.Modularity.Fused,
		CrossContextImports: f.CrossContextImports, SharedWriteTables: f.SharedWriteTables}
	for l, name := range schema.Layers {
		out.LayerModularity[l] = f.Modularity.Get(name)
	}
	return out
}
