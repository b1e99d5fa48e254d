package report

// HTMLFromJSON renders the page around a model given as JSON, for the
// browser tests (package report_test) to add fields the schema does not
// have yet, such as contexts[].plan.
func HTMLFromJSON(title string, data []byte) ([]byte, error) { return render(title, data, nil) }

// TrendMetrics is the number of metrics trend.html charts.
var TrendMetrics = len(trendMetrics)
