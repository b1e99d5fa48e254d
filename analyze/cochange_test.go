package analyze

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seams-tool/seams/report/schema"
)

// copyShop copies the fixture into a temp dir that is no git repository.
func copyShop(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	copyDir(t, "../testdata/shop", dst)
	return dst
}

// copyDir copies a tree, modes kept.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, info.Mode())
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestHistoryDegrades(t *testing.T) {
	t.Run("not a git repository", func(t *testing.T) {
		m := model(t, testConfig(copyShop(t)))
		h := m.Signals.History
		if h.Status != schema.StatusUnavailable || !strings.Contains(h.Detail, "not a git repository") {
			t.Errorf("history = %+v", h)
		}
		if m.Signals.Imports.Status == schema.StatusUnavailable || len(m.Contexts) == 0 {
			t.Errorf("the other signals did not go on: imports %s, %d contexts", m.Signals.Imports.Status, len(m.Contexts))
		}
	})
	t.Run("shallow", func(t *testing.T) {
		dir := t.TempDir()
		src := shopRepo(t)
		// A shallow clone is what CI checkouts give; make one the way
		// git does when a git binary is at hand.
		if _, err := exec.LookPath("git"); err != nil {
			if os.Getenv("SEAMS_REQUIRE_TOOLS") == "1" {
				t.Fatal("no git binary to make a shallow clone with (SEAMS_REQUIRE_TOOLS=1)")
			}
			t.Skip("no git binary to make a shallow clone with")
		}
		out, err := exec.Command("git", "clone", "-q", "--depth", "3", "file://"+src, dir).CombinedOutput()
		if err != nil {
			t.Fatalf("git clone: %v\n%s", err, out)
		}
		m := model(t, testConfig(dir))
		h := m.Signals.History
		if h.Status != schema.StatusPartial || !h.Shallow || !strings.Contains(h.Detail, "shallow clone (3 commits deep)") {
			t.Errorf("history = %+v", h)
		}
	})
	t.Run("window figures", func(t *testing.T) {
		cfg := testConfig(shopRepo(t))
		cfg.History.CoChange.WindowMonths = 6
		m := model(t, cfg)
		h := m.Signals.History
		// Every commit of the script is read; merges are not counted.
		script, err := os.ReadFile("../testdata/shop.history")
		if err != nil {
			t.Fatal(err)
		}
		commits := 0
		for _, line := range strings.Split(string(script), "\n") {
			if strings.HasPrefix(line, "commit ") {
				commits++
			}
		}
		if h.Status != schema.StatusOK || h.Commits != commits || h.Filtered.Merges != 1 || h.Filtered.Bulk != 3 || h.WindowMonths != 6 {
			t.Errorf("history = %+v", h)
		}
		for _, p := range m.Packages {
			if p.Path == "ordering" && (p.History == nil || p.History.Window.Revisions == 0 || p.History.Window.Churn == 0) {
				t.Errorf("ordering history = %+v", p.History)
			}
		}
	})
}
