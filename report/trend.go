package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
)

// TrendPoint is the partition's metrics at one commit of the history.
type TrendPoint struct {
	Commit   string  `json:"commit"`
	Date     string  `json:"date"` // author time, RFC 3339
	Packages int     `json:"packages"`
	Metrics  Metrics `json:"metrics"`
}

// Trend is the metrics replayed over a repository's history, oldest
// first; seams trend writes it as trend.json and trend.csv.
type Trend struct {
	Schema string `json:"schema"`
	// Partition is "baseline" when the points measure the baseline's
	// partition, or "recluster" when each commit was clustered afresh.
	Partition string       `json:"partition"`
	Points    []TrendPoint `json:"points"`
	// Skipped lists sampled commits with nothing to measure (no go.mod
	// yet, no Go package), with the reason.
	Skipped []TrendSkip `json:"skipped,omitempty"`
}

// TrendSkip is a sampled commit that could not be measured.
type TrendSkip struct {
	Commit string `json:"commit"`
	Reason string `json:"reason"`
}

// TrendSchema names the version of the trend file format.
const TrendSchema = "seams-trend/v1"

// TrendCSV renders a trend as CSV, one row a commit.
func TrendCSV(t *Trend) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"commit", "date", "packages", "contexts", "modularity", "modularity_imports", "modularity_data", "modularity_cochange",
		"icp", "sm", "ifn", "ned", "mq", "cross_context_imports", "shared_write_tables"})
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }
	for _, p := range t.Points {
		m := p.Metrics
		w.Write([]string{p.Commit, p.Date, fmt.Sprint(p.Packages), fmt.Sprint(m.Contexts),
			f(m.Modularity.Fused), f(m.Modularity.Imports), f(m.Modularity.Data), f(m.Modularity.CoChange),
			f(m.ICP), f(m.SM), f(m.IFN), f(m.NED), f(m.MQ), fmt.Sprint(m.CrossContextImports), fmt.Sprint(m.SharedWriteTables)})
	}
	w.Flush()
	return b.Bytes()
}
