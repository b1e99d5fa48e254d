package report

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"flag"
	"fmt"
	"html"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seams-tool/seams/report/schema"
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

// renders runs Graphviz on a DOT file, fails on any warning, and checks
// that the drawing fits an A1 sheet (841 x 594 mm, either way round).
func renders(t *testing.T, name string, dot []byte) {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		missingTool(t, "Graphviz dot is not installed (CI installs it): DOT files not rendered")
	}
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin = bytes.NewReader(dot)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("dot -Tsvg %s: %v\n%s", name, err, stderr.String())
		return
	}
	w, h, ok := svgSize(stdout.Bytes())
	const long, short = 841 / 25.4 * 72, 594 / 25.4 * 72 // A1 in points
	if !ok || max(w, h) > long+1 || min(w, h) > short+1 {
		t.Errorf("%s draws %.0f x %.0f pt, larger than A1 (%.0f x %.0f pt)", name, w, h, long, short)
	}
}

// svgSize reads the width and height, in points, of dot's SVG.
func svgSize(svg []byte) (w, h float64, ok bool) {
	m := regexp.MustCompile(`<svg width="([0-9.]+)pt" height="([0-9.]+)pt"`).FindSubmatch(svg)
	if m == nil {
		return 0, 0, false
	}
	w, _ = strconv.ParseFloat(string(m[1]), 64)
	h, _ = strconv.ParseFloat(string(m[2]), 64)
	return w, h, true
}

// orphans lists the nodes a DOT graph declares but draws no edge to or
// from; a graph of one node has none.
func orphans(dot []byte) []string {
	quoted := regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	declared, linked := map[string]bool{}, map[string]bool{}
	var order []string
	for _, line := range strings.Split(string(dot), "\n") {
		ids := quoted.FindAllString(line, -1)
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.Contains(line, " -> "):
			linked[ids[0]], linked[ids[1]] = true, true
		case len(ids) > 0 && strings.HasPrefix(trimmed, ids[0]) && !strings.HasPrefix(trimmed, "label") && !strings.Contains(trimmed, "=") || len(ids) > 0 && strings.HasPrefix(trimmed, ids[0]+" ["):
			if !declared[ids[0]] {
				declared[ids[0]] = true
				order = append(order, ids[0])
			}
		}
	}
	if len(order) <= 1 {
		return nil
	}
	var out []string
	for _, id := range order {
		if !linked[id] {
			out = append(out, id)
		}
	}
	return out
}

func TestOrphans(t *testing.T) {
	tests := []struct {
		dot  string
		want []string
	}{
		{"digraph g {\n\t\"a\" [label=\"A\"];\n\t\"b\";\n\t\"a\" -> \"b\";\n}\n", nil},
		{"digraph g {\n\t\"a\" [label=\"A\"];\n\t\"b\";\n\t\"c\" [label=\"C\"];\n\t\"a\" -> \"b\";\n}\n", []string{`"c"`}},
		{"digraph g {\n\tsubgraph cluster_0 {\n\t\tlabel=\"x\";\n\t\t\"p\";\n\t\t\"q\";\n\t}\n\t\"p\" -> \"r\";\n\tlabel=\"seams\";\n}\n", []string{`"q"`}},
		{"digraph g {\n\t\"only\" [label=\"1\"];\n}\n", nil},
	}
	for _, tt := range tests {
		if got := orphans([]byte(tt.dot)); !slices.Equal(got, tt.want) {
			t.Errorf("orphans(%q) = %q, want %q", tt.dot, got, tt.want)
		}
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
		per := PackageDOTs(m, tt.maxEdges)
		if len(per) != len(m.Contexts) {
			t.Errorf("%s: %d per-context graphs for %d contexts", tt.model, len(per), len(m.Contexts))
		}
		for _, name := range slices.Sorted(maps.Keys(per)) {
			if !regexp.MustCompile(`^packages-[0-9]{2}-[a-z0-9-]+\.dot$`).MatchString(name) {
				t.Errorf("per-context graph named %q", name)
			}
			outputs = append(outputs, struct {
				name string
				out  []byte
			}{name, per[name]})
		}
		for _, o := range outputs {
			t.Run(tt.prefix+o.name, func(t *testing.T) {
				golden(t, tt.prefix+o.name, o.out)
				if strings.HasSuffix(o.name, ".dot") {
					renders(t, o.name, o.out)
					if ids := orphans(o.out); len(ids) > 0 {
						t.Errorf("nodes without an edge: %s", strings.Join(ids, ", "))
					}
					if n := strings.Count(string(o.out), "fontname="); n != strings.Count(string(o.out), `fontname="Helvetica"`) || n == 0 {
						t.Error("the graph uses another font than Helvetica")
					}
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

// TestMermaidCapped holds summary.md's map to MaxMermaidEdges edges on a
// model with more, saying how many it left out, with the table folded.
func TestMermaidCapped(t *testing.T) {
	m := &schema.Model{Schema: schema.Version, Repo: schema.Repo{Root: "/r", Modules: []schema.Module{{Path: "example.com/r", Dir: "."}}}}
	for i := range 12 {
		c := schema.Context{ID: fmt.Sprintf("c%02d", i), Name: fmt.Sprintf("n%d", i), Order: i + 1}
		for j := range 12 {
			if j != i {
				c.Cut.Outbound = append(c.Cut.Outbound, schema.CutImport{From: "a", To: "b", Files: 1 + (i*j)%7, Context: fmt.Sprintf("c%02d", j)})
			}
		}
		m.Contexts = append(m.Contexts, c)
	}
	md := string(Markdown(m))
	if n := strings.Count(md, " -->|"); n != MaxMermaidEdges {
		t.Errorf("the Mermaid map draws %d edges, want %d", n, MaxMermaidEdges)
	}
	if want := fmt.Sprintf("leaves out %d weaker ones", 12*11-MaxMermaidEdges); !strings.Contains(md, want) {
		t.Errorf("the summary does not say %q:\n%s", want, md)
	}
	if !strings.Contains(md, "<details><summary>") || !strings.Contains(md, "## seams: example.com/r") {
		t.Errorf("the ranked table is not folded, or the title is not the module:\n%s", md)
	}
}

// TestLargeDOT renders the DOT graphs of a large repository (-large
// seams.json or $SEAMS_LARGE_MODEL) with the command's default edge cap:
// each in under 30 s, each on an A1 sheet.
func TestLargeDOT(t *testing.T) {
	path := os.Getenv("SEAMS_LARGE_MODEL")
	if path == "" {
		t.Skip("no large model: set SEAMS_LARGE_MODEL")
	}
	m := loadModel(t, path)
	graphs := PackageDOTs(m, 80)
	graphs["contexts.dot"] = ContextsDOT(m, 80)
	graphs["tables.dot"] = TablesDOT(m, 80)
	graphs["packages.dot"] = PackagesDOT(m, 80)
	for _, name := range slices.Sorted(maps.Keys(graphs)) {
		start := time.Now()
		renders(t, name, graphs[name])
		if took := time.Since(start); took > 30*time.Second {
			t.Errorf("dot took %v on %s", took, name)
		} else {
			t.Logf("%s: %d bytes, rendered in %v", name, len(graphs[name]), took.Round(time.Millisecond))
		}
		if ids := orphans(graphs[name]); len(ids) > 0 {
			t.Errorf("%s: nodes without an edge: %.200s", name, strings.Join(ids, ", "))
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
	graphs := map[string][]byte{"contexts": ContextsDOT(m, 0), "packages": PackagesDOT(m, 0), "tables": TablesDOT(m, 0)}
	maps.Copy(graphs, PackageDOTs(m, 0))
	for name, dot := range graphs {
		renders(t, name, dot)
	}
	md := string(Markdown(m))
	if strings.Contains(md, "<script>") {
		t.Errorf("raw markup in the Markdown summary:\n%s", md)
	}
	// Every row of the ranked table keeps its eight cells: names with
	// | or newlines must not break it.
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| 1 |") || strings.HasPrefix(line, "| 2 |") {
			if cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") - 1; cells != 8 {
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

// TestHTMLData checks the page carries the model: gzipped JSON in
// base64 that inflates to the model (less the list of generated files),
// the same bytes on every run, and a policy that allows its one script.
func TestHTMLData(t *testing.T) {
	m := loadModel(t, "testdata/shop.json")
	page, err := HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := HTML(m)
	if !bytes.Equal(page, again) {
		t.Error("two renderings of one model differ")
	}
	data := regexp.MustCompile(`id="seams-data" data-encoding="gzip\+base64">"([A-Za-z0-9+/=]+)"</script>`).FindSubmatch(page)
	if data == nil {
		t.Fatal("no gzip+base64 data in the page")
	}
	z, err := base64.StdEncoding.DecodeString(string(data[1]))
	if err != nil {
		t.Fatal(err)
	}
	r, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	got, err := schema.DecodeModel(r)
	if err != nil {
		t.Fatal(err)
	}
	want := *m
	want.Signals.Imports.Generated = []string{}
	a, _ := schema.Encode(got)
	b, _ := schema.Encode(&want)
	if !bytes.Equal(a, b) {
		t.Error("the page's data does not inflate to the model")
	}
	policy := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`).FindSubmatch(page)
	if policy == nil {
		t.Fatal("no Content-Security-Policy")
	}
	if csp := regexp.MustCompile(`script-src ('sha256-[^']+');`).FindStringSubmatch(html.UnescapeString(string(policy[1]))); csp == nil || csp[1] != scriptHash(appJS) {
		t.Errorf("the policy %s allows another script than the page's", policy[1])
	}
	if n := bytes.Count(page, []byte("<script>")); n != 1 {
		t.Errorf("%d executable scripts in the page, want 1", n)
	}
}

func TestTitle(t *testing.T) {
	tests := []struct {
		repo schema.Repo
		want string
	}{
		{schema.Repo{Root: "/home/x/src/shop", Modules: []schema.Module{{Path: "example.com/tools", Dir: "tools"}, {Path: "example.com/shop", Dir: "."}}}, "example.com/shop"},
		{schema.Repo{Root: "/home/x/src/mono", Modules: []schema.Module{{Path: "", Dir: "."}, {Path: "example.com/a", Dir: "a"}}}, "example.com/a"},
		{schema.Repo{Root: "/home/x/src/mono/"}, "mono"},
		{schema.Repo{Root: `C:\src\mono`}, "mono"},
		{schema.Repo{}, "repository"},
	}
	for _, tt := range tests {
		if got := Title(&schema.Model{Repo: tt.repo}); got != tt.want {
			t.Errorf("Title(%+v) = %q, want %q", tt.repo, got, tt.want)
		}
	}
}

// TestContextMapAPILabels labels the context map's import edges with the
// API they cross: for every drawn edge, the number of the imported
// context's plan entries the importing context uses, counted here from
// the plans.
func TestContextMapAPILabels(t *testing.T) {
	m := loadModel(t, "testdata/shop.json")
	want := map[[2]string]int{}
	for _, c := range m.Contexts {
		for _, e := range c.Plan.API {
			for _, u := range e.Contexts {
				want[[2]string{u, c.ID}]++
			}
		}
	}
	edge := regexp.MustCompile(`"(c[0-9a-f]+)" -> "(c[0-9a-f]+)" \[label="API: ([0-9]+) symbols?`)
	dot := string(ContextsDOTLabelled(m, 0, LabelAPI))
	found := edge.FindAllStringSubmatch(dot, -1)
	if len(found) == 0 {
		t.Fatalf("no API-labelled edge in:\n%s", dot)
	}
	for _, f := range found {
		if n, _ := strconv.Atoi(f[3]); n != want[[2]string{f[1], f[2]}] {
			t.Errorf("%s -> %s: API %d symbols, the plans say %d", f[1], f[2], n, want[[2]string{f[1], f[2]}])
		}
	}
	if strings.Contains(dot, " import") {
		t.Error("the API-labelled map still labels imports")
	}
}
