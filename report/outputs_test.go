package report

import (
	"bytes"
	"flag"
	"github.com/seams-tool/seams/report/schema"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func loadModel(t *testing.T, path string) *schema.Model {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := schema.DecodeModel(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// missingTool skips a test whose tool is not installed, except where
// SEAMS_REQUIRE_TOOLS=1 (as .ci/run sets it): there a broken install must
// fail the test, not hide it.
func missingTool(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("SEAMS_REQUIRE_TOOLS") == "1" {
		t.Fatal(why + " (SEAMS_REQUIRE_TOOLS=1)")
	}
	t.Skip(why)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./report -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden file (go test ./report -update, then git diff):\n%s", name, got)
	}
}

// renders runs Graphviz on a DOT file and fails on any warning.
func renders(t *testing.T, name string, dot []byte) {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		missingTool(t, "Graphviz dot is not installed (CI installs it): DOT files not rendered")
	}
	cmd := exec.Command("dot", "-Tsvg", "-o", os.DevNull)
	cmd.Stdin = bytes.NewReader(dot)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("dot -Tsvg %s: %v\n%s", name, err, stderr.String())
	}
}

func TestOutputsGolden(t *testing.T) {
	tests := []struct {
		model, prefix string
		maxEdges      int // for packages-max.dot
	}{
		{"testdata/shop.json", "", 20},
		// Every repository-derived string of hostile.json tries to break
		// out of its format: markup, quotes, ]], |, newlines, backslashes.
		{"testdata/hostile.json", "hostile-", 5},
	}
	for _, tt := range tests {
		m := loadModel(t, tt.model)
		outputs := []struct {
			name string
			out  []byte
		}{
			{"contexts.dot", ContextsDOT(m, 0)},
			{"contexts-max.dot", ContextsDOT(m, 3)},
			{"packages.dot", PackagesDOT(m, 0)},
			{"packages-max.dot", PackagesDOT(m, tt.maxEdges)},
			{"tables.dot", TablesDOT(m, 0)},
			{"summary.md", Markdown(m)},
		}
		for _, o := range outputs {
			t.Run(tt.prefix+o.name, func(t *testing.T) {
				golden(t, tt.prefix+o.name, o.out)
				if strings.HasSuffix(o.name, ".dot") {
					renders(t, o.name, o.out)
				}
				if strings.HasSuffix(o.name, "-max.dot") && !bytes.Contains(o.out, []byte("weaker edges left out")) {
					t.Error("a capped graph does not say what it left out")
				}
				if o.name == "summary.md" && !bytes.Contains(o.out, []byte("```mermaid\ngraph LR\n")) {
					t.Error("no Mermaid map in the summary")
				}
			})
		}
	}
}

// hostile is a model whose every repository-derived string tries to
// break out of its format.
func hostile() *schema.Model {
	evil := "x\"y\\z\n<script>alert(1)</script>]|`'\xff"
	m := &schema.Model{Schema: schema.Version, Repo: schema.Repo{Root: "/r/" + evil, Head: "0123456789abcdef"}}
	m.Packages = []schema.Package{
		{Path: "a/" + evil, Context: "c1"}, {Path: "b/" + evil, Context: "c2"}, {Path: "k/" + evil, Shared: evil},
	}
	m.Unplaced = []string{"u/" + evil}
	m.Imports = []schema.Import{{From: "a/" + evil, To: "b/" + evil, Weight: 2}}
	cut := schema.Cut{Outbound: []schema.CutImport{{From: "a/" + evil, To: "b/" + evil, Files: 2, Context: "c2"}},
		Tables: []schema.CutTable{{Name: "t" + evil, Writers: []string{"c1", "c2"}, Owner: "c1"}}}
	m.Links = []schema.ContextLink{{From: "c1", To: "c2", Imports: 1, Files: 2, Tables: []string{"t" + evil},
		Strength: map[schema.Layer]int{schema.LayerImports: 2, schema.LayerData: 1}}}
	m.Contexts = []schema.Context{
		{ID: "c1", Name: "n1" + evil, Packages: []string{"a/" + evil}, Order: 1, Reason: evil, Cut: cut,
			Tables: []schema.ContextTable{{Name: "t" + evil, Access: "write", Shared: true, SharedWrite: true}}},
		{ID: "c2", Name: "n2" + evil, Packages: []string{"b/" + evil}, Order: 2, Reason: evil},
	}
	m.Signals.Imports.SignalHealth = schema.SignalHealth{Status: schema.StatusOK, Detail: evil}
	m.Warnings = []schema.Warning{{Signal: "sql", Message: evil, Where: evil}}
	return m
}

func TestOutputsHostile(t *testing.T) {
	m := hostile()
	for name, dot := range map[string][]byte{"contexts": ContextsDOT(m, 0), "packages": PackagesDOT(m, 0), "tables": TablesDOT(m, 0)} {
		renders(t, name, dot)
	}
	md := string(Markdown(m))
	if strings.Contains(md, "<script>") {
		t.Errorf("raw markup in the Markdown summary:\n%s", md)
	}
	// Every row of the ranked table keeps its seven cells: names with
	// | or newlines must not break it.
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| 1 |") || strings.HasPrefix(line, "| 2 |") {
			if cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") - 1; cells != 7 {
				t.Errorf("table row with %d cells: %s", cells, line)
			}
		}
	}
	mer := md[strings.Index(md, "```mermaid"):]
	mer = mer[:strings.Index(mer[3:], "```")+3]
	if strings.Count(mer, `"`)%2 != 0 || strings.Contains(mer, "<script") {
		t.Errorf("Mermaid labels not escaped:\n%s", mer)
	}
}

// TestPageVocabulary checks that the page knows how to show every signal
// and layer of the schema's lists, in their order: app.js repeats none.
func TestPageVocabulary(t *testing.T) {
	v := pageVocabulary()
	for i, s := range schema.Signals {
		if got := v["signals"][i]; got.Name != string(s) || got.Label == "" {
			t.Errorf("signal %s is shown as %+v", s, got)
		}
	}
	for i, l := range schema.Layers {
		if got := v["layers"][i]; got.Name != string(l) || got.Label == "" || got.Short == "" || got.Color == "" || got.Line == "" {
			t.Errorf("layer %s is shown as %+v", l, got)
		}
	}
	for i, m := range schema.Metrics {
		if got := v["metrics"][i]; got.Name != string(m) || got.Label == "" || got.Help == "" || (got.Better != "higher" && got.Better != "lower") {
			t.Errorf("metric %s is shown as %+v", m, got)
		}
	}
	js := appJS
	// "imports", "cochange" and "history" are also the model's own field
	// names (and the name of the pressure input without history), which
	// the page reads; the other names may appear only through the
	// vocabulary.
	for _, name := range []string{string(schema.LayerData), string(schema.SignalSQL)} {
		if strings.Contains(js, "'"+name+"'") || strings.Contains(js, `"`+name+`"`) {
			t.Errorf("the page's script names %q itself: it must come from the vocabulary", name)
		}
	}
}
