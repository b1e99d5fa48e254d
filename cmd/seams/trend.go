package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/seams-tool/seams/analyze"
	"github.com/seams-tool/seams/report"
	"github.com/seams-tool/seams/report/schema"
)

const trendUsage = `Usage: seams trend [flags] [DIR]

Replay the coupling metrics over the repository's history, without
checking anything out: at sampled commits the tree is read from git's
object store, the import graph built from its blobs (syntax only), SQL read
from its blobs and co-change mined from the commit's ancestors. The
baseline's partition is measured at every commit (or each commit is
clustered afresh with --recluster, whose contexts keep the baseline's ids
where they match). Package paths are carried to today's through git's
renames, and each point says which share of its packages the baseline
knows (coverage); points under 50% are flagged. Commits without go.mod are
measured with the module path their imports imply. Writes trend.json,
trend.csv, trend.html (a chart) and trend.md (a summary for a job summary)
to the output directory and prints the CSV.

Exit status: 0 done, 2 usage error, no baseline (without --recluster) or no
history.

Examples:
  seams trend                            the baseline's partition at 12 commits
  seams trend --recluster --commits 24   contexts found afresh at 24 commits
`

func runTrend(args []string, stdout, stderr io.Writer) int {
	s := newSettings("seams trend", trendUsage, stderr)
	every := s.fs.String("every", "", "sample one commit per `period` (30d, 2w, 720h) instead of --commits")
	commits := s.fs.Int("commits", 12, "sample `N` commits spread evenly over the history")
	recluster := s.fs.Bool("recluster", false, "cluster each commit afresh instead of measuring the baseline's partition")
	out := s.fs.String("out", "", "write trend.json, trend.csv, trend.html and trend.md to `DIR` (default as for seams analyze)")
	rs, code, ok := s.start(args)
	if !ok {
		return code
	}
	tc := analyze.TrendConfig{Commits: *commits}
	var err error
	if *every != "" {
		if tc.Every, err = parsePeriod(*every); err != nil {
			return s.fail(fmt.Errorf("-every: %v", err))
		}
	}
	if tc.Commits < 1 {
		return s.fail(fmt.Errorf("-commits: want at least 1, got %d", tc.Commits))
	}
	tc.Since = rs.cfg.History.Since
	tc.Recluster = *recluster
	switch b, err := rs.readBaseline(); {
	case err == nil:
		tc.Baseline = b
		rs.measureLike(b)
	case !*recluster:
		fmt.Fprintf(stderr, "seams trend: %v (or use --recluster)\n", err)
		return exitFailure
	case fileExists(rs.baselinePath):
		// A reclustered trend only takes ids from the baseline: one that
		// cannot be read is worth saying, not failing for.
		fmt.Fprintf(stderr, "seams trend: %v: contexts keep no baseline ids\n", err)
	}
	if rs.cfg.History.CacheDir != "" {
		tc.CacheDir = filepath.Join(filepath.Dir(rs.cfg.History.CacheDir), "trend")
	}
	t, err := analyze.Trend(rs.cfg, tc)
	if err != nil {
		return s.fail(err)
	}
	outDir := *out
	if outDir == "" {
		if outDir, err = defaultOut(rs.repo); err != nil {
			return s.fail(err)
		}
	}
	data, err := schema.Encode(t)
	if err != nil {
		return s.fail(err)
	}
	csv := report.TrendCSV(t)
	page, err := report.TrendHTML(t)
	if err != nil {
		return s.fail(err)
	}
	files := []struct {
		name string
		data []byte
	}{{"trend.json", data}, {"trend.csv", csv}, {"trend.html", page}, {"trend.md", report.TrendMarkdown(t)}}
	err = os.MkdirAll(outDir, 0o755)
	for _, f := range files {
		if err == nil {
			err = report.WriteFile(filepath.Join(outDir, f.name), f.data)
		}
	}
	if err != nil {
		return s.fail(err)
	}
	stdout.Write(csv)
	for _, sk := range t.Skipped {
		fmt.Fprintf(stderr, "seams trend: skipped %s: %s\n", sk.Commit[:12], sk.Reason)
	}
	low := 0
	for _, p := range t.Points {
		if p.Low {
			low++
		}
	}
	if low > 0 {
		fmt.Fprintf(stderr, "seams trend: %d points have low coverage (the baseline knows under %s of their packages); trend.csv and trend.html flag them\n", low, report.Percent(t.LowCoverage))
	}
	fmt.Fprintf(stderr, "seams trend: %d commits measured, %d skipped; wrote %s (and trend.csv, trend.html, trend.md beside it)\n", len(t.Points), len(t.Skipped), filepath.Join(outDir, "trend.json"))
	return exitOK
}

// parsePeriod reads 30d, 2w or a Go duration.
func parsePeriod(s string) (time.Duration, error) {
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			v, err := strconv.Atoi(n)
			if err != nil || v <= 0 {
				return 0, fmt.Errorf("want a period such as 30d, 2w or 720h, got %q", s)
			}
			return time.Duration(v) * unit, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("want a period such as 30d, 2w or 720h, got %q", s)
	}
	return d, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
