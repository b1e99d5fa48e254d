package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/seams-tool/seams/analyze"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/report"
	"github.com/seams-tool/seams/report/schema"
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
	if !slices.Contains(report.CheckFormats, *format) {
		return s.fail(fmt.Errorf("-format: want one of %s, got %q", strings.Join(report.CheckFormats, ", "), *format))
	}
	b, err := rs.readBaseline()
	if err != nil {
		return s.fail(err)
	}
	// The baseline's metrics were measured with its signals and weights;
	// others would not compare.
	rs.measureLike(b)
	cfg := rs.cfg
	cfg.NoContexts = true
	a, err := analyze.Run(cfg)
	if err != nil {
		return s.fail(err)
	}
	// Warnings are the analysis's business, not the check's: count them
	// so that a signal gone missing does not go unnoticed.
	perSignal := map[string]int{}
	for _, w := range a.Warnings {
		perSignal[w.Signal]++
	}
	for _, sig := range schema.Signals {
		if n := perSignal[string(sig)]; n > 0 {
			fmt.Fprintf(stderr, "seams check: %d %s warnings (seams analyze lists them)\n", n, sig)
		}
	}
	out, tightened := a.Check(b, rs.tolerances)
	out.Baseline = repo.Rel(rs.repo.Root, rs.baselinePath)
	if rs.repo.GitRoot != "" {
		out.Prefix = repo.Rel(rs.repo.GitRoot, rs.repo.Root)
	}
	text, err := report.FormatCheck(out, *format)
	if err != nil {
		return s.fail(err)
	}
	stdout.Write(text)
	if *update {
		if err := writeBaseline(rs.baselinePath, tightened); err != nil {
			return s.fail(err)
		}
		fmt.Fprintf(stderr, "seams check: tightened %s\n", rs.baselinePath)
	}
	if out.Regressions > 0 {
		return exitFinding
	}
	return exitOK
}
