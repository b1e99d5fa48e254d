package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"path/filepath"
	"strings"

	"github.com/seams-tool/seams/report/schema"
)

// The trend page follows the report's rules (see html.go): one
// self-contained file, the trend inside it as JSON, every element built
// from that data with DOM calls, and a Content-Security-Policy that
// allows only the page's own script, by hash, and no request at all.

//go:embed assets/trend.js
var trendJS string

// trendPageJS is trend.html's one script: the chart, drawn from the data
// elements of its page.
var trendPageJS = "(function () {\n'use strict';\n" + trendJS + `
drawTrend(document.getElementById('app'),
  JSON.parse(document.getElementById('seams-trend').textContent),
  JSON.parse(document.getElementById('seams-trend-metrics').textContent));
})();
`

// trendData is a trend and its metrics as the page's data elements hold
// them: compact JSON in which no character can end a script element.
func trendData(t *schema.Trend) (data, metrics template.JS, err error) {
	raw, err := schema.EncodeCompact(t)
	if err != nil {
		return "", "", err
	}
	// json.Marshal escapes <, > and &: no subject can close the script.
	escaped, err := json.Marshal(json.RawMessage(raw))
	if err != nil {
		return "", "", err
	}
	ms, err := json.Marshal(trendMetrics)
	return template.JS(escaped), template.JS(ms), err
}

var trendPage = template.Must(template.New("trend").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src {{.ScriptHash}}; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>seams trend: {{.Title}}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; margin: 0 0 .3em; } h2 { font-size: 1em; margin: .8em 0 .1em; }
.hint { color: #777; font-weight: normal; }
.warn { color: #9a4d00; }
svg { display: block; overflow: visible; }
.line { fill: none; stroke-width: 2; }
.grid { stroke: #eee; } .axis { font-size: 11px; fill: #666; }
.low { fill: #f3d9b1; opacity: .6; } .low-dot { stroke: #9a4d00; stroke-width: 1.5; }
.skip { stroke: #c00; stroke-width: 2; } .cursor { stroke: #555; stroke-dasharray: 3 3; }
#tip { position: absolute; background: #fff; border: 1px solid #bbb; border-radius: 4px; padding: .5em .7em; box-shadow: 0 2px 6px rgba(0,0,0,.15); max-width: 280px; font-size: 12px; pointer-events: none; }
#tip .commit { font-family: monospace; } #tip .subject { font-weight: 600; margin: .2em 0; overflow-wrap: anywhere; }
#tip table td { text-align: right; padding-left: 1em; }
#points { border-collapse: collapse; font-size: 12px; } #points td, #points th { padding: 2px 8px; border-bottom: 1px solid #eee; text-align: left; }
#points td.num { text-align: right; font-variant-numeric: tabular-nums; } #points tr.low { background: #fbeedd; } #points tr.skipped { color: #a00; }
</style>
</head>
<body>
<noscript>This page needs JavaScript; the same data is in trend.json, trend.csv and trend.md.</noscript>
<div id="app"></div>
<script type="application/json" id="seams-trend">{{.Data}}</script>
<script type="application/json" id="seams-trend-metrics">{{.Metrics}}</script>
<script>{{.App}}</script>
</body>
</html>
`))

// trendMetric is one chart of the trend page.
type trendMetric struct {
	Field  string  `json:"field"` // path into a point, dot-separated
	Label  string  `json:"label"`
	Short  string  `json:"short"`
	Better string  `json:"better,omitempty"` // higher, lower or ""
	Digits int     `json:"digits"`
	Color  string  `json:"color"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max,omitempty"`
}

var trendMetrics = []trendMetric{
	{"coverage", "coverage: share of packages the baseline knows", "coverage", "higher", 2, "#888", 0, 1},
	{"metrics.icp", "ICP: share of coupling crossing contexts", "ICP", "lower", 3, "#c0392b", 0, 0},
	{"metrics.modularity.fused", "modularity (fused graph)", "modularity", "higher", 3, "#2471a3", 0, 0},
	{"metrics.sm", "SM: structural modularity", "SM", "higher", 3, "#1e8449", 0, 0},
	{"metrics.crossContextImports", "imports between contexts", "cross imports", "lower", 0, "#7d3c98", 0, 0},
	{"metrics.contexts", "contexts", "contexts", "", 0, "#b9770e", 0, 0},
	{"packages", "packages", "packages", "", 0, "#566573", 0, 0},
}

// TrendHTML renders the trend as a self-contained page, trend.html: a
// chart per metric over time, the low-coverage points shaded, skipped
// commits marked, and the commit, date, subject and tags of the nearest
// point on hover.
func TrendHTML(t *schema.Trend) ([]byte, error) {
	data, ms, err := trendData(t)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = trendPage.Execute(&b, map[string]any{
		"ScriptHash": scriptHash(trendPageJS),
		"Title":      filepath.Base(t.Repo),
		"Data":       data,
		"Metrics":    ms,
		"App":        template.JS(trendPageJS),
	})
	return b.Bytes(), err
}

// TrendMarkdown is a short summary of a trend for a job summary: how
// each main metric moved from the oldest point to the newest, and what
// the reader must know about the points (low coverage, skipped commits).
func TrendMarkdown(t *schema.Trend) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "### seams trend\n\n")
	if len(t.Points) == 0 {
		fmt.Fprintf(&b, "No commit could be measured (%d skipped).\n", len(t.Skipped))
		return b.Bytes()
	}
	first, last := t.Points[0], t.Points[len(t.Points)-1]
	what := "the baseline's partition"
	if t.Partition == "recluster" {
		what = "each commit clustered afresh"
	}
	fmt.Fprintf(&b, "%d samples from %s to %s, %s.\n\n", len(t.Points), first.Date[:min(10, len(first.Date))], last.Date[:min(10, len(last.Date))], what)
	rows := []metricRow{
		{"ICP", schema.MetricICP, first.Metrics.ICP, last.Metrics.ICP, false, false},
		{"modularity", schema.MetricModularity, first.Metrics.Modularity.Fused, last.Metrics.Modularity.Fused, true, false},
		{"SM", schema.MetricSM, first.Metrics.SM, last.Metrics.SM, true, false},
		{"cross-context imports", "", float64(first.Metrics.CrossContextImports), float64(last.Metrics.CrossContextImports), false, true},
		{"contexts", "", float64(first.Metrics.Contexts), float64(last.Metrics.Contexts), true, true},
	}
	for _, r := range rows {
		change := r.change()
		if r.label == "contexts" {
			change = strings.NewReplacer(" better", "", " worse", "").Replace(change)
		}
		fmt.Fprintf(&b, "- %s %s -> %s over %d samples (%s)\n", r.label, r.format(r.was), r.format(r.is), len(t.Points), change)
	}
	low := 0
	for _, p := range t.Points {
		if p.Low {
			low++
		}
	}
	if low > 0 {
		fmt.Fprintf(&b, "\n%d of %d points have low coverage (the baseline knows under %s of their packages): their figures describe little of the code.\n", low, len(t.Points), Percent(t.LowCoverage))
	}
	if first.Low {
		fmt.Fprintf(&b, "\nThe oldest point's coverage is %s: compare from the first point above %s instead.\n", Percent(first.Coverage), Percent(t.LowCoverage))
	}
	if len(t.Skipped) > 0 {
		fmt.Fprintf(&b, "\n%d sampled commits were skipped (see trend.csv).\n", len(t.Skipped))
	}
	return b.Bytes()
}
