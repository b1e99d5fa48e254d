package report

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"

	"github.com/seams-tool/seams/report/schema"
)

// TrendCSV renders a trend as CSV, one row a sampled commit, oldest
// first: the skipped ones too, with empty figures and the reason in the
// note column, and points under the trend's low coverage flagged.
func TrendCSV(t *schema.Trend) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"commit", "date", "packages", "contexts", "modularity", "modularity_imports", "modularity_data", "modularity_cochange",
		"icp", "sm", "ifn", "ned", "mq", "cross_context_imports", "shared_write_tables",
		"coverage", "low_coverage", "modularity_vocabulary", "kept_contexts", "subject", "note"})
	f := func(x float64) string { return Fixed(x, 4) }
	type row struct {
		date string
		cols []string
	}
	var rows []row
	for _, p := range t.Points {
		m := p.Metrics
		low := ""
		if p.Low {
			low = "yes"
		}
		rows = append(rows, row{p.Date, []string{p.Commit, p.Date, fmt.Sprint(p.Packages), fmt.Sprint(m.Contexts),
			f(m.Modularity.Fused), f(m.Modularity.Imports), f(m.Modularity.Data), f(m.Modularity.CoChange),
			f(m.ICP), f(m.SM), f(m.IFN), f(m.NED), f(m.MQ), fmt.Sprint(m.CrossContextImports), fmt.Sprint(m.SharedWriteTables),
			Fixed(p.Coverage, 3), low, f(m.Modularity.Vocabulary), fmt.Sprint(p.Kept), p.Subject, pointNote(t, p)}})
	}
	for _, s := range t.Skipped {
		cols := make([]string, 21)
		cols[0], cols[1], cols[20] = s.Commit, s.Date, "skipped: "+s.Reason
		rows = append(rows, row{s.Date, cols})
	}
	slices.SortStableFunc(rows, func(x, y row) int { return cmp.Compare(x.date, y.date) })
	for _, r := range rows {
		w.Write(r.cols)
	}
	w.Flush()
	return b.Bytes()
}

// pointNote says what a reader must know to read a point's figures.
func pointNote(t *schema.Trend, p schema.TrendPoint) string {
	var notes []string
	if p.Low {
		notes = append(notes, fmt.Sprintf("the baseline knows %s of the packages: the figures describe little of the code", Percent(p.Coverage)))
	}
	if p.Mapped > 0 {
		notes = append(notes, fmt.Sprintf("%d packages carried to today's paths through renames", p.Mapped))
	}
	if p.Module != "" {
		notes = append(notes, "no go.mod: module path "+p.Module+" inferred from the imports")
	}
	return strings.Join(notes, "; ")
}

// Percent formats a share as a whole percentage.
func Percent(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }
