package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seams-tool/seams/report"
	"github.com/seams-tool/seams/report/schema"
)

// hostileTrend is a trend whose commit subjects and tags try to inject
// markup, with low-coverage points and a skipped commit.
func hostileTrend() *schema.Trend {
	const evil = `</script><img src=x onerror="window.pwned=1">&amp;`
	t := &schema.Trend{Schema: schema.TrendVersion, Repo: "/src/<b>shop", Partition: "baseline", LowCoverage: 0.5,
		Skipped: []schema.TrendSkip{{Commit: "0000000000000000000000000000000000000000", Date: "2023-12-01T00:00:00Z", Reason: "no Go files " + evil}}}
	for i := range 6 {
		p := schema.TrendPoint{Commit: strings.Repeat(string(rune('a'+i)), 40), Date: "2024-0" + string(rune('1'+i)) + "-01T00:00:00Z",
			Packages: 20 + i, Subject: "commit " + string(rune('A'+i)) + " " + evil, Coverage: 0.3 + 0.14*float64(i)}
		p.Low = p.Coverage < 0.5
		p.Metrics.ICP = 0.4 - 0.02*float64(i)
		p.Metrics.Modularity.Fused = 0.5 + 0.03*float64(i)
		p.Metrics.SM = -0.0 + 0.01*float64(i)
		p.Metrics.Contexts = 4 + i%2
		p.Metrics.CrossContextImports = 30 - i
		if i == 2 {
			p.Tags = []string{"v1.0.0", evil}
		}
		t.Points = append(t.Points, p)
	}
	return t
}

func TestBrowserTrend(t *testing.T) {
	tr := hostileTrend()
	html, err := report.TrendHTML(tr)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(html), "<img") {
		t.Fatal("a subject's markup reached the page unescaped")
	}
	b := startBrowser(t, 900, 1400)
	path := filepath.Join(t.TempDir(), "trend.html")
	if err := os.WriteFile(path, html, 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + path
	b.open(url)
	var got struct {
		Charts, Lines, Shaded, Skips, Imgs, Rows, LowRows int
		Pwned                                             bool
		Note, Title                                       string
	}
	b.eval(`({
		charts: document.querySelectorAll('section.chart').length,
		lines: document.querySelectorAll('path.line').length,
		shaded: document.querySelectorAll('section.chart')[1].querySelectorAll('rect.low').length,
		skips: document.querySelectorAll('section.chart')[1].querySelectorAll('line.skip').length,
		imgs: document.getElementsByTagName('img').length,
		rows: document.querySelectorAll('#points tr').length,
		lowRows: document.querySelectorAll('#points tr.low').length,
		pwned: window.pwned === 1,
		note: (document.getElementById('low-note') || {}).textContent || '',
		title: document.querySelector('h1').textContent,
	})`, &got)
	lows := 0
	for _, p := range tr.Points {
		if p.Low {
			lows++
		}
	}
	if got.Charts != report.TrendMetrics || got.Lines != report.TrendMetrics || got.Shaded != lows || got.Skips != 1 {
		t.Errorf("charts %d, lines %d, shaded %d (want %d), skipped marks %d", got.Charts, got.Lines, got.Shaded, lows, got.Skips)
	}
	if got.Imgs != 0 || got.Pwned || got.Rows != 1+len(tr.Points)+len(tr.Skipped) || got.LowRows != lows {
		t.Errorf("imgs %d, pwned %v, rows %d, low rows %d", got.Imgs, got.Pwned, got.Rows, got.LowRows)
	}
	if !strings.Contains(got.Note, "2 of 6 points are shaded") || got.Title != "seams trend: <b>shop" { // the name, escaped, not the path
		t.Errorf("note %q, title %q", got.Note, got.Title)
	}

	// A real mouse over the ICP chart, at the third point, shows that
	// commit, its subject and tags as text.
	var at struct{ X, Y float64 }
	b.eval(`(function () {
		var c = document.querySelectorAll('section.chart')[1].querySelectorAll('circle.dot')[2];
		c.scrollIntoView({block: 'center'});
		var r = c.getBoundingClientRect();
		return {x: r.left + r.width / 2, y: r.top + r.height / 2};
	})()`, &at)
	b.call(b.session, "Input.dispatchMouseEvent", map[string]any{"type": "mouseMoved", "x": at.X, "y": at.Y}, nil)
	var tip struct {
		Hidden                bool
		Commit, Subject, Tags string
		Coverage              string
	}
	b.eval(`(function () {
		var t = document.getElementById('tip');
		return {hidden: t.hidden, commit: t.getAttribute('data-commit'),
			subject: (t.querySelector('.subject') || {}).textContent,
			tags: (t.querySelector('.tags') || {}).textContent,
			coverage: (t.querySelector('.coverage') || {}).textContent};
	})()`, &tip)
	p := tr.Points[2]
	if tip.Hidden || tip.Commit != p.Commit || tip.Subject != p.Subject || tip.Tags != "tags: "+strings.Join(p.Tags, ", ") || !strings.HasPrefix(tip.Coverage, "coverage 58%") {
		t.Errorf("hover shows %+v, want point %s %q", tip, p.Commit[:8], p.Subject)
	}
	(&page{b: b, url: url}).shot(t, "trend")
	if probs := b.problems(url); len(probs) > 0 {
		t.Errorf("the page had problems:\n%s", strings.Join(probs, "\n"))
	}
}

func TestTrendMarkdown(t *testing.T) {
	md := string(report.TrendMarkdown(hostileTrend()))
	for _, want := range []string{
		"6 samples from 2024-01-01 to 2024-06-01, the baseline's partition.",
		"- ICP 0.400 -> 0.300 over 6 samples (▼ -0.100 better)",
		"- contexts 4 -> 5 over 6 samples (▲ +1)",
		"2 of 6 points have low coverage",
		"The oldest point's coverage is 30%",
		"1 sampled commits were skipped",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("trend.md lacks %q:\n%s", want, md)
		}
	}
}

// TestBrowserTrendInReport: index.html with a trend beside it has a Trend
// view drawing the same charts as trend.html, with the hostile subjects
// kept as text; without one, no Trend view at all.
func TestBrowserTrendInReport(t *testing.T) {
	m := decodeModel(t, "testdata/shop.json")
	tr := hostileTrend()
	html, err := report.HTMLWithTrend(m, tr)
	if err != nil {
		t.Fatal(err)
	}
	p := openHTML(t, html, 1280, 900)
	p.show(t, "trend")
	var got struct {
		Charts, Lines int
		Pwned         bool
		Nav           string
	}
	p.b.eval(`({
		charts: document.querySelectorAll('[data-view=trend] section.chart').length,
		lines: document.querySelectorAll('[data-view=trend] path.line').length,
		pwned: window.pwned === 1,
		nav: (document.querySelector('nav a[data-nav=trend]') || {}).textContent || '',
	})`, &got)
	if got.Charts != report.TrendMetrics || got.Lines != report.TrendMetrics || got.Pwned || got.Nav != "Trend" {
		t.Errorf("trend view: %d charts, %d lines (want %d), pwned %v, nav %q", got.Charts, got.Lines, report.TrendMetrics, got.Pwned, got.Nav)
	}
	p.shot(t, "shop-trend")
	p.problems(t)

	plain, err := report.HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(plain), `id="seams-trend"`) {
		t.Error("a report without a trend carries trend data")
	}
	q := openHTML(t, plain, 1280, 900)
	var nav int
	q.b.eval(`document.querySelectorAll('nav a[data-nav=trend]').length`, &nav)
	if nav != 0 {
		t.Error("a report without a trend shows a Trend view")
	}
	q.problems(t)
}
