package history

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitBinary returns the git binary, for the tests whose repositories
// only git itself makes (clones sharing objects, partial clones, sparse
// checkouts). Without git such a test is skipped, unless
// SEAMS_REQUIRE_TOOLS=1 says every tool must be there: then it fails.
func gitBinary(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("git")
	if err != nil {
		if os.Getenv("SEAMS_REQUIRE_TOOLS") == "1" {
			t.Fatalf("SEAMS_REQUIRE_TOOLS=1 and git is missing: %v", err)
		}
		t.Skipf("git is not installed: %v", err)
	}
	return p
}

// runGit runs git in dir, isolated from the user's and the system's
// configuration, and returns its trimmed output.
func runGit(t testing.TB, dir string, args ...string) string {
	t.Helper()
	out, err := gitCommand(t, dir, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func gitCommand(t testing.TB, dir string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(gitBinary(t), args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") && !strings.HasPrefix(kv, "HOME=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "HOME="+t.TempDir(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=Ann", "GIT_AUTHOR_EMAIL=ann@example.com",
		"GIT_COMMITTER_NAME=Ann", "GIT_COMMITTER_EMAIL=ann@example.com",
		"GIT_AUTHOR_DATE=2024-01-01T12:00:00Z", "GIT_COMMITTER_DATE=2024-01-01T12:00:00Z")
	return cmd
}

// gitSource makes a repository with git: five commits over two
// directories, with an edit, a rename and a rename with an edit, whose
// blobs a partial clone leaves out. It serves partial clones.
func gitSource(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "src")
	runGit(t, filepath.Dir(dir), "init", "-q", "-b", "main", dir)
	runGit(t, dir, "config", "uploadpack.allowFilter", "true")
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commit := func(msg string) {
		runGit(t, dir, "add", "-A")
		runGit(t, dir, "commit", "-q", "-m", msg)
	}
	write("billing/pay.go", lines(20, "pay"))
	write("shipping/ship.go", lines(12, "ship"))
	commit("one")
	write("billing/pay.go", lines(21, "pay"))
	commit("edit")
	runGit(t, dir, "mv", "billing/pay.go", "billing/payment.go")
	commit("rename")
	runGit(t, dir, "mv", "shipping/ship.go", "shipping/shipment.go")
	write("shipping/shipment.go", lines(13, "ship"))
	commit("rename and edit")
	write("README", "readme\n")
	commit("readme")
	return dir
}

// hashes lists a log's commit hashes, oldest first.
func hashes(l *Log) []string {
	out := make([]string, len(l.Commits))
	for i, c := range l.Commits {
		out[i] = c.Hash
	}
	return out
}
