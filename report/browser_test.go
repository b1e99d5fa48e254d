package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seams-tool/seams/analyze"
	"github.com/seams-tool/seams/analyze/config"
	"github.com/seams-tool/seams/analyze/gitscript"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/report"
	"github.com/seams-tool/seams/report/schema"
)

var (
	screenshots = flag.String("screenshots", filepath.Join(os.TempDir(), "seams-report-screenshots"), "write the browser tests' screenshots into this directory")
	largeModel  = flag.String("large", os.Getenv("SEAMS_LARGE_MODEL"), "seams.json of a large repository for TestBrowserLargeReport (or $SEAMS_LARGE_MODEL)")
)

// views are the page's views, by their data-view attribute.
var views = []string{"ranking", "map", "context-dsm", "package-dsm", "treemap", "whatif", "plan", "tables", "warnings"}

// taskBudget is the longest main-thread task allowed after the first
// render.
const taskBudget = 200 // ms

var tempDir string

func TestMain(m *testing.M) {
	var err error
	tempDir, err = os.MkdirTemp("", "seams-report-test")
	if err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(tempDir)
	os.Exit(code)
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

func decodeModel(t *testing.T, path string) *schema.Model {
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

var (
	shopOnce sync.Once
	shop     *analyze.Analysis
	shopErr  error
)

// shopAnalysis analyzes the fixture monolith with its history, once.
func shopAnalysis(t *testing.T) *analyze.Analysis {
	t.Helper()
	shopOnce.Do(func() {
		dir := filepath.Join(tempDir, "shop")
		if _, shopErr = gitscript.BuildFile("../testdata/shop.history", dir, "../testdata/shop"); shopErr != nil {
			return
		}
		cfg := analyze.DefaultConfig()
		cfg.Dir, cfg.Version, cfg.Syntax = dir, "test", true
		shop, shopErr = analyze.Run(cfg)
	})
	if shopErr != nil {
		t.Fatal(shopErr)
	}
	return shop
}

// TestShopFixture writes testdata/shop.json, the fixture's model that the
// golden tests render, with -update; it checks the live model is valid.
func TestShopFixture(t *testing.T) {
	a := shopAnalysis(t)
	data, err := schema.Encode(a.Model())
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.ReplaceAll(data, []byte(a.Repo.Root), []byte("/src/shop"))
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.WriteFile("testdata/shop.json", data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if m := a.Model(); m.View == nil || m.View.History == nil || len(m.View.History.Window)+len(m.View.History.Earlier) == 0 {
		t.Error("the fixture's model has no view history for the what-if")
	}
}

// page is a report open in a browser.
type page struct {
	b      *browser
	url    string
	ready  float64 // ms from navigation start to the first render, as the page measured it
	marks  int     // steps marked so far
	scored float64 // ms the page's longest scoring of the model took, 0 before any
}

// timings drains the page's record of its costly steps, keeping the
// longest scoring of the model for budget.
func (p *page) timings() []pageStep {
	var steps []pageStep
	p.b.eval(`window.seams ? window.seams.timings() : []`, &steps)
	for _, x := range steps {
		if x.Name == "score" {
			p.scored = max(p.scored, float64(x.Ms))
		}
	}
	return steps
}

// pageStep is one costly step the page timed.
type pageStep struct {
	Name string
	Ms   int
}

// did records that the test is about to do what, as a performance mark
// that the page's timeline and Chrome's trace both hold.
func (p *page) did(what string) {
	p.marks++
	p.b.eval(`void performance.mark(`+jsString(fmt.Sprintf("step: %d %s", p.marks, what))+`)`, nil)
}

// openHTML writes a report and opens it in a fresh headless Chromium.
func openHTML(t *testing.T, html []byte, width, height int) *page {
	t.Helper()
	b := startBrowser(t, width, height)
	path := filepath.Join(t.TempDir(), "index.html")
	if err := os.WriteFile(path, html, 0o644); err != nil {
		t.Fatal(err)
	}
	p := &page{b: b, url: "file://" + path}
	b.open(p.url)
	b.eval(`Number(document.body.getAttribute('data-ready-since-navigation'))`, &p.ready)
	b.startTrace()
	return p
}

func openModel(t *testing.T, m *schema.Model, width, height int) *page {
	t.Helper()
	html, err := report.HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	return openHTML(t, html, width, height)
}

// printing is the step that prints the page to PDF.
const printing = "printing to PDF"

// problems fails the test for every console message, exception and
// request, and for every main-thread task since the first render over
// the budget, as the page's longtask observer sees them; it returns the
// longest. On a shared machine a task's wall time also counts the other
// processes, so a long task fails only if its main-thread (CPU) time in
// Chrome's trace is over the budget too, or its wall time is five times
// the budget; others are logged.
func (p *page) problems(t *testing.T) (longest float64) {
	t.Helper()
	for _, pr := range p.b.problems(p.url) {
		t.Errorf("browser: %s", pr)
	}
	tasks, marks := p.b.stopTrace()
	defer p.b.startTrace()
	var observed []struct{ Start, Duration float64 }
	p.b.eval(`window.__longTasks.filter(function (t) { return t.start >= `+fmt.Sprint(p.ready)+`; })`, &observed)
	var pageMarks []struct {
		Name      string
		StartTime float64
	}
	p.b.eval(`performance.getEntriesByType('mark').map(function (m) { return {name: m.name, startTime: m.startTime}; })`, &pageMarks)
	// The marks put the trace's clock (µs) on the page's (ms).
	offset, aligned := 0.0, false
	for _, pm := range pageMarks {
		for _, m := range marks {
			if "step: "+m.Name == pm.Name {
				offset, aligned = m.At/1000-pm.StartTime, true
			}
		}
	}
	during := func(at float64) string {
		what := "no step (after the first render)"
		for _, pm := range pageMarks {
			if pm.StartTime <= at {
				what = strings.TrimPrefix(pm.Name, "step: ")
			}
		}
		return what
	}
	cpuOf := func(start, dur float64) float64 {
		cpu := 0.0
		for _, task := range tasks {
			at := task.At/1000 - offset
			if !aligned || at < start+dur && at+task.Wall > start {
				cpu = max(cpu, task.CPU)
			}
		}
		return cpu
	}
	budget := p.budget()
	for _, o := range observed {
		longest = max(longest, o.Duration)
		if o.Duration <= budget {
			continue
		}
		cpu := cpuOf(o.Start, o.Duration)
		if step := during(o.Start); strings.HasSuffix(step, " "+printing) {
			// Printing lays the page out for paper in the browser's own
			// main-thread task: no reader waits on it in a workshop.
			t.Logf("a task of %.0f ms (%.0f ms of CPU) while printing to PDF", o.Duration, cpu)
			continue
		}
		if cpu > budget || o.Duration > 5*budget {
			t.Errorf("a main-thread task of %.0f ms (%.0f ms of it on the CPU) during %s: over the %.0f ms budget", o.Duration, cpu, during(o.Start), budget)
		} else {
			t.Logf("a task of %.0f ms, but %.0f ms of main-thread time, during %s: the machine was busy", o.Duration, cpu, during(o.Start))
		}
	}
	t.Logf("longest task after the first render: %.0f ms", longest)
	return longest
}

// budget is the longest a main-thread task may take: taskBudget, or, on a
// machine too slow for it, twice the page's longest scoring of the model
// in this run, up to twice taskBudget. A what-if move is one scoring and a
// redraw, so a task over two scorings is the page's doing, not the
// machine's (this machine, on a slow day, took 190 ms to score 2,000
// packages, and up to 300 ms of CPU to move one); the cap keeps a scoring
// that got slower from raising its own budget without end.
func (p *page) budget() float64 {
	p.timings()
	return min(max(taskBudget, 2*p.scored), 2*taskBudget)
}

// show opens a view by clicking its link in the navigation, as a reader
// would, and waits until it has rendered.
func (p *page) show(t *testing.T, view string) {
	t.Helper()
	p.did("opening " + view)
	p.clickOn(t, `document.querySelector('nav a[data-nav="`+view+`"]')`)
	p.b.waitFor(settled(view))
}

// settled holds when a view is shown, rendered, and done with the work
// it does in tasks of their own (layouts, scores).
func settled(view string) string {
	v := `[data-view="` + view + `"]`
	return `document.querySelector('` + v + `:not([hidden])[data-rendered]') && !document.querySelector('` + v + `[data-state]:not([data-state=done]), ` + v + ` [data-state]:not([data-state=done])')`
}

// clickOn sends a real mouse click at the middle of the element expr
// evaluates to, scrolled into view.
func (p *page) clickOn(t *testing.T, expr string) {
	t.Helper()
	var at struct {
		X, Y  float64
		Found bool
	}
	p.b.eval(`(function () {
		var e = `+expr+`;
		if (!e) return {found: false};
		e.scrollIntoView({block: 'center', inline: 'center'});
		var r = e.getBoundingClientRect();
		return {x: r.left + r.width / 2, y: r.top + r.height / 2, found: true};
	})()`, &at)
	if !at.Found {
		t.Fatalf("nothing to click: %s", expr)
	}
	p.b.click(at.X, at.Y)
}

func (p *page) shot(t *testing.T, name string) {
	t.Helper()
	if *screenshots == "" {
		return
	}
	if err := os.MkdirAll(*screenshots, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(*screenshots, name+".png")
	p.b.screenshot(path)
	t.Logf("screenshot %s", path)
}

// exercise does what a workshop does with the report: opens every view,
// clicks every context on the map, expands the largest, opens its block
// in the context matrix, and moves a package in the what-if.
func exercise(t *testing.T, p *page, m *schema.Model) {
	t.Helper()
	for _, v := range views {
		p.show(t, v)
	}
	p.show(t, "map")
	for _, c := range m.Contexts {
		p.did("clicking " + c.Name + " on the map")
		p.clickOn(t, `document.querySelector('[data-view=map] g.node[data-context="`+c.ID+`"] circle')`)
		var shown, hash string
		p.b.eval(`document.querySelector('[data-view=map] .panel').getAttribute('data-context')`, &shown)
		p.b.eval(`location.hash`, &hash)
		if shown != c.ID {
			t.Fatalf("clicked context %s on the map, the panel shows %q", c.ID, shown)
		}
		if want := "#context=" + c.ID + "&view=map"; hash != want {
			t.Errorf("after clicking %s the address is %q, want %q", c.ID, hash, want)
		}
	}
	largest := slices.MaxFunc(m.Contexts, func(a, b schema.Context) int { return len(a.Packages) - len(b.Packages) })
	p.clickOn(t, `document.querySelector('[data-view=map] g.node[data-context="`+largest.ID+`"] circle')`)
	p.did("expanding " + largest.Name + " on the map")
	p.clickOn(t, `document.querySelector('[data-view=map] .panel [data-action=expand]')`)
	var dots int
	p.b.eval(`document.querySelectorAll('[data-view=map] circle.pkg-dot').length`, &dots)
	if dots != len(largest.Packages) {
		t.Errorf("expanding %s drew %d packages, want %d", largest.Name, dots, len(largest.Packages))
	}
	p.did("collapsing " + largest.Name)
	p.clickOn(t, `document.querySelector('[data-view=map] .panel [data-action=collapse]')`)
	p.did("the drill-down into " + largest.Name)
	p.b.eval(`location.hash = '#context=`+largest.ID+`&view=drilldown'`, nil)
	p.b.waitFor(`document.querySelector('[data-view=drilldown] .map-box[data-context="` + largest.ID + `"][data-state=done]')`)
	p.show(t, "context-dsm")
	var rows int
	p.did("opening " + largest.Name + " in the context matrix")
	p.b.eval(`window.seams.expandContextDSM(`+jsString(largest.ID)+`)`, &rows)
	if want := len(m.Contexts) + len(largest.Packages) - 1; rows < want {
		t.Errorf("the context matrix has %d rows with %s open, want at least %d", rows, largest.Name, want)
	}
	p.show(t, "whatif")
	moved := largest.Packages[len(largest.Packages)-1]
	p.b.eval(`(function () {
		var s = document.querySelector('[data-view=whatif]');
		s.querySelector('[data-input=package]').value = `+jsString(moved)+`;
		s.querySelector('[data-input=to]').value = 'new';
	})()`, nil)
	p.did("moving " + moved + " in the what-if")
	p.clickOn(t, `document.querySelector('[data-view=whatif] [data-action=move]')`)
	p.did("after the what-if")
	var ops int
	var yaml string
	p.b.eval(`Number(document.querySelector('[data-view=whatif] .whatif-out').getAttribute('data-ops'))`, &ops)
	p.b.eval(`document.querySelector('[data-view=whatif] pre.yaml').textContent`, &yaml)
	if ops != 1 || !strings.Contains(yaml, "contexts:") || !strings.Contains(yaml, jsString(moved)) {
		t.Errorf("after moving %s the what-if holds %d changes and this configuration:\n%s", moved, ops, yaml)
	}
	var parts []string
	for _, x := range p.timings() {
		parts = append(parts, fmt.Sprintf("%s %d ms", x.Name, x.Ms))
	}
	t.Logf("the page's own steps: %s", strings.Join(parts, ", "))
}

func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// screens writes a screenshot of every view at two window sizes.
func screens(t *testing.T, html []byte, prefix string) {
	t.Helper()
	if *screenshots == "" {
		return
	}
	p := openHTML(t, html, 1600, 1200)
	for i, size := range [][2]int{{1600, 1200}, {1280, 720}} {
		if i > 0 { // a fresh page at the new size, in the same browser
			p.b.viewport(size[0], size[1])
			p.b.stopTrace()
			p.b.open(p.url)
			p.b.eval(`Number(document.body.getAttribute('data-ready-since-navigation'))`, &p.ready)
			p.b.startTrace()
		}
		for _, v := range append(slices.Clone(views), "drilldown", "context") {
			p.did(fmt.Sprintf("opening %s at %dx%d", v, size[0], size[1]))
			p.b.eval(`location.hash = '#view=`+v+`'`, nil)
			p.b.waitFor(settled(v))
			p.b.eval(`window.scrollTo(0, 0)`, nil)
			time.Sleep(60 * time.Millisecond)
			p.shot(t, fmt.Sprintf("%s-%s-%dx%d", prefix, v, size[0], size[1]))
		}
		p.problems(t)
	}
	// Dark mode, as prefers-color-scheme asks for it.
	p.b.call(p.b.session, "Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{{"name": "prefers-color-scheme", "value": "dark"}}}, nil)
	p.b.stopTrace()
	p.b.open(p.url)
	p.b.startTrace()
	for _, v := range []string{"ranking", "map", "context-dsm"} {
		p.b.eval(`location.hash = '#view=`+v+`'`, nil)
		p.b.waitFor(settled(v))
		time.Sleep(60 * time.Millisecond)
		p.shot(t, fmt.Sprintf("%s-%s-dark", prefix, v))
	}
}

func TestBrowserFixture(t *testing.T) {
	a := shopAnalysis(t)
	m := a.Model()
	p := openModel(t, m, 1600, 1200)
	t.Logf("first render %.0f ms after navigation", p.ready)

	var got struct {
		Title string
		Views []string
	}
	p.b.eval(`({title: document.querySelector('header h1').textContent,
		views: Array.from(document.querySelectorAll('[data-view]')).map(function (s) { return s.getAttribute('data-view'); })})`, &got)
	if got.Title != report.Title(m) || strings.Contains(got.Title, a.Repo.Root) {
		t.Errorf("the page is titled %q, want the module path %q", got.Title, report.Title(m))
	}
	for _, v := range views {
		if !slices.Contains(got.Views, v) {
			t.Errorf("no data-view=%q in the page (views %q)", v, got.Views)
		}
	}
	exercise(t, p, m)

	t.Run("explained figures", func(t *testing.T) {
		p.b.t = t
		defer func() { p.b.t = t }()
		p.show(t, "ranking")
		var tiles []string
		p.b.eval(`Array.from(document.querySelectorAll('[data-view=ranking] .metric')).map(function (e) { return e.getAttribute('aria-label'); })`, &tiles)
		if len(tiles) < 10 {
			t.Fatalf("%d metric tiles", len(tiles))
		}
		for _, label := range tiles {
			if len(label) < 40 {
				t.Errorf("tile without an explanation: %q", label)
			}
		}
		p.clickOn(t, `document.querySelector('[data-view=ranking] .metric:nth-child(7)')`)
		var link string
		p.b.eval(`(function () { var e = document.querySelector('.popover'); return e && e.style.display === 'block' ? e.querySelector('a').href : ''; })()`, &link)
		if !strings.Contains(link, "docs/json.md#") {
			t.Errorf("hovering a tile shows no popover linking the docs (link %q)", link)
		}
	})

	t.Run("sortable ranking", func(t *testing.T) {
		p.b.t = t
		p.show(t, "ranking")
		p.clickOn(t, `document.querySelector('[data-view=ranking] th.col-loc button')`)
		var locs []int
		p.b.eval(`Array.from(document.querySelectorAll('[data-view=ranking] tbody td.col-loc')).map(function (e) { return Number(e.textContent.replace(/,/g, '')); })`, &locs)
		if len(locs) != len(m.Contexts) || !slices.IsSortedFunc(locs, func(a, b int) int { return b - a }) {
			t.Errorf("sorted by LOC, the rows hold %v", locs)
		}
		var lines string
		p.b.eval(`window.seams.rankingCSV()`, &lines)
		if n := strings.Count(lines, "\r\n"); n != len(m.Contexts)+1 {
			t.Errorf("ranking.csv has %d lines, want %d", n, len(m.Contexts)+1)
		}
	})

	t.Run("what-if configuration", func(t *testing.T) {
		p.b.t = t
		var w struct {
			YAML     string
			Contexts []struct {
				Name     string
				Packages []string
			}
			Kernel []string
		}
		p.b.eval(`window.seams.whatIf(true)`, &w)
		f, err := config.Parse(config.FileName, []byte(w.YAML))
		if err != nil {
			t.Fatalf("the what-if's configuration does not load: %v\n%s", err, w.YAML)
		}
		// Each package must fall in its what-if context by the declared
		// patterns, as cluster.Cluster matches them (names in order).
		names := slices.Sorted(maps.Keys(f.Contexts))
		for _, c := range w.Contexts {
			for _, pk := range c.Packages {
				got := ""
				for _, n := range names {
					if slices.ContainsFunc(f.Contexts[n], func(pat string) bool { return cluster.Match(pat, pk) }) {
						got = n
						break
					}
				}
				if got != c.Name {
					t.Errorf("package %s is declared in %q, the what-if has it in %q:\n%s", pk, got, c.Name, w.YAML)
				}
			}
		}
		if len(f.Contexts) != len(w.Contexts) {
			t.Errorf("the configuration declares %d contexts, the what-if has %d", len(f.Contexts), len(w.Contexts))
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		p.b.t = t
		p.show(t, "map")
		c := m.Contexts[len(m.Contexts)-1]
		p.b.eval(`document.querySelector('[data-view=map] g.node[data-context="`+c.ID+`"]').focus()`, nil)
		for _, typ := range []string{"keyDown", "keyUp"} {
			p.b.call(p.b.session, "Input.dispatchKeyEvent", map[string]any{"type": typ, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}, nil)
		}
		var shown string
		p.b.eval(`document.querySelector('[data-view=map] .panel').getAttribute('data-context')`, &shown)
		if shown != c.ID {
			t.Errorf("Enter on the focused context %s shows %q in the panel", c.ID, shown)
		}
	})

	t.Run("print", func(t *testing.T) {
		p.b.t = t
		p.b.call(p.b.session, "Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil)
		p.b.eval(`window.dispatchEvent(new Event('beforeprint'))`, nil)
		var shown []string
		p.b.eval(`Array.from(document.querySelectorAll('section[data-view]')).filter(function (s) { return getComputedStyle(s).display !== 'none'; }).map(function (s) { return s.getAttribute('data-view'); })`, &shown)
		if !slices.Equal(shown, []string{"ranking", "map", "plan"}) {
			t.Errorf("printed, the page shows the views %q, want ranking, map and plan", shown)
		}
		var pdf struct{ Data string }
		p.did(printing)
		p.b.call(p.b.session, "Page.printToPDF", map[string]any{"preferCSSPageSize": true, "paperWidth": 11.69, "paperHeight": 8.27, "landscape": true}, &pdf)
		if len(pdf.Data) < 1000 {
			t.Error("printing to PDF gave nothing")
		}
		p.b.call(p.b.session, "Emulation.setEmulatedMedia", map[string]any{"media": ""}, nil)
	})

	t.Run("permalink", func(t *testing.T) {
		p.b.t = t
		c := m.Contexts[len(m.Contexts)-1]
		p.b.eval(`location.hash = '#context=`+c.ID+`'`, nil)
		p.b.waitFor(`document.querySelector('[data-view=context]:not([hidden]) [data-context="` + c.ID + `"]')`)
		var listed []string
		p.b.eval(`Array.from(document.querySelectorAll('[data-view=context] code.pkg')).map(function (e) { return e.textContent; })`, &listed)
		if !slices.Equal(listed, c.Packages) {
			t.Errorf("#context=%s lists packages %q, want %q", c.ID, listed, c.Packages)
		}
	})

	t.Run("map export", func(t *testing.T) {
		p.b.t = t
		p.show(t, "map")
		var svg string
		p.b.eval(`window.seams.mapSVG()`, &svg)
		if !strings.HasPrefix(svg, "<svg") || strings.Count(svg, `class="ctx-circle"`) != len(m.Contexts) {
			t.Errorf("the map's SVG export has %d contexts, want %d:\n%.300s", strings.Count(svg, `class="ctx-circle"`), len(m.Contexts), svg)
		}
	})
	p.b.t = t
	p.problems(t)
	html, _ := report.HTML(m)
	screens(t, html, "shop")
}

func TestBrowserGenerated(t *testing.T) {
	m := generated(2000, 25).Model()
	html, err := report.HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	p := openHTML(t, html, 1600, 1200)
	t.Logf("%d packages, %d contexts: index.html %.2f MB, first render %.0f ms after navigation", len(m.Packages), len(m.Contexts), float64(len(html))/1e6, p.ready)
	// A browser measurement on a shared machine: only a gross overrun fails.
	if p.ready > 15000 {
		t.Errorf("first render after %.0f ms, over 10 times the 1.5 s target", p.ready)
	}
	exercise(t, p, m)
	var groups []struct {
		Kind     string
		Count    int
		Headline string
	}
	p.b.eval(`window.seams.warningGroups()`, &groups)
	if len(groups) == 0 || groups[0].Kind != "missing-module" || groups[0].Count != 460 || !strings.Contains(groups[0].Headline, "12 third-party modules") || !strings.Contains(groups[0].Headline, "go mod download") {
		t.Errorf("the missing modules' warnings are not folded into one line: %+v", groups)
	}
	p.problems(t)
	screens(t, html, "generated")
}

// TestReportSize holds a 5,000-package report under 5 MB.
func TestReportSize(t *testing.T) {
	m := generated(5000, 40).Model()
	html, err := report.HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := schema.Encode(m)
	t.Logf("%d packages, %d imports, %d co-change pairs: seams.json %.2f MB, index.html %.2f MB", len(m.Packages), len(m.Imports), len(m.CoChange), float64(len(data))/1e6, float64(len(html))/1e6)
	if len(html) > 5e6 {
		t.Errorf("index.html of %d packages is %d bytes, over 5 MB", len(m.Packages), len(html))
	}
	p := openHTML(t, html, 1600, 1200)
	t.Logf("first render %.0f ms after navigation", p.ready)
	if p.ready > 15000 {
		t.Errorf("first render after %.0f ms, over 10 times the 1.5 s target", p.ready)
	}
	p.problems(t)
}

// TestBrowserPlanAndBand renders fields a later schema adds: a context's
// plan and rank band.
func TestBrowserPlanAndBand(t *testing.T) {
	m := decodeModel(t, "testdata/shop.json")
	c0 := m.Contexts[0]
	if c0.Plan == nil || len(c0.Plan.Steps) == 0 || len(c0.Plan.API) == 0 {
		t.Fatal("the fixture's first context has no plan to show")
	}
	p := openModel(t, m, 1280, 720)
	p.show(t, "plan")
	var got struct {
		Steps    []string
		API      int
		Open     []string
		Band     string
		Articles int
	}
	p.b.eval(`(function () {
		var first = document.querySelector('[data-view=plan] article.plan');
		return {
			steps: Array.from(first.querySelectorAll('ol.plan-steps li')).map(function (e) { return e.textContent; }),
			api: first.querySelector('table').tBodies[0].rows.length,
			open: Array.from(document.querySelectorAll('[data-view=plan] article.plan details[open]')).map(function (d) { return d.closest('article').getAttribute('data-context'); }),
			articles: document.querySelectorAll('[data-view=plan] article.plan').length,
		};
	})()`, &got)
	var want []string
	for _, st := range c0.Plan.Steps {
		want = append(want, st.Kind+" "+st.Text)
	}
	if !slices.Equal(got.Steps, want) {
		t.Errorf("the first plan's steps show as %q, want %q", got.Steps, want)
	}
	if got.API != min(len(c0.Plan.API), 25) {
		t.Errorf("the API table has %d rows, want %d", got.API, min(len(c0.Plan.API), 25))
	}
	planned := 0
	for _, c := range m.Contexts {
		if c.Plan != nil {
			planned++
		}
	}
	if got.Articles != planned || !slices.Equal(got.Open, []string{c0.ID}) {
		t.Errorf("%d plans shown (want %d), open: %q (want only the first, %s)", got.Articles, planned, got.Open, c0.ID)
	}
	// The address opens another context's plan.
	last := m.Contexts[len(m.Contexts)-1]
	p.b.eval(`location.hash = '#context=`+last.ID+`&view=plan'`, nil)
	p.b.waitFor(`document.querySelector('[data-view=plan] article.plan[data-context="` + last.ID + `"] details[open]')`)
	p.b.eval(`window.scrollTo(0, 0)`, nil)
	p.shot(t, "shop-plan")
	p.show(t, "ranking")
	p.b.eval(`document.querySelector('[data-view=ranking] td.col-band').textContent`, &got.Band)
	if got.Band != fmt.Sprint(c0.Band) {
		t.Errorf("the ranking shows band %q, want %d", got.Band, c0.Band)
	}
	p.problems(t)
}

// TestBrowserSparseModels opens every view of models with little in
// them: nothing at all, no history (no view), one context alone.
func TestBrowserSparseModels(t *testing.T) {
	shop := decodeModel(t, "testdata/shop.json")
	noHistory := decodeModel(t, "testdata/shop.json")
	noHistory.View = nil
	for i := range noHistory.Packages {
		noHistory.Packages[i].History = nil
	}
	noHistory.CoChange = nil
	one := decodeModel(t, "testdata/shop.json")
	one.Contexts = one.Contexts[:1]
	one.Links = nil
	for _, tc := range []struct {
		name string
		m    *schema.Model
	}{
		{"empty", &schema.Model{Schema: schema.Version, Repo: schema.Repo{Root: "/src/empty"}}},
		{"no history", noHistory},
		{"one context", one},
		{"as found", shop},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := openModel(t, tc.m, 1280, 720)
			for _, v := range append(slices.Clone(views), "context", "drilldown") {
				p.b.eval(`location.hash = '#view=`+v+`'`, nil)
				p.b.waitFor(settled(v))
			}
			p.problems(t)
		})
	}
}

// TestBrowserHostileNames opens the report of a repository whose names
// are markup and script: none of it may run or become an element.
func TestBrowserHostileNames(t *testing.T) {
	m := decodeModel(t, "testdata/hostile.json")
	payload := `<img src=x onerror="window.pwned=1;alert('img')"><script>window.pwned=2;alert('script')</script>`
	m.Contexts[0].Name += payload
	m.Packages[0].Path += payload
	m.Contexts[0].Packages[0] = m.Packages[0].Path
	m.Warnings[0].Message += payload
	m.Repo.Modules = []schema.Module{{Path: "example.com/" + payload, Dir: "."}}
	html, err := report.HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(html, []byte("</script>")); n != 3 {
		t.Errorf("the page has %d </script> tags, want the 3 of its own (data, vocabulary, app): data escaped its element", n)
	}
	p := openHTML(t, html, 1400, 1000)
	for _, v := range append(slices.Clone(views), "context", "drilldown") {
		p.b.eval(`location.hash = '#view=`+v+`'`, nil)
		p.b.waitFor(settled(v))
	}
	p.show(t, "map")
	for _, c := range m.Contexts {
		p.clickOn(t, `document.querySelector('[data-view=map] g.node[data-context="`+c.ID+`"] circle')`)
	}
	p.clickOn(t, `document.querySelector('[data-view=map] .panel [data-action=expand]')`)
	p.b.eval(`location.hash = '#context=`+m.Contexts[0].ID+`&view=context'`, nil)
	p.b.waitFor(`document.querySelector('[data-view=context] [data-context]')`)
	var r struct {
		Pwned    any
		Elements []string
		Shown    bool
	}
	p.b.eval(`(function () {
		var bad = Array.from(document.querySelectorAll('#app img, #app script, #app iframe, #app object, #app b, [onerror], [onload]'));
		return {
			pwned: window.pwned === undefined ? null : window.pwned,
			elements: bad.map(function (e) { return e.outerHTML.slice(0, 80); }),
			shown: document.querySelector('[data-view=context]').textContent.indexOf('<script>alert(1)</script>') >= 0
		};
	})()`, &r)
	if r.Pwned != nil {
		t.Errorf("a name from the repository ran script: window.pwned = %v", r.Pwned)
	}
	if len(r.Elements) > 0 {
		t.Errorf("elements made from repository data: %q", r.Elements)
	}
	if !r.Shown {
		t.Error("the hostile names are not shown as text in the context detail")
	}
	p.problems(t)
}

// TestBrowserLargeReport opens the report of a large repository
// (-large seams.json or $SEAMS_LARGE_MODEL) and does what a workshop
// does with it; it must stay under 5 MB.
func TestBrowserLargeReport(t *testing.T) {
	if *largeModel == "" {
		t.Skip("no large model: pass -large path/to/seams.json or set SEAMS_LARGE_MODEL")
	}
	m := decodeModel(t, *largeModel)
	html, err := report.HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	p := openHTML(t, html, 1600, 1200)
	t.Logf("%d packages, %d contexts: index.html %.2f MB, first render %.0f ms after navigation", len(m.Packages), len(m.Contexts), float64(len(html))/1e6, p.ready)
	if len(html) > 5e6 {
		t.Errorf("index.html is %d bytes, over 5 MB", len(html))
	}
	exercise(t, p, m)
	p.problems(t)
	screens(t, html, "large")
	checkTableSites(t, m, "large-table-sites")
	checkTreemapFiles(t, m, "large-treemap-files")
}

// TestBrowserTableSites opens a table's row in the Tables view and checks
// that every package touching it is listed with its statements.
func TestBrowserTableSites(t *testing.T) {
	checkTableSites(t, decodeModel(t, "testdata/shop.json"), "shop-table-sites")
}

// checkTableSites opens the first table with three users and a written
// site, checks what its row shows, and closes it again.
func checkTableSites(t *testing.T, m *schema.Model, shot string) {
	t.Helper()
	var tb *schema.Table
	for i := range m.Tables {
		if t := &m.Tables[i]; len(t.Readers)+len(t.Writers)+len(t.DDL) >= 3 && len(t.Writers) > 0 && len(t.Writers[0].Sites) > 0 {
			tb = t
			break
		}
	}
	if tb == nil {
		t.Fatal("the fixture has no table with three users and a written site")
	}
	p := openModel(t, m, 1280, 720)
	p.show(t, "tables")
	var got struct {
		Before int
		Rows   [][]string
	}
	p.b.eval(`(function () {
		var v = document.querySelector('[data-view=tables]');
		var before = v.querySelectorAll('tr.sites').length;
		v.querySelector('tr.opens[data-table="`+tb.Name+`"]').click();
		var open = v.querySelector('tr.sites[data-table="`+tb.Name+`"]');
		return { before: before, rows: open ? Array.from(open.querySelectorAll('tr')).filter(function (r) { return r.cells[0].tagName === 'TD'; }).map(function (r) {
			return Array.from(r.cells).map(function (c) { return c.textContent; }); }) : [] };
	})()`, &got)
	if got.Before != 0 {
		t.Errorf("%d table rows open before any click", got.Before)
	}
	if want := len(tb.Readers) + len(tb.Writers) + len(tb.DDL); len(got.Rows) != want {
		t.Fatalf("table %s opens with %d rows %q, want %d", tb.Name, len(got.Rows), got.Rows, want)
	}
	w := tb.Writers[0]
	found := false
	for _, r := range got.Rows {
		if r[0] == "write" && r[1] == w.Package && strings.Contains(r[4], strings.TrimPrefix(w.Sites[0].At, w.Package+"/")) && strings.Contains(r[4], w.Sites[0].How) {
			found = true
		}
	}
	if !found {
		t.Errorf("the writer %s with site %s (%s) is not shown: %q", w.Package, w.Sites[0].At, w.Sites[0].How, got.Rows)
	}
	p.shot(t, shot)
	p.b.eval(`document.querySelector('[data-view=tables] tr.opens[data-table="`+tb.Name+`"]').click()`, nil)
	var after int
	p.b.eval(`document.querySelectorAll('[data-view=tables] tr.sites').length`, &after)
	if after != 0 {
		t.Errorf("a second click leaves %d rows open", after)
	}
	p.problems(t)
}

// TestBrowserTreemapFiles zooms the hotspot treemap into the context with
// the most files and checks that its packages show their files, with a
// file's tooltip, and that zooming out shows packages again.
func TestBrowserTreemapFiles(t *testing.T) {
	checkTreemapFiles(t, decodeModel(t, "testdata/shop.json"), "shop-treemap-files")
}

func checkTreemapFiles(t *testing.T, m *schema.Model, shot string) {
	t.Helper()
	best, files := "", 0
	for _, c := range m.Contexts {
		n := 0
		for _, p := range m.Packages {
			if p.Context == c.ID {
				n += len(p.Sources)
			}
		}
		if n > files {
			best, files = c.ID, n
		}
	}
	if files == 0 {
		t.Fatal("no context has files to show")
	}
	p := openModel(t, m, 1280, 720)
	p.show(t, "treemap")
	var before int
	p.b.eval(`document.querySelectorAll('[data-view=treemap] .tm-file').length`, &before)
	if before != 0 {
		t.Errorf("%d file tiles before zooming in", before)
	}
	var got struct {
		Files int
		Tip   string
	}
	p.b.eval(`(function () {
		var v = document.querySelector('[data-view=treemap]');
		var head = v.querySelector('g[data-context="`+best+`"] .tm-head');
		head.dispatchEvent(new MouseEvent('click', { bubbles: true }));
		var tiles = v.querySelectorAll('.tm-file');
		var biggest = null, area = 0;
		tiles.forEach(function (r) { var a = r.width.baseVal.value * r.height.baseVal.value; if (a > area) { area = a; biggest = r; } });
		var tip = '';
		if (biggest) {
			var b = biggest.getBoundingClientRect();
			biggest.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: b.x + b.width / 2, clientY: b.y + b.height / 2 }));
			var el = document.querySelector('.tip');
			tip = el ? el.textContent : '';
		}
		return { files: tiles.length, tip: tip };
	})()`, &got)
	if got.Files == 0 || got.Files > files {
		t.Errorf("zoomed into %s: %d file tiles, want 1..%d", best, got.Files, files)
	}
	if !strings.Contains(got.Tip, ".go") || !strings.Contains(got.Tip, "LOC") {
		t.Errorf("a file's tooltip reads %q", got.Tip)
	}
	p.shot(t, shot)
	var after int
	p.b.eval(`(function () {
		var v = document.querySelector('[data-view=treemap]');
		v.querySelector('.tm-head').dispatchEvent(new MouseEvent('click', { bubbles: true }));
		return v.querySelectorAll('.tm-file').length;
	})()`, &after)
	if after != 0 {
		t.Errorf("%d file tiles after zooming out", after)
	}
	p.problems(t)
}
