package report

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/seams-tool/seams/report/schema"
)

func TestFormatCheck(t *testing.T) {
	o := &schema.Check{Baseline: ".seams/baseline.json", Regressions: 1, Prefix: "svc",
		Findings: []schema.Finding{
			{Kind: "cross-import", Where: "a/b.go:7", Message: "a imports b | 100%\nnext"},
			{Kind: "shared-write", Improved: true, Message: "table t is no longer shared"},
		}}
	for _, tc := range []struct{ format, want string }{
		{"text", "svc/a/b.go:7: regression: a imports b | 100%\nnext\nimproved: table t is no longer shared\nseams check: 1 regressions against .seams/baseline.json\n"},
		{"github", "::error file=svc/a/b.go,line=7,title=seams cross-import::a imports b | 100%25%0Anext\n::notice title=seams shared-write::table t is no longer shared\n"},
	} {
		got, err := FormatCheck(o, tc.format)
		if err != nil || string(got) != tc.want {
			t.Errorf("%s:\n%q\nwant\n%q (%v)", tc.format, got, tc.want, err)
		}
	}
	md, _ := FormatCheck(o, "markdown")
	if !strings.Contains(string(md), "| ❌ | cross-import | svc/a/b.go:7 | a imports b \\| 100% next |") {
		t.Errorf("markdown row not escaped:\n%s", md)
	}
	js, _ := FormatCheck(o, "json")
	var back schema.Check
	if err := json.Unmarshal(js, &back); err != nil || back.Regressions != 1 || len(back.Findings) != 2 {
		t.Errorf("json: %v %+v", err, back)
	}
	if _, err := FormatCheck(o, "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

func ptr(x float64) *float64 { return &x }

// sample is a check with a finding of every kind, one without a place,
// and an improvement, as analyze makes them.
func sample() *schema.Check {
	billing, identity := schema.ContextRef{ID: "c1", Name: "billing"}, schema.ContextRef{ID: "c2", Name: "identity"}
	fs := []schema.Finding{
		{Kind: schema.FindingCrossImport, Message: "new import across contexts: billing imports identity/session", Where: "billing/pay.go:12",
			From: "billing", To: "identity/session", Contexts: []schema.ContextRef{billing, identity}, File: "billing/pay.go", Line: 12},
		{Kind: schema.FindingSharedWrite, Message: "table users is now written by 2 contexts", Where: "billing/store/s.go:40",
			Table: "users", Contexts: []schema.ContextRef{billing, identity}, File: "billing/store/s.go", Line: 40},
		{Kind: schema.FindingCycle, Message: "new import cycle between contexts billing and identity", Contexts: []schema.ContextRef{billing, identity}},
		{Kind: schema.FindingMetric, Message: "ICP went from 0.2 to 0.3, past its tolerance of 0.02", Metric: schema.MetricICP,
			Baseline: ptr(0.2), Current: ptr(0.3), Delta: ptr(0.1), Tolerance: ptr(0.02)},
		{Kind: schema.FindingCrossImport, Improved: true, Message: "import across contexts gone: api no longer imports billing", From: "api", To: "billing"},
	}
	for i := range fs {
		fs[i].Fingerprint = fs[i].Identity()
	}
	return &schema.Check{Baseline: ".seams/baseline.json", Prefix: "src", Version: "v1.2.3", Regressions: 4, Findings: fs,
		BaselineMetrics: schema.Figures{ICP: 0.2, SM: 0.5, CrossContextImports: 10, Modularity: schema.LayerFigures{Fused: 0.6}},
		Metrics:         schema.Figures{ICP: 0.3, SM: 0.5, CrossContextImports: 12, Modularity: schema.LayerFigures{Fused: 0.55}}}
}

// validator compiles a vendored schema (see testdata/schemas/README.md).
func validator(t *testing.T, file string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/schemas/" + file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(file, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(file)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, data []byte) any {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("does not validate: %v\n%s", err, data)
	}
	return inst
}

// TestSchemaRejectsBrokenOutput makes sure the schemas can fail: a
// validator that accepts anything would make the tests below worthless.
func TestSchemaRejectsBrokenOutput(t *testing.T) {
	for _, tc := range []struct{ schema, doc string }{
		{"sarif-2.1.0-rtm.5.json", `{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`},
		{"sarif-2.1.0-rtm.5.json", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "seams"}}, "results": [{"message": {"text": "x"}, "level": "fatal"}]}]}`},
		{"gitlab-codequality.json", `[{"description": "x", "check_name": "c", "fingerprint": "f", "severity": "high", "location": {"path": "a.go", "lines": {"begin": 1}}}]`},
		{"gitlab-codequality.json", `[{"description": "x", "check_name": "c", "fingerprint": "f", "severity": "major", "location": {"path": "a.go"}}]`},
	} {
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(tc.doc))
		if validator(t, tc.schema).Validate(inst) == nil {
			t.Errorf("%s accepts %s", tc.schema, tc.doc)
		}
	}
}

func TestSARIF(t *testing.T) {
	o := sample()
	out, err := FormatCheck(o, "sarif")
	if err != nil {
		t.Fatal(err)
	}
	validate(t, validator(t, "sarif-2.1.0-rtm.5.json"), out)
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
						Help    struct{ Text string }
					}
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct {
							StartLine int `json:"startLine"`
						}
					}
				}
				PartialFingerprints map[string]string
			}
		}
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != len(schema.FindingKinds) || run.Tool.Driver.Version != "v1.2.3" {
		t.Errorf("driver = %+v", run.Tool.Driver)
	}
	for i, r := range run.Tool.Driver.Rules {
		if r.ID != string(schema.FindingKinds[i]) || r.Help.Text == "" || !strings.HasPrefix(r.HelpURI, DocsURL+"#") {
			t.Errorf("rule %d = %+v", i, r)
		}
	}
	// One result per regression, none for the improvement.
	if len(run.Results) != o.Regressions {
		t.Fatalf("%d results, want %d", len(run.Results), o.Regressions)
	}
	wantFile := []string{"src/billing/pay.go", "src/billing/store/s.go", "src/.seams/baseline.json", "src/.seams/baseline.json"}
	wantLine := []int{12, 40, 1, 1}
	seen := map[string]bool{}
	for i, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID || r.Level != "error" || r.Message.Text != o.Findings[i].Message {
			t.Errorf("result %d = %+v", i, r)
		}
		loc := r.Locations[0].PhysicalLocation
		// The final 2.1.0 schema requires a region to have a start line
		// (or an offset); the vendored release candidate does not.
		if loc.ArtifactLocation.URI != wantFile[i] || loc.Region == nil || loc.Region.StartLine != wantLine[i] {
			t.Errorf("result %d at %+v, want %s:%d", i, loc, wantFile[i], wantLine[i])
		}
		fp := r.PartialFingerprints["seamsFinding/v1"]
		if len(fp) != 32 || seen[fp] {
			t.Errorf("result %d fingerprint %q (empty, short or repeated)", i, fp)
		}
		seen[fp] = true
	}
	// The same finding on another line, in another run, keeps its
	// fingerprint; another finding does not share it.
	moved := sample()
	moved.Findings[0].Line, moved.Findings[0].Where = 30, "billing/pay.go:30"
	moved.Findings[0].Fingerprint = moved.Findings[0].Identity()
	again, _ := FormatCheck(moved, "sarif")
	if !bytes.Contains(again, []byte(run.Results[0].PartialFingerprints["seamsFinding/v1"])) || !bytes.Contains(again, []byte(`"startLine": 30`)) {
		t.Errorf("a moved finding changed its fingerprint:\n%s", again)
	}
	// No findings at all is still a valid log.
	empty, _ := FormatCheck(&schema.Check{Baseline: "b.json"}, "sarif")
	validate(t, validator(t, "sarif-2.1.0-rtm.5.json"), empty)
}

func TestGitLabCodeQuality(t *testing.T) {
	o := sample()
	out, err := FormatCheck(o, "gitlab")
	if err != nil {
		t.Fatal(err)
	}
	validate(t, validator(t, "gitlab-codequality.json"), out)
	var issues []struct {
		Description, Fingerprint, Severity string
		CheckName                          string `json:"check_name"`
		Location                           struct {
			Path  string
			Lines struct{ Begin int }
		}
	}
	if err := json.Unmarshal(out, &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != o.Regressions {
		t.Fatalf("%d issues, want %d", len(issues), o.Regressions)
	}
	for i, is := range issues {
		f := o.Findings[i]
		if is.Description != f.Message || is.Fingerprint != f.Fingerprint || is.CheckName != "seams/"+string(f.Kind) {
			t.Errorf("issue %d = %+v", i, is)
		}
	}
	if issues[0].Location.Path != "src/billing/pay.go" || issues[0].Location.Lines.Begin != 12 || issues[2].Severity != "critical" {
		t.Errorf("issues = %+v", issues)
	}
	empty, _ := FormatCheck(&schema.Check{Baseline: "b.json"}, "gitlab")
	if strings.TrimSpace(string(empty)) != "[]" {
		t.Errorf("no findings: %s", empty)
	}
}

func TestCheckJSONIsStructured(t *testing.T) {
	out, err := FormatCheck(sample(), "json")
	if err != nil {
		t.Fatal(err)
	}
	var back schema.Check
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	x := back.Findings[0]
	if x.From != "billing" || x.To != "identity/session" || len(x.Contexts) != 2 || x.Contexts[1].Name != "identity" ||
		x.File != "src/billing/pay.go" || x.Line != 12 || x.Where != "billing/pay.go:12" {
		t.Errorf("cross import = %+v", x)
	}
	m := back.Findings[3]
	if m.Metric != schema.MetricICP || m.Baseline == nil || *m.Baseline != 0.2 || *m.Current != 0.3 || *m.Delta != 0.1 || m.File != "" {
		t.Errorf("metric = %+v", m)
	}
	if back.BaselineMetrics.ICP != 0.2 || back.Metrics.ICP != 0.3 {
		t.Errorf("metrics side by side: %+v / %+v", back.BaselineMetrics, back.Metrics)
	}
	// Rendering does not touch the check it is given.
	if o := sample(); o.Findings[0].File != "billing/pay.go" {
		t.Error("sample changed")
	}
}

func TestMarkdownDeltas(t *testing.T) {
	md, _ := FormatCheck(sample(), "markdown")
	for _, want := range []string{
		"| ICP (coupling crossing contexts) | 0.200 | 0.300 | ▲ +0.100 worse ❌ |",
		"| modularity | 0.600 | 0.550 | ▼ -0.050 worse |",
		"| SM (structural modularity) | 0.500 | 0.500 | = unchanged |",
		"| cross-context imports | 10 | 12 | ▲ +2 worse |",
		"| ✅ | cross-import |",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	better := sample()
	better.Metrics.ICP = 0.1
	md, _ = FormatCheck(better, "markdown")
	if !strings.Contains(string(md), "| 0.200 | 0.100 | ▼ -0.100 better") {
		t.Errorf("a lower ICP is not better:\n%s", md)
	}
}

func TestFixedHasNoNegativeZero(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{{math.Copysign(0, -1), "0.0000"}, {-0.00001, "0.0000"}, {-0.00006, "-0.0001"}, {0.27349, "0.2735"}} {
		if got := Fixed(tc.x, 4); got != tc.want {
			t.Errorf("Fixed(%v) = %s, want %s", tc.x, got, tc.want)
		}
	}
}
