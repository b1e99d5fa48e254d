package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"github.com/seams-tool/seams/report/schema"
	"strconv"
)

// TrendCSV renders a trend as CSV, one row a commit.
func TrendCSV(t *schema.Trend) []byte {
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
