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
Improvements are reported too; --update freezes them into the baseline
and says what it tightened. It never writes a worse figure: with a
regression present it refuses, writes nothing and exits 1.

Formats: text, json (structured findings and the baseline's metrics beside
today's), github (workflow annotations), markdown (a job summary), sarif
(SARIF 2.1.0, for code scanning) and gitlab (a GitLab Code Quality
report). Paths are relative to the git work tree.

Exit status: 0 no regressions, 1 regressions found (or --update refused),
2 usage error or a missing or unreadable baseline.

Examples:
  seams check                            against .seams/baseline.json
  seams check --format github            annotations in a GitHub Actions job
  seams check --format sarif > seams.sarif
  seams check --update                   freeze the improvements
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
	out.Version = cfg.Version
	if rs.repo.GitRoot != "" {
		out.Prefix = repo.Rel(rs.repo.GitRoot, rs.repo.Root)
	}
	text, err := report.FormatCheck(out, *format)
	if err != nil {
		return s.fail(err)
	}
	stdout.Write(text)
	if *update {
		switch changes := tightenings(b, tightened); {
		case tightened == nil:
			fmt.Fprintf(stderr, "seams check: --update refused: %d regressions against %s; an update only freezes improvements, and this state is worse. Fix the regressions, or accept the new design with seams baseline\n", out.Regressions, rs.baselinePath)
		case len(changes) == 0:
			fmt.Fprintf(stderr, "seams check: nothing to tighten in %s: nothing got better\n", rs.baselinePath)
		default:
			if err := writeBaseline(rs.baselinePath, tightened); err != nil {
				return s.fail(err)
			}
			fmt.Fprintf(stderr, "seams check: tightened %s:\n", rs.baselinePath)
			for _, c := range changes {
				fmt.Fprintf(stderr, "  %s\n", c)
			}
		}
	}
	if out.Regressions > 0 {
		return exitFinding
	}
	return exitOK
}

// tightenings says what a tightened baseline freezes that the baseline
// did not: what is gone from its frozen lists, and which figures it now
// holds to a better value.
func tightenings(was, now *schema.Baseline) []string {
	if now == nil {
		return nil
	}
	var out []string
	gone := func(what string, n int) {
		if n > 0 {
			out = append(out, fmt.Sprintf("%d %s no longer frozen: adding them back fails", n, what))
		}
	}
	gone("cross-context imports", len(was.CrossImports)-len(now.CrossImports))
	gone("shared-write tables", len(was.SharedWriteTables)-len(now.SharedWriteTables))
	gone("context cycles", len(was.Cycles)-len(now.Cycles))
	w, n := was.Metrics, now.Metrics
	figure := func(name string, a, b float64) {
		if report.Fixed(a, 4) != report.Fixed(b, 4) {
			out = append(out, fmt.Sprintf("%s %s -> %s", name, report.Fixed(a, 4), report.Fixed(b, 4)))
		}
	}
	figure("icp", w.ICP, n.ICP)
	figure("modularity", w.Modularity.Fused, n.Modularity.Fused)
	for _, l := range schema.Layers {
		figure("modularity."+string(l), w.Modularity.Get(l), n.Modularity.Get(l))
	}
	figure("sm", w.SM, n.SM)
	figure("mq", w.MQ, n.MQ)
	figure("ifn", w.IFN, n.IFN)
	figure("ned", w.NED, n.NED)
	figure("crossContextImports", float64(w.CrossContextImports), float64(n.CrossContextImports))
	figure("sharedWriteTables", float64(w.SharedWriteTables), float64(n.SharedWriteTables))
	return out
}
