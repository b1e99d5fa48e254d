package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/seams-tool/seams/analyze"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/report"
)

const checkUsage = `Usage: seams check [flags] [DIR]

Analyze the repository at DIR (default ".") under the partition of its
baseline (.seams/baseline.json, see seams baseline) and report what got
worse: a new import between contexts, a table newly written by two
contexts, a new import cycle between contexts, or a metric past its
tolerance (check.tolerances in .seams.yaml). Packages the baseline does
not know are placed with the context they couple to most, and listed.
Improvements are reported too; --update freezes them into the baseline.

Exit status: 0 no regressions, 1 regressions found, 2 usage error or a
missing or unreadable baseline.

Flags:
`

func runCheck(args []string, stdout, stderr io.Writer) int {
	s := newSettings("seams check", checkUsage, stderr)
	format := s.fs.String("format", "text", "output `format`: "+strings.Join(report.CheckFormats, ", "))
	update := s.fs.Bool("update", false, "tighten the baseline with what got better (never loosens it)")
	rs, code, ok := s.start(args)
	if !ok {
		return code
	}
	if !contains(report.CheckFormats, *format) {
		return s.fail(fmt.Errorf("-format: want one of %s, got %q", strings.Join(report.CheckFormats, ", "), *format))
	}
	b, err := rs.readBaseline()
	if err != nil {
		return s.fail(err)
	}
	cfg := rs.cfg
	if !rs.set["signals"] && rs.file.Signals == nil {
		// The baseline's metrics were measured on these signals; others
		// would not compare.
		cfg.Signals = b.Signals
	}
	cfg.NoContexts = true
	m, err := analyze.Run(cfg)
	if err != nil {
		return s.fail(err)
	}
	// Warnings are the analysis's business, not the check's: count them
	// so that a signal gone missing does not go unnoticed.
	perSignal := map[string]int{}
	for _, w := range m.Warnings {
		perSignal[w.Signal]++
	}
	for _, sig := range []string{"imports", "sql", "history"} {
		if n := perSignal[sig]; n > 0 {
			fmt.Fprintf(stderr, "seams check: %d %s warnings (seams analyze lists them)\n", n, sig)
		}
	}
	res := graph.Check(b, m, rs.tolerances)
	out := &report.CheckOutput{
		Baseline:    repo.Rel(rs.repo.Root, rs.baselinePath),
		Regressions: res.Regressions(),
		Findings:    res.Findings,
		Placed:      res.Placed,
		Metrics:     res.Metrics,
	}
	if rs.repo.GitRoot != "" {
		out.Prefix = repo.Rel(rs.repo.GitRoot, rs.repo.Root)
	}
	text, err := report.FormatCheck(out, *format)
	if err != nil {
		return s.fail(err)
	}
	stdout.Write(text)
	if *update {
		if err := writeBaseline(rs.baselinePath, res.Tightened); err != nil {
			return s.fail(err)
		}
		fmt.Fprintf(stderr, "seams check: tightened %s\n", rs.baselinePath)
	}
	if res.Regressions() > 0 {
		return exitFinding
	}
	return exitOK
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
