package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/seams-tool/seams/analyze/gitscript"
	"github.com/seams-tool/seams/report/schema"
)

var (
	shopOnce sync.Once
	shopDir  string
	shopErr  error
)

// shopRepo returns a fresh copy of the fixture with its git history,
// which is built once per test binary: tests commit to their copy.
func shopRepo(t *testing.T) string {
	t.Helper()
	shopOnce.Do(func() {
		var tmp string
		if tmp, shopErr = os.MkdirTemp("", "seams-cmd-test"); shopErr != nil {
			return
		}
		shopDir = filepath.Join(tmp, "shop")
		_, shopErr = gitscript.BuildFile("../../testdata/shop.history", shopDir, "../../testdata/shop")
	})
	if shopErr != nil {
		t.Fatal(shopErr)
	}
	return copyTree(t, shopDir)
}

// commit writes files (path -> content; "" deletes) and commits them.
func commit(t *testing.T, dir, msg string, files map[string]string) {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	for p, content := range files {
		abs := filepath.Join(dir, p)
		if content == "" {
			if _, err := w.Remove(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		os.MkdirAll(filepath.Dir(abs), 0o755)
		if err := os.WriteFile(abs, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Add(p); err != nil {
			t.Fatal(err)
		}
	}
	sig := &object.Signature{Name: "Test", Email: "test@shop.test", When: time.Date(2024, 12, 1, 10, 0, 0, 0, time.UTC)}
	if _, err := w.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
}

func readBaselineFile(t *testing.T, dir string) *schema.Baseline {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, ".seams", "baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := schema.DecodeBaseline(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBaselineAndCheck(t *testing.T) {
	dir := shopRepo(t)
	code, stdout, stderr := seams(t, "baseline", "--no-cache", dir)
	if code != exitOK || !strings.Contains(stdout, "wrote "+filepath.Join(dir, ".seams", "baseline.json")) {
		t.Fatalf("baseline: exit %d\n%s%s", code, stdout, stderr)
	}
	base := readBaselineFile(t, dir)
	if len(base.Contexts) < 4 || len(base.CrossImports) == 0 {
		t.Fatalf("baseline = %+v", base)
	}

	t.Run("unchanged tree passes", func(t *testing.T) {
		code, stdout, stderr := seams(t, "check", "--no-cache", dir)
		if code != exitOK || !strings.Contains(stdout, "no regressions") {
			t.Errorf("exit %d\n%s%s", code, stdout, stderr)
		}
	})

	// A later commit: ordering reaches into identity's session package.
	commit(t, dir, "ordering: loyalty reads the session", map[string]string{
		"ordering/loyalty.go": "package ordering\n\nimport \"example.com/shop/identity/session\"\n\n// Loyal says whether the session's user is a regular.\nfunc Loyal(s *session.Session) bool { return s != nil }\n",
	})
	t.Run("new cross-context import fails", func(t *testing.T) {
		code, stdout, _ := seams(t, "check", "--no-cache", dir)
		if code != exitFinding {
			t.Fatalf("exit %d, want %d\n%s", code, exitFinding, stdout)
		}
		if !strings.Contains(stdout, "ordering/loyalty.go:3: regression: new import across contexts: ordering (") ||
			!strings.Contains(stdout, "imports identity/session (identity") {
			t.Errorf("finding not named with its place:\n%s", stdout)
		}
		code, stdout, _ = seams(t, "check", "--no-cache", "--format", "github", dir)
		if code != exitFinding || !strings.Contains(stdout, "::error file=ordering/loyalty.go,line=3,title=seams cross-import::") {
			t.Errorf("github format:\n%s", stdout)
		}
		code, stdout, _ = seams(t, "check", "--no-cache", "--format", "sarif", dir)
		var log struct {
			Runs []struct {
				Results []struct {
					RuleID    string `json:"ruleId"`
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }
							Region           struct{ StartLine int }
						}
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(stdout), &log); err != nil || code != exitFinding || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
			t.Fatalf("sarif: exit %d, %v\n%s", code, err, stdout)
		}
		if r := log.Runs[0].Results[0]; r.RuleID != "cross-import" || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != "ordering/loyalty.go" || r.Locations[0].PhysicalLocation.Region.StartLine != 3 {
			t.Errorf("sarif result = %+v", r)
		}
		code, stdout, _ = seams(t, "check", "--no-cache", "--format", "json", dir)
		var out schema.Check
		if err := json.Unmarshal([]byte(stdout), &out); err != nil || code != exitFinding {
			t.Fatalf("json: exit %d, %v", code, err)
		}
		if f := out.Findings[0]; f.From != "ordering" || f.To != "identity/session" || len(f.Contexts) != 2 || f.Contexts[0].Name == "" || f.File != "ordering/loyalty.go" || f.Line != 3 || f.Fingerprint == "" {
			t.Errorf("json finding = %+v", f)
		}
		if out.BaselineMetrics != base.Metrics {
			t.Errorf("json baseline metrics %+v, baseline %+v", out.BaselineMetrics, base.Metrics)
		}
	})

	t.Run("update refuses while a regression is present", func(t *testing.T) {
		path := filepath.Join(dir, ".seams", "baseline.json")
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		code, _, stderr := seams(t, "check", "--no-cache", "--update", dir)
		if code != exitFinding || !strings.Contains(stderr, "--update refused: 1 regressions") {
			t.Errorf("exit %d\n%s", code, stderr)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Error("a refused update changed the baseline")
		}
	})

	t.Run("update tightens and never loosens", func(t *testing.T) {
		// Undo the regression and remove a frozen import: api/dto stops
		// importing billing.
		// Undo the regression, and drop a frozen cross-context import:
		// shopctl stops reaching into catalog's store.
		users, err := os.ReadFile(filepath.Join(dir, "cmd/shopctl/users.go"))
		if err != nil {
			t.Fatal(err)
		}
		src := strings.Replace(string(users), "\tcatstore \"example.com/shop/catalog/store\"\n", "", 1)
		commit(t, dir, "shopctl: no catalog", map[string]string{"ordering/loyalty.go": "", "cmd/shopctl/users.go": src})
		frozen := func(b *schema.Baseline) bool {
			for _, x := range b.CrossImports {
				if x == (schema.BaselineImport{From: "cmd/shopctl", To: "catalog/store"}) {
					return true
				}
			}
			return false
		}
		before := readBaselineFile(t, dir)
		if !frozen(before) {
			t.Fatalf("cmd/shopctl -> catalog/store is not a frozen cross import: %+v", before.CrossImports)
		}
		code, stdout, stderr := seams(t, "check", "--no-cache", "--update", dir)
		if code != exitOK || !strings.Contains(stdout, "improved: import across contexts gone: cmd/shopctl no longer imports catalog/store") {
			t.Fatalf("exit %d\n%s", code, stdout)
		}
		if !strings.Contains(stderr, "tightened "+filepath.Join(dir, ".seams", "baseline.json")+":\n  1 cross-context imports no longer frozen") {
			t.Errorf("update does not say what it tightened:\n%s", stderr)
		}
		after := readBaselineFile(t, dir)
		if frozen(after) || len(after.CrossImports) != len(before.CrossImports)-1 {
			t.Errorf("update did not tighten: %d -> %d cross imports", len(before.CrossImports), len(after.CrossImports))
		}
		after2 := readBaselineFile(t, dir)
		if after2.Metrics.ICP > before.Metrics.ICP || after2.Metrics.Modularity.Data < before.Metrics.Modularity.Data || after2.Metrics.SM < before.Metrics.SM {
			t.Errorf("update wrote a worse figure:\n%+v\n%+v", before.Metrics, after2.Metrics)
		}
		// A second update has nothing left to tighten and writes nothing.
		if _, _, stderr := seams(t, "check", "--no-cache", "--update", dir); !strings.Contains(stderr, "nothing to tighten") {
			t.Errorf("second update:\n%s", stderr)
		}
		// The import coming back is now a regression.
		commit(t, dir, "shopctl: catalog again", map[string]string{"cmd/shopctl/users.go": string(users)})
		if code, stdout, _ := seams(t, "check", "--no-cache", dir); code != exitFinding || !strings.Contains(stdout, "cmd/shopctl/users.go:8: regression") {
			t.Errorf("re-added import after --update: exit %d\n%s", code, stdout)
		}
	})

	t.Run("missing and corrupt baseline", func(t *testing.T) {
		code, _, stderr := seams(t, "check", "--no-cache", "--baseline", "nope.json", dir)
		if code != exitFailure || !strings.Contains(stderr, "no baseline at") || !strings.Contains(stderr, "run seams baseline first") {
			t.Errorf("missing: exit %d %s", code, stderr)
		}
		os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{not json"), 0o644)
		code, _, stderr = seams(t, "check", "--no-cache", "--baseline", "bad.json", dir)
		if code != exitFailure || !strings.Contains(stderr, "bad.json") {
			t.Errorf("corrupt: exit %d %s", code, stderr)
		}
		code, _, stderr = seams(t, "check", "--format", "xml", dir)
		if code != exitFailure || !strings.Contains(stderr, "-format") {
			t.Errorf("bad format: exit %d %s", code, stderr)
		}
	})
}

// TestBaselineKeepsTheWeights takes a baseline with imports alone: it
// must freeze the fused modularity that analyze reports with the same
// weights, record them, and check must measure with them again.
func TestBaselineKeepsTheWeights(t *testing.T) {
	dir := shopRepo(t)
	// A tool beside the shop: tooling, in no context, which the baseline
	// must set apart as the analysis does.
	os.MkdirAll(filepath.Join(dir, "tools", "seed"), 0o755)
	os.WriteFile(filepath.Join(dir, "tools", "seed", "main.go"), []byte("package main\n\nimport _ \"example.com/shop/catalog\"\n\nfunc main() {}\n"), 0o644)
	weights := "imports=1,data=0,cochange=0"
	code, stdout, stderr := seams(t, "analyze", "--json", "--no-cache", "--weights", weights, dir)
	if code != exitOK {
		t.Fatal(stderr)
	}
	m, err := schema.DecodeModel(strings.NewReader(stdout))
	if err != nil {
		t.Fatal(err)
	}
	_, all, _ := seams(t, "analyze", "--json", "--no-cache", dir)
	everything, _ := schema.DecodeModel(strings.NewReader(all))
	if everything.Metrics.Modularity.Fused == m.Metrics.Modularity.Fused {
		t.Fatal("the weights do not change the fused modularity: the test proves nothing")
	}
	if code, _, stderr := seams(t, "baseline", "--no-cache", "--weights", weights, dir); code != exitOK {
		t.Fatal(stderr)
	}
	b := readBaselineFile(t, dir)
	if m.Metrics.Tooling == 0 {
		t.Fatal("tools/seed is not tooling: the test proves nothing of it")
	}
	if !reflect.DeepEqual(b.Metrics, *m.Metrics) {
		t.Errorf("baseline froze\n%+v\nanalyze reports\n%+v", b.Metrics, *m.Metrics)
	}
	if b.Settings == nil || b.Settings.Weights[schema.LayerData] != 0 || b.Settings.Weights[schema.LayerImports] != 1 {
		t.Errorf("baseline settings = %+v", b.Settings)
	}
	code, stdout, _ = seams(t, "check", "--no-cache", "--format", "json", dir)
	var out schema.Check
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || code != exitOK {
		t.Fatalf("check: exit %d, %v\n%s", code, err, stdout)
	}
	if out.Metrics.Modularity.Fused != b.Metrics.Modularity.Fused {
		t.Errorf("check measured fused modularity %v with the baseline's weights, the baseline froze %v", out.Metrics.Modularity.Fused, b.Metrics.Modularity.Fused)
	}
}
