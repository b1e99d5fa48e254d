package report

import (
	"encoding/json"
	"github.com/seams-tool/seams/report/schema"
	"strings"
	"testing"
)

func TestFormatCheck(t *testing.T) {
	o := &schema.Check{Baseline: ".seams/baseline.json", Regressions: 1, Prefix: "svc",
		Findings: []schema.Finding{
			{Kind: "cross-import", Where: "a/b.go:7", Message: "a imports b | 100%\nnext"},
			{Kind: "shared-write", Improved: true, Message: "table t is no longer shared"},
		}}
	for _, tc := range []struct{ format, want string }{
		{"text", "svc/a/b.go:7: regression: a imports b | 100%\nnext\nimproved: table t is no longer shared\nseams check: 1 regressions against .seams/baseline.json\n"},
		{"github", "::error file=svc/a/b.go,line=7,title=seams cross-import::a imports b | 100%25%0Anext\n::notice title=seams shared-write::table t is no longer shared\n"},
	} {
		got, err := FormatCheck(o, tc.format)
		if err != nil || string(got) != tc.want {
			t.Errorf("%s:\n%q\nwant\n%q (%v)", tc.format, got, tc.want, err)
		}
	}
	md, _ := FormatCheck(o, "markdown")
	if !strings.Contains(string(md), "| ❌ | cross-import | svc/a/b.go:7 | a imports b \\| 100% next |") {
		t.Errorf("markdown row not escaped:\n%s", md)
	}
	js, _ := FormatCheck(o, "json")
	var back schema.Check
	if err := json.Unmarshal(js, &back); err != nil || back.Regressions != 1 || len(back.Findings) != 2 {
		t.Errorf("json: %v %+v", err, back)
	}
	if _, err := FormatCheck(o, "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}
