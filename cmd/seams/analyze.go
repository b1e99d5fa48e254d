package main

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"golang.org/x/term"
	"io"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/seams-tool/seams/analyze"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/report"
	"github.com/seams-tool/seams/report/schema"
)

const analyzeUsage = `Usage: seams analyze [flags] [DIR] [flags]

Analyze the Go repository at DIR (default ".") and write seams.json to the
output directory, with index.html, the DOT graphs, summary.md and
seams.sum (their checksums) beside it. Settings come from DIR's
.seams.yaml, if any; flags win.

Exit status: 0 done, 2 usage error or nothing analyzable.

Examples:
  seams analyze                          the repository around the current directory
  seams analyze ~/src/shop --out /tmp/r  another one, the report in /tmp/r
  seams analyze . --signals imports,sql  without history or vocabulary
  seams analyze . --window 6m --json     six months of pressure, the model to stdout
`

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func runAnalyze(args []string, stdout, stderr io.Writer) int {
	s := newSettings("seams analyze", analyzeUsage, stderr)
	out := s.fs.String("out", "", "write the report to `DIR` (default ./seams-report, or a cache directory when that would lie inside the analyzed repository)")
	asJSON := s.fs.Bool("json", false, "write the JSON model to stdout instead of files")
	maxEdges := s.fs.Int("dot-max-edges", 80, "keep the `N` strongest edges in each DOT graph (0 keeps all); the graph says how many it left out")
	edgeLabel := s.fs.String("dot-edge-label", "imports", "label the context map's import edges with their `imports` and files, or with the size of the api they cross (the plan's symbols used across them)")
	rs, code, ok := s.start(args)
	if !ok {
		return code
	}
	if *maxEdges < 0 {
		return s.fail(fmt.Errorf("-dot-max-edges: want 0 (all) or more, got %d", *maxEdges))
	}
	if l := report.EdgeLabel(*edgeLabel); l != report.LabelImports && l != report.LabelAPI {
		return s.fail(fmt.Errorf("-dot-edge-label: want imports or api, got %q", *edgeLabel))
	}
	r, cf := rs.repo, rs.file
	a, err := analyze.Run(rs.cfg)
	if err != nil {
		return s.fail(err)
	}
	rs.keepIdentity(a)
	m := a.Model()
	if *asJSON {
		data, err := schema.Encode(m)
		if err != nil {
			return s.fail(err)
		}
		stdout.Write(data)
		return exitOK
	}

	outDir := *out
	if outDir == "" && cf.Out != "" {
		// config.Load checked that it stays inside the repository.
		if outDir, err = repo.Inside(r.Root, cf.Out); err != nil {
			return s.fail(fmt.Errorf("%s: out: %v", cf.Path, err))
		}
	}
	if outDir == "" {
		outDir, err = defaultOut(r)
		if err != nil {
			return s.fail(err)
		}
	}
	// Normalized first, the model is only read by what renders it (each
	// encoding checks it again without writing), so the outputs are built
	// side by side.
	if err := schema.Normalize(m); err != nil {
		return s.fail(err)
	}
	jsonPath := filepath.Join(outDir, "seams.json")
	trend := trendBeside(outDir, stderr)
	var data, html []byte
	var jsonErr, htmlErr error
	var rendering sync.WaitGroup
	rendering.Go(func() { data, jsonErr = schema.Encode(m) })
	rendering.Go(func() { html, htmlErr = report.HTMLWithTrend(m, trend) })
	graphs := []report.Output{
		{Name: "contexts.dot", Data: report.ContextsDOTLabelled(m, *maxEdges, report.EdgeLabel(*edgeLabel))},
		{Name: "packages.dot", Data: report.PackagesDOT(m, *maxEdges)},
		{Name: "tables.dot", Data: report.TablesDOT(m, *maxEdges)},
		{Name: "summary.md", Data: report.Markdown(m)},
	}
	per := report.PackageDOTs(m, *maxEdges)
	rendering.Wait()
	if err := cmp.Or(jsonErr, htmlErr); err != nil {
		return s.fail(err)
	}
	// One set: a reader never finds this run's seams.json beside the
	// last run's index.html.
	files := append([]report.Output{{Name: "seams.json", Data: data}}, graphs...)
	files = append(files, report.Output{Name: "index.html", Data: html})
	for _, name := range slices.Sorted(maps.Keys(per)) {
		files = append(files, report.Output{Name: name, Data: per[name]})
	}
	err = report.WriteSet(outDir, files)
	if err != nil {
		return s.fail(err)
	}
	printSummary(stdout, m, jsonPath, len(per))
	return exitOK
}

// defaultOut is ./seams-report, unless the current directory lies inside
// the analyzed repository: seams never writes there unless asked, so the
// report then goes to the user cache directory, one folder per repository.
func defaultOut(r *repo.Repo) (string, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(cwd); err == nil {
		cwd = real
	}
	out := filepath.Join(cwd, "seams-report")
	inside := func(root string) bool {
		if root == "" {
			return false
		}
		rel, err := filepath.Rel(root, out)
		return err == nil && !strings.HasPrefix(rel, "..")
	}
	if !inside(r.Root) && !inside(r.GitRoot) {
		return out, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("the default output directory ./seams-report would lie inside the analyzed repository, and there is no user cache directory (%v): pass --out DIR", err)
	}
	sum := sha256.Sum256([]byte(r.Root))
	return filepath.Join(cache, "seams", "reports", filepath.Base(r.Root)+"-"+hex.EncodeToString(sum[:4])), nil
}

func printSummary(w io.Writer, m *schema.Model, jsonPath string, perContext int) {
	mod := ""
	if len(m.Repo.Modules) > 0 {
		mod = " (module " + m.Repo.Modules[0].Path
		if n := len(m.Repo.Modules); n > 1 {
			mod += fmt.Sprintf(" and %d more", n-1)
		}
		mod += ")"
	}
	fmt.Fprintf(w, "seams analyzed %s%s\n", m.Repo.Root, mod)
	fmt.Fprintf(w, "  packages  %d (%d files, %d generated left out, %d excluded)\n",
		len(m.Packages), m.Signals.Imports.Files, m.Signals.Imports.GeneratedFiles, m.Signals.Imports.ExcludedFiles)
	fmt.Fprintf(w, "  imports   %s: %d edges, %s loader\n", m.Signals.Imports.Status, len(m.Imports), m.Signals.Imports.Loader)
	fmt.Fprintf(w, "  sql       %s: %s\n", m.Signals.SQL.Status, m.Signals.SQL.Detail)
	fmt.Fprintf(w, "  history   %s: %s\n", m.Signals.History.Status, m.Signals.History.Detail)
	fmt.Fprintf(w, "  warnings  %d\n", len(m.Warnings))
	if m.Metrics != nil {
		fmt.Fprintf(w, "  contexts  %d candidates, %d shared-kernel packages, %d unplaced; modularity %.2f, %d cross-context imports, %d shared-write tables\n",
			m.Metrics.Contexts, m.Metrics.Shared, m.Metrics.Unplaced, m.Metrics.Modularity.Fused, m.Metrics.CrossContextImports, m.Metrics.SharedWriteTables)
	}
	if len(m.Contexts) > 0 {
		fmt.Fprintln(w)
		printContexts(w, m.Contexts)
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "wrote %s (and index.html, contexts.dot, packages.dot, %d packages-NN-<context>.dot, tables.dot, summary.md beside it)\n", jsonPath, perContext)
	fmt.Fprintf(w, "report: %s\n", fileURL(filepath.Join(filepath.Dir(jsonPath), "index.html")))
}

// printContexts prints the ranked candidates as an aligned table.
func printContexts(w io.Writer, cs []schema.Context) {
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "order\tband\tcontext\tid\tpackages\tloc\tpressure\trisk\twhy")
	for _, c := range cs {
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%d\t%d\t%.2f\t%.2f\t%s\n", c.Order, c.Band, c.Name, c.ID, len(c.Packages), c.LOC, c.Pressure.Score, c.Risk.Score, c.Reason)
	}
	tw.Flush()
	width, ok := terminalWidth(w)
	for _, line := range strings.SplitAfter(b.String(), "\n") {
		if ok {
			line = fitLine(line, width)
		}
		io.WriteString(w, line)
	}
}

// terminalWidth is the width of the terminal w writes to, if it is one.
func terminalWidth(w io.Writer) (int, bool) {
	if s, ok := w.(*safeWriter); ok {
		w = s.w
	}
	f, ok := w.(*os.File)
	if !ok {
		return 0, false
	}
	width, _, err := term.GetSize(int(f.Fd()))
	return width, err == nil && width > 20
}

// fitLine cuts a line to width runes, ending it with an ellipsis: the
// table's last column, the reason, gives way first.
func fitLine(line string, width int) string {
	body := strings.TrimSuffix(line, "\n")
	if utf8.RuneCountInString(body) <= width {
		return line
	}
	r := []rune(body)
	return string(r[:width-1]) + "…" + line[len(body):]
}

// fileURL is the file: URL of a path, made absolute, for a terminal to
// open: the report's last line.
func fileURL(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/report: file:///C:/report
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// trendBeside reads the trend.json that seams trend wrote into the
// output directory, for the report's trend view; nil when there is none
// or it cannot be read (said on stderr: the report is written anyway).
func trendBeside(dir string, stderr io.Writer) *schema.Trend {
	path := filepath.Join(dir, "trend.json")
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "seams analyze: %v; the report has no trend view\n", err)
		return nil
	}
	defer f.Close()
	t, err := schema.DecodeTrend(f)
	if err != nil {
		fmt.Fprintf(stderr, "seams analyze: %s: %v; the report has no trend view\n", path, err)
		return nil
	}
	return t
}
