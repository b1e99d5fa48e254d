package report

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"path"
	"strings"

	"github.com/seams-tool/seams/report/schema"
)

// The HTML report is one self-contained file: the model travels inside it
// (gzipped JSON in base64, which the page inflates with the browser's own
// DecompressionStream), the page's script builds every element from that
// data with DOM calls (never by parsing markup), and a
// Content-Security-Policy forbids every network request. It works as a CI
// artifact, offline, and on a repository whose names try to inject
// script. The policy allows only the page's one script, by hash, so even
// markup that slipped into the DOM could not run an inline event handler.

//go:embed assets/*.js assets/app.css
var assets embed.FS

// scripts are the page's script files, joined in this order into its one
// script: app.js holds the shell and the helpers the others use; each
// other file draws one view or, engine.js, rescores a partition.
var scripts = []string{"app.js", "engine.js", "ranking.js", "map.js", "dsm.js", "treemap.js", "whatif.js", "views.js", "trend.js"}

var appJS, appCSS = joinScripts(), asset("app.css")

func asset(name string) string {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	return string(b)
}

// joinScripts wraps the script files in one function scope, so that they
// share their helpers and put nothing on window but the test hooks.
func joinScripts() string {
	var b strings.Builder
	b.WriteString("(function () {\n'use strict';\n")
	for _, s := range scripts {
		b.WriteString("// ---- " + s + "\n")
		b.WriteString(asset(s))
		b.WriteString("\n")
	}
	b.WriteString("start();\n})();\n")
	return b.String()
}

var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src {{.ScriptHash}}; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>seams: {{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<noscript>This report needs JavaScript; the same data is in seams.json and summary.md.</noscript>
<div id="app" data-title="{{.Title}}"></div>
<script type="application/json" id="seams-data" data-encoding="gzip+base64">{{.Data}}</script>
<script type="application/json" id="seams-vocabulary">{{.Vocabulary}}</script>
{{if .Trend}}<script type="application/json" id="seams-trend">{{.Trend}}</script>
<script type="application/json" id="seams-trend-metrics">{{.TrendMetrics}}</script>
{{end}}<script>{{.App}}</script>
</body>
</html>
`))

// HTML renders the self-contained report, index.html.
func HTML(m *schema.Model) ([]byte, error) { return HTMLWithTrend(m, nil) }

// HTMLWithTrend renders index.html with the trend t in a view of its
// own, as trend.html draws it; nil leaves the view out.
func HTMLWithTrend(m *schema.Model, t *schema.Trend) ([]byte, error) {
	// The page shows how many generated files were left out, not which:
	// on a large repository the list is the largest part of the signals.
	c := *m
	c.Signals.Imports.Generated = nil
	data, err := schema.EncodeCompact(&c)
	if err != nil {
		return nil, err
	}
	return render(Title(m), data, t)
}

// render writes the page around a model given as compact JSON, with a
// trend when t is not nil.
func render(title string, data []byte, t *schema.Trend) ([]byte, error) {
	// gzip with no name and no time in its header: the same model gives
	// the same bytes. The page reads the base64 as a JSON string: it
	// holds no character that could end the script element. The default
	// level, not the best: on a 1,700-package model the best is 3%
	// smaller and takes 2.6 times as long (0.43 s against 0.17 s).
	var z bytes.Buffer
	w, err := gzip.NewWriterLevel(&z, gzip.DefaultCompression)
	if err != nil {
		return nil, err
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		return nil, err
	}
	// json.Marshal escapes <, > and & (and U+2028, U+2029), so no name in
	// the vocabulary could close its script element either.
	vocab, err := json.Marshal(pageVocabulary())
	if err != nil {
		return nil, err
	}
	var trend, trendMetrics template.JS
	if t != nil {
		if trend, trendMetrics, err = trendData(t); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	err = page.Execute(&b, map[string]any{
		"Trend":        trend,
		"TrendMetrics": trendMetrics,
		"ScriptHash":   scriptHash(appJS),
		"Title":        title,
		"CSS":          template.CSS(appCSS),
		"Data":         template.JS(`"` + base64.StdEncoding.EncodeToString(z.Bytes()) + `"`),
		"Vocabulary":   template.JS(vocab),
		"App":          template.JS(appJS),
	})
	return b.Bytes(), err
}

// Title names the repository as the report's title: its root module's
// path, else its first module's, else the name of its directory; never
// the absolute path of someone's checkout.
func Title(m *schema.Model) string {
	for _, mod := range m.Repo.Modules {
		if mod.Dir == "." && mod.Path != "" {
			return mod.Path
		}
	}
	for _, mod := range m.Repo.Modules {
		if mod.Path != "" {
			return mod.Path
		}
	}
	// A model written on Windows has backslashes, whatever reads it.
	root := strings.TrimRight(strings.ReplaceAll(m.Repo.Root, `\`, "/"), "/")
	if base := path.Base(root); root != "" && base != "." && base != "/" {
		return base
	}
	return "repository"
}

// scriptHash is the Content-Security-Policy source that allows exactly
// one inline script.
func scriptHash(js string) string {
	sum := sha256.Sum256([]byte(js))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// term is one name of a vocabulary as the page shows it.
type term struct {
	Name  string `json:"name"`
	Label string `json:"label"`           // what a reader sees
	Short string `json:"short,omitempty"` // on a button
	Color string `json:"color,omitempty"`
	// Line is how a layer's edges are drawn: solid, dashed or dotted;
	// Directed layers draw arrows.
	Line     string `json:"line,omitempty"`
	Directed bool   `json:"directed,omitempty"`
	// Help says what a metric measures; Better which way it improves,
	// "higher" or "lower".
	Help   string `json:"help,omitempty"`
	Better string `json:"better,omitempty"`
}

// signalTerms, layerTerms and metricTerms say how the page shows each
// signal, layer and metric; TestPageVocabulary checks that every name of
// the schema's lists has one.
var (
	signalTerms = map[schema.Signal]term{
		schema.SignalImports:    {Label: "code imports"},
		schema.SignalSQL:        {Label: "shared tables (SQL)"},
		schema.SignalHistory:    {Label: "co-change (git)"},
		schema.SignalVocabulary: {Label: "domain vocabulary"},
	}
	layerTerms = map[schema.Layer]term{
		schema.LayerImports:    {Label: "imports (files importing across)", Short: "imports", Color: "#2f5da8", Line: "solid", Directed: true},
		schema.LayerData:       {Label: "shared tables", Short: "shared tables", Color: "#c0504d", Line: "dashed"},
		schema.LayerCoChange:   {Label: "co-change (shared commits)", Short: "co-change", Color: "#5e8f25", Line: "dotted"},
		schema.LayerVocabulary: {Label: "vocabulary (alike domain terms)", Short: "vocabulary", Color: "#8a5cb8", Line: "dashed"},
	}
	metricTerms = map[schema.Metric]term{
		schema.MetricICP: {Label: "ICP", Better: "lower",
			Help: "Inter-context coupling: the share of import weight (files importing) that crosses a context boundary. 0 means the contexts never import each other."},
		schema.MetricIFN: {Label: "IFN", Better: "lower",
			Help: "Interface number: packages imported from outside their own context, per context. Each is part of an API the context would have to keep."},
		schema.MetricModularity: {Label: "modularity", Better: "higher",
			Help: "Newman's Q of the partition on the fused graph (all layers): how much more weight lies inside the contexts than chance would put there. Above 0.3 the contexts are clearly separated; it is what the clustering maximizes, so it is high by construction."},
		schema.MetricMQ: {Label: "MQ", Better: "higher",
			Help: "Modularization quality: the sum over contexts of 2·inside / (2·inside + crossing) import edges; at most the number of contexts."},
		schema.MetricNED: {Label: "NED", Better: "lower",
			Help: "Non-extreme distribution, inverted: the share of packages in contexts of extreme size (fewer than 5 or more than 20 packages)."},
		schema.MetricSM: {Label: "structural modularity", Better: "higher",
			Help: "Structural modularity, on imports only: import density inside the contexts minus density between them, each relative to the contexts' sizes. It is small on any large graph (0.05 is common) and is best compared between runs, not with modularity."},
	}
)

// pageVocabulary is the schema's vocabularies, in their canonical order,
// for the page: it repeats none of the lists.
func pageVocabulary() map[string][]term {
	v := map[string][]term{}
	for _, s := range schema.Signals {
		t := signalTerms[s]
		t.Name = string(s)
		v["signals"] = append(v["signals"], t)
	}
	for _, l := range schema.Layers {
		t := layerTerms[l]
		t.Name = string(l)
		v["layers"] = append(v["layers"], t)
	}
	for _, m := range schema.Metrics {
		t := metricTerms[m]
		t.Name = string(m)
		v["metrics"] = append(v["metrics"], t)
	}
	return v
}
