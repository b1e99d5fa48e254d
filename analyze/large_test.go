package analyze

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seams-tool/seams/report/schema"
)

// TestLargePackageWarned grows one package of the fixture past the size a
// context can split: the analysis says so, of that package alone.
func TestLargePackageWarned(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../testdata/shop", dir)
	warned := func() []schema.Warning {
		var out []schema.Warning
		for _, w := range model(t, testConfig(dir, schema.SignalImports, schema.SignalVocabulary)).Warnings {
			if w.Signal == "contexts" {
				out = append(out, w)
			}
		}
		return out
	}
	if w := warned(); len(w) != 0 {
		t.Fatalf("the fixture as it is warned of large packages: %v", w)
	}
	var b strings.Builder
	b.WriteString("package pricing\n\n")
	for i := range largePackageLines {
		fmt.Fprintf(&b, "var rate%d = %d\n", i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "catalog", "pricing", "rates.go"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	w := warned()
	if len(w) != 1 || w[0].Where != "catalog/pricing" || !strings.Contains(w[0].Message, "one package of") {
		t.Errorf("warnings = %+v, want one of catalog/pricing", w)
	}
}
