//go:build unix

package history

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigNeverExecuted plants, in a repository's config, attributes
// and hooks, every command git may run on its own (fsmonitor, filter and
// diff drivers, ssh, pager, credential helper, hooks...), each pointing at
// a script that leaves a marker. Mining must run none of them; git
// itself, as a control, runs one.
func TestConfigNeverExecuted(t *testing.T) {
	r := newRepo(t)
	r.write(".gitattributes", "* filter=evil diff=evil merge=evil\n")
	r.write(".mailmap", "Ann Smith <ann@example.com>\n")
	r.write("a.go", lines(10, "a"))
	r.commit("Ann", "ann@example.com")
	r.remove("a.go")
	r.write("b.go", lines(10, "a")+"more\n")
	r.commit("Ann", "ann@example.com")

	marker := filepath.Join(t.TempDir(), "ran")
	script := filepath.Join(t.TempDir(), "evil.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho \"$0 $*\" >> '"+marker+"'\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	hooks := filepath.Join(t.TempDir(), "hooks")
	gitDir := filepath.Join(r.dir, ".git")
	for _, dir := range []string{hooks, filepath.Join(gitDir, "hooks")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, h := range []string{"post-checkout", "pre-commit", "post-commit", "post-index-change",
			"reference-transaction", "pre-auto-gc", "fsmonitor-watchman", "post-rewrite"} {
			if err := os.Symlink(script, filepath.Join(dir, h)); err != nil {
				t.Fatal(err)
			}
		}
	}
	appendConfig(t, gitDir, strings.ReplaceAll(strings.ReplaceAll(`[core]
	fsmonitor = SCRIPT
	sshCommand = SCRIPT
	pager = SCRIPT
	editor = SCRIPT
	askPass = SCRIPT
	hooksPath = HOOKS
	alternateRefsCommand = SCRIPT
[filter "evil"]
	clean = SCRIPT
	smudge = SCRIPT
	process = SCRIPT
	required = true
[diff "evil"]
	textconv = SCRIPT
	command = SCRIPT
[diff]
	external = SCRIPT
[merge "evil"]
	driver = SCRIPT
[credential]
	helper = !SCRIPT
[gpg]
	program = SCRIPT
[uploadpack]
	packObjectsHook = SCRIPT
[remote "origin"]
	url = ext::SCRIPT
	uploadpack = SCRIPT
	receivepack = SCRIPT
[protocol "ext"]
	allow = always
`, "SCRIPT", script), "HOOKS", hooks))

	ran := func() string {
		b, err := os.ReadFile(marker)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, opt := range []Options{
		{ChurnSince: t0},
		{ChurnSince: t0, CacheDir: t.TempDir(), Ref: "main~0"},
		{Workers: 1, Ref: "origin/main"}, // an unknown ref: the error path too
	} {
		l, err := Mine(r.dir, opt)
		if err == nil && (len(l.Commits) != 2 || l.Commits[1].Changes[0].Kind != Renamed) {
			t.Errorf("%+v: mined %d commits", opt, len(l.Commits))
		}
		if s := ran(); s != "" {
			t.Fatalf("mining with %+v ran commands from the repository:\n%s", opt, s)
		}
	}

	// The control: the same config makes git run the script (which
	// speaks no filter protocol, so git may then fail).
	_ = gitCommand(t, r.dir, "status", "--short").Run()
	if ran() == "" {
		t.Fatalf("git status ran nothing: the planted config is not live, so this test proves nothing")
	}
}
