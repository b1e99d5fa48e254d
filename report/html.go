package report

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"github.com/seams-tool/seams/report/schema"
	"html/template"
)

// The HTML report is one self-contained file: the model travels inside it
// as JSON, the page's script builds every element from that data with
// DOM calls (never by parsing markup), and a Content-Security-Policy
// forbids every network request. It works as a CI artifact, offline, and
// on a repository whose names try to inject script. The policy allows
// only the page's own two scripts, by hash, so even markup that slipped
// into the DOM could not run an inline event handler.

//go:embed assets/cytoscape.min.js
var cytoscapeJS string

//go:embed assets/app.js
var appJS string

//go:embed assets/app.css
var appCSS string

var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src {{.ScriptHashes}}; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>seams: {{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<noscript>This report needs JavaScript; the same data is in seams.json and summary.md.</noscript>
<div id="app"></div>
<script type="application/json" id="seams-data">{{.Data}}</script>
<script type="application/json" id="seams-vocabulary">{{.Vocabulary}}</script>
<script>{{.Lib}}</script>
<script>{{.App}}</script>
</body>
</html>
`))

// HTML renders the self-contained report, index.html.
func HTML(m *schema.Model) ([]byte, error) {
	// json.Marshal escapes <, > and & (and U+2028, U+2029), so no name in
	// the data can close the script element that holds it.
	data, err := schema.Encode(m)
	if err != nil {
		return nil, err
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, data); err != nil {
		return nil, err
	}
	escaped, err := json.Marshal(json.RawMessage(compact.Bytes()))
	if err != nil {
		return nil, err
	}
	vocab, err := json.Marshal(pageVocabulary())
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = page.Execute(&b, map[string]any{
		"ScriptHashes": scriptHash(cytoscapeJS) + " " + scriptHash(appJS),
		"Title":        m.Repo.Root,
		"CSS":          template.CSS(appCSS),
		"Data":         template.JS(escaped),
		"Vocabulary":   template.JS(vocab),
		"Lib":          template.JS(cytoscapeJS),
		"App":          template.JS(appJS),
	})
	return b.Bytes(), err
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
}

// signalTerms and layerTerms say how the page shows each signal and
// layer; TestPageVocabulary checks that every name of the schema's lists
// has one.
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
		schema.LayerCoChange:   {Label: "co-change (shared commits)", Short: "co-change", Color: "#6b9e2f", Line: "dotted"},
		schema.LayerVocabulary: {Label: "vocabulary (alike domain terms)", Short: "vocabulary", Color: "#8a5cb8", Line: "dashed"},
	}
)

// pageVocabulary is the schema's vocabularies, in their canonical order,
// for app.js: the page repeats none of the lists.
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
	return v
}
