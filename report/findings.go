package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/seams-tool/seams/report/schema"
)

// CheckFormats are the formats FormatCheck takes.
var CheckFormats = []string{"text", "json", "github", "markdown", "sarif", "gitlab"}

// DocsURL is where the findings are explained; SARIF rules link to it.
const DocsURL = "https://github.com/seams-tool/seams/blob/main/docs/ci.md"

// Rule describes one finding kind, as SARIF rules and GitLab checks need.
type Rule struct {
	Kind schema.FindingKind
	Name string // CamelCase, as SARIF's rule name
	// Short says what a finding of the kind is; Help what to do about it.
	Short, Help string
	// Severity is GitLab Code Quality's: info, minor, major, critical or
	// blocker.
	Severity string
}

// Rules describe every finding kind, in the order of schema.FindingKinds.
var Rules = []Rule{
	{schema.FindingCrossImport, "CrossContextImport", "A new import between packages of two contexts.",
		"The baseline keeps these contexts apart and did not record this import: it couples them across a seam. Move the code to the context that owns it, or go through a package the other context already lets others import; if the design changed on purpose, take a new baseline with seams baseline.",
		"major"},
	{schema.FindingSharedWrite, "SharedWriteTable", "A table newly written by two or more contexts.",
		"A table written by several contexts is a seam no code boundary can keep: each writer must know the others' invariants. Let one context own the writes and have the others call it.",
		"major"},
	{schema.FindingCycle, "ContextCycle", "A new import cycle between contexts.",
		"Contexts that import each other, directly or through others, cannot be split apart or released alone. Break the cycle where the new import closes it (the finding points at it).",
		"critical"},
	{schema.FindingMetric, "MetricPastTolerance", "A metric of the baseline's partition worse than the baseline by more than its tolerance.",
		"The partition's coupling as a whole got worse, though no single finding says where. Tolerances are set per metric under check.tolerances in .seams.yaml.",
		"major"},
}

func ruleOf(k schema.FindingKind) (int, Rule) {
	i := slices.IndexFunc(Rules, func(r Rule) bool { return r.Kind == k })
	if i < 0 {
		return -1, Rule{Kind: k, Name: string(k), Short: string(k), Severity: "major"}
	}
	return i, Rules[i]
}

// FormatCheck renders a check result: text for people, json for tools,
// github for workflow annotations, markdown for a job summary, sarif for
// code scanning (SARIF 2.1.0) and gitlab for GitLab Code Quality. Every
// format renders the same findings; sarif and gitlab, which list
// problems, leave out the improvements.
func FormatCheck(o *schema.Check, format string) ([]byte, error) {
	o = withPaths(o)
	var b bytes.Buffer
	switch format {
	case "json":
		return schema.Encode(o)
	case "sarif":
		return sarif(o)
	case "gitlab":
		return gitlab(o)
	case "text":
		for _, f := range o.Findings {
			mark := "regression"
			if f.Improved {
				mark = "improved"
			}
			if w := place(o, f); w != "" {
				fmt.Fprintf(&b, "%s: %s: %s\n", w, mark, f.Message)
			} else {
				fmt.Fprintf(&b, "%s: %s\n", mark, f.Message)
			}
		}
		for _, p := range o.Placed {
			fmt.Fprintf(&b, "new package %s placed in %s\n", p[0], orNone(p[1]))
		}
		if o.Regressions == 0 {
			fmt.Fprintf(&b, "seams check: no regressions against %s\n", o.Baseline)
		} else {
			fmt.Fprintf(&b, "seams check: %d regressions against %s\n", o.Regressions, o.Baseline)
		}
	case "github":
		for _, f := range o.Findings {
			level := "error"
			if f.Improved {
				level = "notice"
			}
			props := "title=seams " + string(f.Kind)
			if f.File != "" {
				props = "file=" + ghProp(f.File) + ",line=" + ghProp(fmt.Sprint(max(f.Line, 1))) + "," + props
			}
			fmt.Fprintf(&b, "::%s %s::%s\n", level, props, ghData(f.Message))
		}
		if o.Regressions == 0 {
			fmt.Fprintf(&b, "seams check: no regressions against %s\n", o.Baseline)
		}
	case "markdown":
		markdown(&b, o)
	default:
		return nil, fmt.Errorf("unknown format %q (known: %s)", format, strings.Join(CheckFormats, ", "))
	}
	return b.Bytes(), nil
}

// withPaths returns a copy of o whose findings' files are relative to
// the git work tree, as every CI format wants them.
func withPaths(o *schema.Check) *schema.Check {
	c := *o
	c.Findings = slices.Clone(o.Findings)
	for i, f := range c.Findings {
		if f.File == "" && f.Where != "" {
			// A finding made by hand (or by an older seams) has only Where.
			file, line, _ := strings.Cut(f.Where, ":")
			f.File = file
			fmt.Sscan(line, &f.Line)
		}
		if f.File != "" {
			f.File = prefixed(o.Prefix, f.File)
		}
		if f.Fingerprint == "" {
			f.Fingerprint = f.Identity()
		}
		c.Findings[i] = f
	}
	return &c
}

func prefixed(prefix, p string) string {
	if prefix == "" || prefix == "." {
		return p
	}
	return path.Join(prefix, p)
}

// place is where a finding is, as text and Markdown show it.
func place(o *schema.Check, f schema.Finding) string {
	if f.File == "" {
		return ""
	}
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return f.File
}

// located gives a finding a file and line for the formats that need one:
// a finding with no place in the code (a metric, a cycle closed by an
// import already frozen) is anchored to the baseline file, which is
// what it compares with.
func located(o *schema.Check, f schema.Finding) (string, int) {
	if f.File != "" {
		return f.File, max(f.Line, 1)
	}
	return prefixed(o.Prefix, o.Baseline), 1
}

func markdown(b *bytes.Buffer, o *schema.Check) {
	fmt.Fprintf(b, "### seams check\n\n")
	if o.Regressions == 0 {
		fmt.Fprintf(b, "No regressions against `%s`.\n", mdCode(o.Baseline))
	} else {
		fmt.Fprintf(b, "**%d regressions** against `%s`.\n", o.Regressions, mdCode(o.Baseline))
	}
	if len(o.Findings) > 0 {
		fmt.Fprintf(b, "\n| | kind | where | finding |\n|---|---|---|---|\n")
		for _, f := range o.Findings {
			mark := "❌"
			if f.Improved {
				mark = "✅"
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", mark, f.Kind, mdCell(place(o, f)), mdCell(f.Message))
		}
	}
	failed := map[schema.Metric]bool{}
	for _, f := range o.Findings {
		if f.Kind == schema.FindingMetric && !f.Improved {
			failed[f.Metric] = true
		}
	}
	fmt.Fprintf(b, "\n| metric | baseline | now | change |\n|---|---:|---:|---|\n")
	for _, r := range metricRows(o.BaselineMetrics, o.Metrics) {
		mark := ""
		if failed[r.metric] {
			mark = " ❌"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s%s |\n", r.label, r.format(r.was), r.format(r.is), r.change(), mark)
	}
	if len(o.Placed) > 0 {
		fmt.Fprintf(b, "\n%d new packages placed with the context they couple to most.\n", len(o.Placed))
	}
}

// metricRow is one figure before and after, for the Markdown table.
type metricRow struct {
	label   string
	metric  schema.Metric // "" for the counts, which no tolerance checks
	was, is float64
	higher  bool // higher is better
	count   bool
}

func metricRows(was, is schema.Figures) []metricRow {
	return []metricRow{
		{"ICP (coupling crossing contexts)", schema.MetricICP, was.ICP, is.ICP, false, false},
		{"modularity", schema.MetricModularity, was.Modularity.Fused, is.Modularity.Fused, true, false},
		{"SM (structural modularity)", schema.MetricSM, was.SM, is.SM, true, false},
		{"MQ", schema.MetricMQ, was.MQ, is.MQ, true, false},
		{"IFN", schema.MetricIFN, was.IFN, is.IFN, false, false},
		{"NED", schema.MetricNED, was.NED, is.NED, false, false},
		{"cross-context imports", "", float64(was.CrossContextImports), float64(is.CrossContextImports), false, true},
		{"shared-write tables", "", float64(was.SharedWriteTables), float64(is.SharedWriteTables), false, true},
	}
}

func (r metricRow) format(v float64) string {
	if r.count {
		return fmt.Sprintf("%.0f", v)
	}
	return Fixed(v, 3)
}

// change shows the delta with an arrow for its direction and a word for
// whether that is better or worse.
func (r metricRow) change() string {
	d := r.is - r.was
	if r.count && d == 0 || !r.count && math.Abs(d) < 0.0005 {
		return "= unchanged"
	}
	arrow := "▲"
	if d < 0 {
		arrow = "▼"
	}
	verdict := "worse"
	if (d > 0) == r.higher {
		verdict = "better"
	}
	if r.count {
		return fmt.Sprintf("%s %+.0f %s", arrow, d, verdict)
	}
	return fmt.Sprintf("%s %+.3f %s", arrow, d, verdict)
}

// Fixed formats x with n decimals, without a sign on a value that rounds
// to zero: -0.0000 reads as a regression that is not there.
func Fixed(x float64, n int) string {
	p := math.Pow10(n)
	r := math.Round(x*p) / p
	if r == 0 {
		r = 0 // drops the sign of -0
	}
	return fmt.Sprintf("%.*f", n, r)
}

// sarif renders the regressions as a SARIF 2.1.0 log with one run: a rule
// per finding kind, a result per regression with its place, and partial
// fingerprints that code scanning uses to track a result across runs.
func sarif(o *schema.Check) ([]byte, error) {
	type msg struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	type rule struct {
		ID               string         `json:"id"`
		Name             string         `json:"name"`
		ShortDescription msg            `json:"shortDescription"`
		FullDescription  msg            `json:"fullDescription"`
		Help             msg            `json:"help"`
		HelpURI          string         `json:"helpUri"`
		Default          map[string]any `json:"defaultConfiguration"`
	}
	type region struct {
		StartLine int `json:"startLine"`
	}
	type artifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	type physical struct {
		ArtifactLocation artifact `json:"artifactLocation"`
		Region           region   `json:"region"`
	}
	type location struct {
		PhysicalLocation physical `json:"physicalLocation"`
	}
	type result struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             msg               `json:"message"`
		Locations           []location        `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          map[string]any    `json:"properties,omitempty"`
	}
	driver := map[string]any{"name": "seams", "informationUri": "https://github.com/seams-tool/seams"}
	if o.Version != "" {
		driver["version"] = o.Version
	}
	var rules []rule
	for _, r := range Rules {
		rules = append(rules, rule{ID: string(r.Kind), Name: r.Name,
			ShortDescription: msg{Text: r.Short}, FullDescription: msg{Text: r.Short + " " + r.Help},
			Help:    msg{Text: r.Help, Markdown: r.Help + "\n\nSee [seams in CI](" + DocsURL + "#" + string(r.Kind) + ")."},
			HelpURI: DocsURL + "#" + string(r.Kind), Default: map[string]any{"level": "error"}})
	}
	driver["rules"] = rules
	results := []result{}
	for _, f := range o.Findings {
		if f.Improved {
			continue
		}
		i, _ := ruleOf(f.Kind)
		file, line := located(o, f)
		res := result{RuleID: string(f.Kind), RuleIndex: i, Level: "error", Message: msg{Text: f.Message},
			Locations:           []location{{physical{artifact{file, "%SRCROOT%"}, region{line}}}},
			PartialFingerprints: map[string]string{"seamsFinding/v1": f.Fingerprint}}
		if props := properties(f); len(props) > 0 {
			res.Properties = props
		}
		results = append(results, res)
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool":    map[string]any{"driver": driver},
			"results": results,
			// Paths are relative to the repository's root, which code
			// scanning knows as the checkout.
			"originalUriBaseIds": map[string]any{"%SRCROOT%": map[string]any{"description": msg{Text: "The root of the git work tree."}}},
		}},
	}
	return marshal(log)
}

// properties are a finding's structured fields, for SARIF's property bag.
func properties(f schema.Finding) map[string]any {
	p := map[string]any{}
	set := func(k string, v string) {
		if v != "" {
			p[k] = v
		}
	}
	set("from", f.From)
	set("to", f.To)
	set("table", f.Table)
	set("metric", string(f.Metric))
	if len(f.Contexts) > 0 {
		p["contexts"] = f.Contexts
	}
	if f.Baseline != nil {
		p["baseline"], p["current"], p["delta"] = *f.Baseline, *f.Current, *f.Delta
	}
	return p
}

// gitlab renders the regressions as a GitLab Code Quality report: a JSON
// array of Code Climate issues, of which GitLab reads the description,
// check name, fingerprint, severity and location.
func gitlab(o *schema.Check) ([]byte, error) {
	type lines struct {
		Begin int `json:"begin"`
	}
	type location struct {
		Path  string `json:"path"`
		Lines lines  `json:"lines"`
	}
	type issue struct {
		Type        string   `json:"type"`
		Description string   `json:"description"`
		CheckName   string   `json:"check_name"`
		Fingerprint string   `json:"fingerprint"`
		Severity    string   `json:"severity"`
		Categories  []string `json:"categories"`
		Location    location `json:"location"`
	}
	issues := []issue{}
	for _, f := range o.Findings {
		if f.Improved {
			continue
		}
		_, r := ruleOf(f.Kind)
		file, line := located(o, f)
		issues = append(issues, issue{Type: "issue", Description: f.Message, CheckName: "seams/" + string(f.Kind),
			Fingerprint: f.Fingerprint, Severity: r.Severity, Categories: []string{"Complexity"},
			Location: location{file, lines{line}}})
	}
	return marshal(issues)
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func orNone(s string) string {
	if s == "" {
		return "no context (no coupling to one)"
	}
	return s
}

// ghData escapes a workflow command's message, as the runner expects.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

func mdCode(s string) string { return strings.ReplaceAll(s, "`", "'") }
