//go:build unix

package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/seams-tool/seams/report/schema"
)

// Payloads that try to break out of every output format: HTML (tags,
// script end), DOT (quotes, edges, comments), Markdown (tables, HTML),
// JSON (quotes, backslashes) and shells (command substitution).
const (
	tagPayload  = `</script><img src=x onerror=alert(1)>`
	dotPayload  = `evil"]; a -> b; // <b>x</b> | ` + "`$(touch /tmp/seams-pwned)`"
	linePayload = "line\r\n| injected | row |\n<script>alert(2)</script>"
)

func hostileCases() []hostileCase {
	var cases []hostileCase
	cases = append(cases, configPathCases()...)
	cases = append(cases, specialFileCases()...)
	cases = append(cases, moduleCases()...)
	cases = append(cases, executionCases()...)
	cases = append(cases, injectionCases()...)
	cases = append(cases, gitShapeCases()...)
	cases = append(cases, cliCases()...)
	return cases
}

// configPathCases: the repository's .seams.yaml may not point seams
// outside the repository (item 1).
func configPathCases() []hostileCase {
	noWrite := func(rel string) func(t *testing.T, h *harness, res *result) {
		return func(t *testing.T, h *harness, res *result) {
			if _, err := os.Stat(filepath.Join(h.repo, rel)); err == nil {
				t.Errorf("%s was written", rel)
			}
			if _, err := os.Stat(h.out); err == nil {
				t.Error("the run wrote a report although its settings were refused")
			}
		}
	}
	return []hostileCase{
		{name: "config/out absolute", build: func(h *harness) string {
			h.shop()
			h.write(".seams.yaml", "tests: false\nout: "+filepath.Join(h.parent, "stolen")+"\n")
			return ""
		}, args: []string{"analyze", "--no-cache", "DIR"}, code: exitFailure, stderr: ".seams.yaml:2: out: ", check: noWrite("../stolen")},
		{name: "config/out escapes", build: func(h *harness) string {
			h.shop()
			h.write(".seams.yaml", "out: sub/../../stolen\n")
			return ""
		}, args: []string{"analyze", "--no-cache", "DIR"}, code: exitFailure, stderr: `.seams.yaml:1: out: "sub/../../stolen" leads out of the repository`, check: noWrite("../stolen")},
		{name: "config/out through a link", build: func(h *harness) string {
			h.shop()
			h.symlink(filepath.Dir(h.secret), "reports")
			h.write(".seams.yaml", "\nout: reports/seams\n")
			return ""
		}, args: []string{"analyze", "--no-cache", "DIR"}, code: exitFailure, stderr: `.seams.yaml:2: out: "reports/seams" leads out of the repository through a symbolic link`, check: noWrite("../outside/seams")},
		{name: "config/baseline escapes", build: func(h *harness) string {
			h.shop()
			h.write(".seams.yaml", "baseline: ../baseline.json\n")
			return ""
		}, args: []string{"baseline", "--no-cache", "DIR"}, code: exitFailure, stderr: `.seams.yaml:1: baseline: "../baseline.json" leads out of the repository`, check: noWrite("../baseline.json")},
		{name: "config/.seams is a link out", build: func(h *harness) string {
			h.shop()
			h.symlink(filepath.Dir(h.secret), ".seams")
			return ""
		}, args: []string{"baseline", "--no-cache", "DIR"}, code: exitFailure, stderr: `baseline .seams/baseline.json: ".seams/baseline.json" leads out of the repository through a symbolic link`},
		{name: "config/.seams is a link out, analyze", build: func(h *harness) string {
			h.shop()
			h.symlink(filepath.Dir(h.secret), ".seams")
			os.WriteFile(filepath.Join(filepath.Dir(h.secret), "baseline.json"), []byte(`{"schema": "`+secretText+`"}`), 0o644)
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantPackages(t, res, shopPackages...)
		}},
		{name: "config/.seams is a link out, check", build: func(h *harness) string {
			h.shop()
			h.symlink(filepath.Dir(h.secret), ".seams")
			return ""
		}, args: []string{"check", "--no-cache", "DIR"}, code: exitFailure, stderr: "leads out of the repository through a symbolic link"},
		{name: "fifo/baseline, analyze", build: func(h *harness) string {
			h.shop()
			h.fifo(".seams/baseline.json")
			return ""
		}, code: exitOK},
		{name: "fifo/baseline, check", build: func(h *harness) string {
			h.shop()
			h.fifo(".seams/baseline.json")
			return ""
		}, args: []string{"check", "--no-cache", "DIR"}, code: exitFailure, stderr: "baseline .seams/baseline.json skipped: not a regular file"},
		{name: "config/baseline flag may point anywhere", build: func(h *harness) string {
			h.shop()
			h.symlink(filepath.Dir(h.secret), ".seams")
			return ""
		}, args: []string{"baseline", "--no-cache", "--baseline", "OUT/b.json", "DIR"}, code: exitOK, stderr: ""},
		{name: "config/out flag may point anywhere", build: func(h *harness) string {
			h.shop()
			h.write(".seams.yaml", "out: inside\n")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantPackages(t, res, shopPackages...)
		}},
		{name: "config/huge numbers", build: func(h *harness) string {
			h.shop()
			h.write(".seams.yaml", "restarts: 1e309\n")
			return ""
		}, code: exitFailure, stderr: ".seams.yaml:1: restarts: want a whole number"},
		{name: "config/huge integer", build: func(h *harness) string {
			h.shop()
			h.write(".seams.yaml", "history:\n  maxCommitFiles: 99999999999999999999999999\n")
			return ""
		}, code: exitFailure, stderr: ".seams.yaml:2: history.maxCommitFiles"},
		{name: "config/infinite weight", build: func(h *harness) string {
			h.shop()
			h.write(".seams.yaml", "weights:\n  imports: .inf\n")
			return ""
		}, code: exitFailure, stderr: ".seams.yaml:2: weights.imports"},
		{name: "config/huge resolution flag", build: func(h *harness) string { h.shop(); return "" },
			args: []string{"analyze", "--no-cache", "--resolution", "1e308", "--out", "OUT", "DIR"}, code: exitFailure, stderr: "resolution"},
		{name: "config/NaN weight flag", build: func(h *harness) string { h.shop(); return "" },
			args: []string{"analyze", "--no-cache", "--weights", "imports=NaN", "--out", "OUT", "DIR"}, code: exitFailure, stderr: "weights"},
	}
}

// specialFileCases: links out of the repository and FIFOs are never
// read nor waited on (item 2).
func specialFileCases() []hostileCase {
	skippedConfig := func(t *testing.T, h *harness, res *result) {
		if !strings.Contains(res.stderr, ".seams.yaml: skipped: symbolic link out of the repository; using the defaults") {
			t.Errorf("no warning of the skipped config file:\n%s", res.stderr)
		}
		wantPackages(t, res, shopPackages...)
	}
	return []hostileCase{
		{name: "links/.seams.yaml to credentials", build: func(h *harness) string {
			h.shop()
			h.symlink(h.secret, ".seams.yaml")
			return ""
		}, code: exitOK, check: skippedConfig},
		{name: "links/.seams.yaml to /etc/passwd", build: func(h *harness) string {
			h.shop()
			h.symlink("/etc/passwd", ".seams.yaml")
			return ""
		}, code: exitOK, check: skippedConfig},
		{name: "fifo/.seams.yaml", build: func(h *harness) string {
			h.shop()
			h.fifo(".seams.yaml")
			return ""
		}, code: exitOK, stderr: ".seams.yaml: skipped: not a regular file"},
		{name: "links/go file out", build: func(h *harness) string {
			h.shop()
			h.symlink(h.secret, "catalog/leak.go")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantFallback(t, res, "the go command would read catalog/leak.go, which seams skipped: symbolic link out of the repository")
			wantWarning(t, res, "catalog/leak.go", "skipped: symbolic link out of the repository")
			wantStatus(t, res, schema.SignalImports, schema.StatusPartial)
			wantPackages(t, res, shopPackages...)
		}},
		{name: "links/go file inside", build: func(h *harness) string {
			h.shop()
			h.write("catalog/extra/extra.go.txt", "package catalog\n\nimport _ \"example.com/shop/ordering\"\n")
			h.symlink("extra/extra.go.txt", "catalog/extra.go")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			if res.model.Signals.Imports.Loader != "go/packages" {
				t.Errorf("a link inside the repository cost the go/packages loader: %s", res.model.Signals.Imports.FallbackReason)
			}
			for _, p := range res.model.Packages {
				if p.Path == "catalog" && p.Files != 2 {
					t.Errorf("catalog has %d files, want 2 with the link", p.Files)
				}
			}
		}},
		{name: "links/sql file out", build: func(h *harness) string {
			h.shop()
			h.symlink(h.secret, "catalog/leak.sql")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantWarning(t, res, "catalog/leak.sql", "skipped: symbolic link out of the repository")
			if res.model.Signals.Imports.Loader != "go/packages" {
				t.Errorf("a .sql link cost the go/packages loader: %s", res.model.Signals.Imports.FallbackReason)
			}
		}},
		{name: "links/directory out", build: func(h *harness) string {
			h.shop()
			os.MkdirAll(filepath.Join(h.parent, "outside", "evil"), 0o755)
			os.WriteFile(filepath.Join(h.parent, "outside", "evil", "evil.go"), []byte("package evil\n\nimport _ \"example.com/shop/catalog\"\n"), 0o644)
			h.symlink(filepath.Join(h.parent, "outside"), "vendorized")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantPackages(t, res, shopPackages...)
		}},
		{name: "links/nested go.mod out", build: func(h *harness) string {
			h.shop()
			h.symlink(h.secret, "tools/go.mod")
			h.write("tools/tool.go", "package tools\n")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantFallback(t, res, "tools/go.mod, which seams skipped")
			wantWarning(t, res, "tools/go.mod", "skipped: symbolic link out of the repository")
		}},
		{name: "links/root go.mod out", build: func(h *harness) string {
			h.shop()
			os.Remove(filepath.Join(h.repo, "go.mod"))
			h.symlink(h.secret, "go.mod")
			return ""
		}, code: exitFailure, stderr: "go.mod skipped: symbolic link out of the repository"},
		{name: "fifo/go file", build: func(h *harness) string {
			h.shop()
			h.fifo("ordering/fifo.go")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantFallback(t, res, "ordering/fifo.go, which seams skipped: not a regular file")
			wantWarning(t, res, "ordering/fifo.go", "skipped: not a regular file")
			wantStatus(t, res, schema.SignalImports, schema.StatusPartial)
			wantPackages(t, res, shopPackages...)
		}},
		{name: "fifo/go file in an excluded directory", build: func(h *harness) string {
			h.shop()
			h.write(".seams.yaml", "exclude: [legacy/]\n")
			h.fifo("legacy/fifo.go")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantFallback(t, res, "legacy/fifo.go")
		}},
		{name: "fifo/go.mod", build: func(h *harness) string {
			h.shop()
			h.fifo("tools/go.mod")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantWarning(t, res, "tools/go.mod", "skipped: not a regular file")
		}},
		{name: "fifo/go.sum and go.work", build: func(h *harness) string {
			h.shop()
			h.fifo("go.sum")
			h.fifo("go.work")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantFallback(t, res, "the go command would read go.sum")
			wantWarning(t, res, "go.work", "skipped: not a regular file")
			wantPackages(t, res, shopPackages...)
		}},
		{name: "fifo/sql file", build: func(h *harness) string {
			h.shop()
			h.fifo("catalog/more.sql")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantWarning(t, res, "catalog/more.sql", "skipped: not a regular file")
			wantStatus(t, res, schema.SignalSQL, schema.StatusOK)
		}},
	}
}

// moduleCases: broken modules and odd layouts cost the go/packages
// loader at most, never the run (item 4), and every shape runs from its
// root (item 7).
func moduleCases() []hostileCase {
	twoModules := func(h *harness, work string) {
		h.write("a/go.mod", "module example.com/a\n\ngo 1.22\n")
		h.write("a/a.go", "package a\n")
		h.write("b/go.mod", "module example.com/b\n\ngo 1.22\n\nrequire example.com/a v0.0.0\n\nreplace example.com/a => ../a\n")
		h.write("b/b.go", "package b\n\nimport _ \"example.com/a\"\n")
		if work != "" {
			h.write("go.work", work)
		}
		os.Mkdir(filepath.Join(h.repo, ".git"), 0o755)
	}
	return []hostileCase{
		{name: "modules/broken go.mod", build: func(h *harness) string {
			h.shop()
			h.write("go.mod", "module example.com/shop\n\ngo 1.22\n\nrequire (\n")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantFallback(t, res, "go.mod:5")
			wantPackages(t, res, shopPackages...)
			if strings.Contains(res.model.Signals.Imports.FallbackReason, h.repo) {
				t.Errorf("the reason names the machine's path: %s", res.model.Signals.Imports.FallbackReason)
			}
		}},
		{name: "modules/future go line", build: func(h *harness) string {
			h.shop()
			h.write("go.mod", "module example.com/shop\n\ngo 1.99\n")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantFallback(t, res, "go.mod requires go >= 1.99")
			wantPackages(t, res, shopPackages...)
		}},
		{name: "modules/go.work future", build: func(h *harness) string {
			twoModules(h, "go 1.99\n\nuse (\n\t./a\n\t./b\n)\n")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantFallback(t, res, "go.work requires go >= 1.99")
			wantPackages(t, res, "a", "b")
		}},
		{name: "modules/go.work does not parse", build: func(h *harness) string {
			twoModules(h, "go 1.22\nuse ./a\nuse ./b\nthis is not a directive\n")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantWarning(t, res, "go.work", "go.work does not parse, not used")
			wantPackages(t, res, "a", "b")
		}},
		{name: "modules/go.work uses outside", build: func(h *harness) string {
			twoModules(h, "go 1.22\nuse ./a\nuse ./b\nuse ../outside\n")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantWarning(t, res, "go.work:4", `go.work uses "../outside", outside the repository`)
			wantPackages(t, res, "a", "b")
		}},
		{name: "modules/go.work broken module", build: func(h *harness) string {
			twoModules(h, "go 1.22\nuse ./a\nuse ./b\n")
			h.write("a/go.mod", "module example.com/a\n\nrequire (\n")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantFallback(t, res, "a/go.mod:3")
			wantPackages(t, res, "a", "b")
		}},
		{name: "modules/replace outside", build: func(h *harness) string {
			h.shop()
			h.write("go.mod", "module example.com/shop\n\ngo 1.22\n\nrequire example.com/x v0.0.0\n\nreplace example.com/x => ../outside\n")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantFallback(t, res, `replaces example.com/x with "../outside", outside the repository`)
		}},
		{name: "modules/directory names", build: func(h *harness) string {
			h.shop()
			for _, d := range []string{"my pkg", "v@2", "bad\xffname"} {
				h.write(d+"/p.go", "package p\n\nimport _ \"example.com/shop/catalog\"\n")
			}
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantPackages(t, res, shopPackages...)
			wantWarning(t, res, "my pkg", "its name cannot be part of an import path")
			wantWarning(t, res, "v@2", "its name cannot be part of an import path")
			wantWarning(t, res, "bad\uFFFDname", "its name is not valid UTF-8")
		}},
		{name: "shapes/module in src", build: func(h *harness) string {
			for f, content := range shopFiles {
				h.write("src/"+f, content)
			}
			h.write("docs/README.md", "# the shop\n")
			h.commitAll("the shop in src/")
			return filepath.Join(h.repo, "src", "catalog")
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantStatus(t, res, schema.SignalHistory, schema.StatusOK, "1 commits read")
			wantPackages(t, res, "src/billing", "src/catalog", "src/cmd/shop", "src/ordering")
		}},
		{name: "shapes/modules without go.work", build: func(h *harness) string {
			twoModules(h, "")
			return filepath.Join(h.repo, "b")
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantPackages(t, res, "a", "b")
			if res.model.Signals.Imports.Loader != "go/packages" {
				t.Errorf("loader %s: %s", res.model.Signals.Imports.Loader, res.model.Signals.Imports.FallbackReason)
			}
		}},
		{name: "shapes/no module", build: func(h *harness) string {
			h.write("README.md", "# nothing\n")
			return ""
		}, code: exitFailure, stderr: "no go.mod or go.work found"},
	}
}

// executionCases: seams runs none of the repository's code or settings:
// git configuration, hooks, go:generate, cgo, init functions, toolchain
// lines. Every trap leaves a marker if anything runs it.
func executionCases() []hostileCase {
	return []hostileCase{
		{name: "exec/malicious git config", build: func(h *harness) string {
			h.shop()
			touch := func(name string) string { return "touch " + filepath.Join(h.markers, name) }
			f, err := os.OpenFile(filepath.Join(h.repo, ".git", "config"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				h.t.Fatal(err)
			}
			f.WriteString(`[core]
	fsmonitor = "` + touch("fsmonitor") + `"
	hooksPath = .evil-hooks
	sshCommand = "` + touch("sshCommand") + `"
	pager = "` + touch("pager") + `"
	askPass = "` + touch("askpass") + `"
[filter "evil"]
	clean = "` + touch("clean") + `"
	smudge = "` + touch("smudge") + `"
	process = "` + touch("process") + `"
	required = true
[diff "evil"]
	textconv = "` + touch("textconv") + `"
	command = "` + touch("diffcommand") + `"
[gpg]
	program = "` + touch("gpg") + `"
[include]
	path = ` + h.secret + `
[credential]
	helper = "!` + touch("credential") + `"
`)
			f.Close()
			h.write(".gitattributes", "* filter=evil diff=evil\n")
			for _, hook := range []string{"post-checkout", "pre-commit", "post-index-change", "reference-transaction", "fsmonitor-watchman", "pre-auto-gc"} {
				for _, dir := range []string{".git/hooks", ".evil-hooks"} {
					p := filepath.Join(h.repo, dir, hook)
					os.MkdirAll(filepath.Dir(p), 0o755)
					os.WriteFile(p, []byte("#!/bin/sh\n"+touch("hook-"+hook)+"\n"), 0o755)
				}
			}
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantStatus(t, res, schema.SignalHistory, schema.StatusOK, "3 commits read")
		}},
		{name: "exec/generate cgo init toolchain", build: func(h *harness) string {
			h.shop()
			touch := "touch " + filepath.Join(h.markers, "generate")
			h.write("go.mod", "module example.com/shop\n\ngo 1.22\n\ntoolchain go1.99.0\n")
			h.write("gen/gen.go", "//go:generate sh -c \""+touch+"\"\n//go:generate sh-trap\n\npackage gen\n")
			h.write("native/native.go", "package native\n\n/*\n#cgo pkg-config: trap\n#cgo CFLAGS: -fplugin=/tmp/evil.so\n#cgo LDFLAGS: -Wl,--wrap=main\n*/\nimport \"C\"\n\n// N is native.\nconst N = 1\n")
			h.write("native/pure.go", "package native\n\nimport _ \"example.com/shop/catalog\"\n")
			h.write("boot/boot.go", "package boot\n\nimport \"os\"\n\nfunc init() {\n\tos.WriteFile(\""+filepath.Join(h.markers, "init")+"\", nil, 0o644)\n}\n")
			h.write("boot/boot_test.go", "package boot\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\nfunc TestMain(m *testing.M) {\n\tos.WriteFile(\""+filepath.Join(h.markers, "testmain")+"\", nil, 0o644)\n}\n")
			return ""
		}, args: []string{"analyze", "--no-cache", "--tests", "--loader", "auto", "--out", "OUT", "DIR"}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			if res.model.Signals.Imports.Loader != "go/packages" {
				t.Errorf("loader %s: %s", res.model.Signals.Imports.Loader, res.model.Signals.Imports.FallbackReason)
			}
			wantPackages(t, res, slices.Sorted(slices.Values(append(slices.Clone(shopPackages), "boot", "gen", "native")))...)
		}},
	}
}

// injectionCases: names from the repository (tables, contexts, files,
// authors, commit messages) that try to become markup or break a format
// come out escaped.
func injectionCases() []hostileCase {
	return []hostileCase{
		{name: "inject/names authors messages", build: func(h *harness) string {
			evil := object.Signature{Name: tagPayload, Email: `"><script>alert(1)</script>@x.test`}
			h.shopAt(h.repo, evil, dotPayload+"\n\n"+linePayload, tagPayload)
			h.write("catalog/evil.sql", "CREATE TABLE \""+tagPayload+"\" (id int);\nINSERT INTO \""+tagPayload+"\" (id) VALUES (1);\n")
			h.write("ordering/evil.go", "package ordering\n\nimport \"database/sql\"\n\n// Evil writes the evil table.\nfunc Evil(db *sql.DB) { db.Exec(`UPDATE \""+tagPayload+"\" SET id = 2`) }\n")
			h.write(".seams.yaml", "contexts:\n  '"+strings.ReplaceAll(dotPayload, "'", "''")+"': [billing/**]\n  \""+strings.ReplaceAll(strings.ReplaceAll(tagPayload, `\`, `\\`), `"`, `\"`)+"\": [catalog/**]\n")
			// A file name with markup, reported as a warning.
			h.write("ordering/q<img src=x onerror=alert(3)>.go", "package ordering\n\nfunc (\n")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			var names []string
			for _, c := range res.model.Contexts {
				names = append(names, c.Name)
			}
			if !slices.Contains(names, dotPayload) || !slices.Contains(names, tagPayload) {
				t.Errorf("the declared contexts did not travel through as written: %q", names)
			}
			// seams keeps such a name out of its tables, and quotes the
			// statement in a warning: there it must come out escaped.
			wantWarning(t, res, "catalog/evil.sql:2", tagPayload)
			wantWarning(t, res, "ordering/q<img src=x onerror=alert(3)>.go", "")
			wantStatus(t, res, schema.SignalHistory, schema.StatusOK, "3 commits read")
		}},
		{name: "inject/terminal", build: func(h *harness) string {
			// A declared context, a table and a statement that try to
			// steer the terminal seams prints to: recolour, retitle,
			// rewrite the line, reorder what is read.
			h.shopAt(h.repo, object.Signature{Name: "dev", Email: "dev@x.test"}, "init", "")
			h.write(".seams.yaml", "contexts:\n  \""+`\x1b[31mred\x1b]0;title\a\rover\u202eevil\u009bx`+"\": [catalog/**]\n")
			h.write("ordering/evil.go", "package ordering\n\nimport \"database/sql\"\n\n// Evil writes a table the parser cannot read.\nfunc Evil(db *sql.DB) { db.Exec(\"UPDATE \x1b[2J SET \u202e = 2 WHERE\") }\n")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			for _, out := range []struct{ name, text string }{{"stdout", res.stdout}, {"stderr", res.stderr}} {
				if i := strings.IndexAny(out.text, "\x1b\r\x07\u202e\u009b"); i >= 0 {
					t.Errorf("%s holds a raw control character: %q", out.name, out.text[max(0, i-40):min(len(out.text), i+40)])
				}
			}
			if !strings.Contains(res.stdout, `\x1b[31mred`) {
				t.Errorf("the declared context's name is not shown escaped:\n%s", res.stdout)
			}
			var names []string
			for _, c := range res.model.Contexts {
				names = append(names, c.Name)
			}
			if !slices.Contains(names, "\x1b[31mred\x1b]0;title\x07\rover\u202eevil\u009bx") {
				t.Errorf("the model does not keep the declared name as written: %q", names)
			}
		}},
	}
}

// gitShapeCases: every shape of git repository, and damaged ones, give a
// run, with the history signal saying what it could read.
func gitShapeCases() []hostileCase {
	clone := func(h *harness, args ...string) {
		src := filepath.Join(h.parent, "src")
		h.shopAt(src, object.Signature{Name: "Ann", Email: "ann@example.com"}, "two", "three")
		h.git(src, "config", "uploadpack.allowFilter", "true")
		os.Remove(h.repo)
		h.git(h.parent, append(append([]string{"clone", "-q"}, args...), "file://"+src, h.repo)...)
	}
	return []hostileCase{
		{name: "git/shallow", git: true, build: func(h *harness) string {
			clone(h, "--depth", "1")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantStatus(t, res, schema.SignalHistory, schema.StatusPartial, "shallow clone")
		}},
		{name: "git/partial blob:none", git: true, build: func(h *harness) string {
			clone(h, "--filter=blob:none")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantStatus(t, res, schema.SignalHistory, schema.StatusPartial, "partial clone")
			wantPackages(t, res, shopPackages...)
		}},
		{name: "git/worktree", git: true, build: func(h *harness) string {
			clone(h)
			wt := filepath.Join(h.parent, "wt")
			h.git(h.repo, "worktree", "add", "-q", wt)
			return wt
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantStatus(t, res, schema.SignalHistory, schema.StatusOK, "3 commits read")
			wantPackages(t, res, shopPackages...)
		}},
		{name: "git/submodule", git: true, build: func(h *harness) string {
			clone(h)
			lib := filepath.Join(h.parent, "lib")
			os.MkdirAll(lib, 0o755)
			os.WriteFile(filepath.Join(lib, "go.mod"), []byte("module example.com/lib\n\ngo 1.22\n"), 0o644)
			os.WriteFile(filepath.Join(lib, "lib.go"), []byte("package lib\n"), 0o644)
			h.git(lib, "init", "-q")
			h.git(lib, "add", "-A")
			h.git(lib, "commit", "-q", "-m", "lib")
			h.git(h.repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", "file://"+lib, "third_party/lib")
			h.git(h.repo, "commit", "-q", "-m", "add lib")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantStatus(t, res, schema.SignalHistory, schema.StatusOK, "4 commits read")
			wantPackages(t, res, append(slices.Clone(shopPackages), "third_party/lib")...)
		}},
		{name: "git/sparse checkout", git: true, build: func(h *harness) string {
			clone(h)
			h.git(h.repo, "sparse-checkout", "set", "catalog", "ordering")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantPackages(t, res, "catalog", "ordering")
			wantStatus(t, res, schema.SignalHistory, schema.StatusOK)
		}},
		{name: "git/sha256", git: true, build: func(h *harness) string {
			os.Remove(h.repo)
			h.git(h.parent, "init", "-q", "--object-format=sha256", h.repo)
			for f, content := range shopFiles {
				h.write(f, content)
			}
			h.git(h.repo, "add", "-A")
			h.git(h.repo, "commit", "-q", "-m", "sha256")
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantStatus(t, res, schema.SignalHistory, schema.StatusUnavailable, "sha256")
			wantPackages(t, res, shopPackages...)
		}},
		{name: "git/empty", build: func(h *harness) string {
			if _, err := git.PlainInit(h.repo, false); err != nil {
				h.t.Fatal(err)
			}
			for f, content := range shopFiles {
				h.write(f, content)
			}
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantStatus(t, res, schema.SignalHistory, schema.StatusUnavailable, "no commits yet")
		}},
		{name: "git/none", build: func(h *harness) string {
			for f, content := range shopFiles {
				h.write(f, content)
			}
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantStatus(t, res, schema.SignalHistory, schema.StatusUnavailable, "not a git repository")
		}},
		{name: "git/corrupt tree", build: func(h *harness) string {
			h.shop()
			r, _ := git.PlainOpen(h.repo)
			head, _ := r.Head()
			c, _ := r.CommitObject(head.Hash())
			first := c
			for first.NumParents() > 0 {
				first, _ = first.Parent(0)
			}
			corrupt(h, first.TreeHash)
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			if st := health(t, res, schema.SignalHistory).Status; st == schema.StatusOK {
				t.Errorf("a corrupt tree left history %s", st)
			}
			wantPackages(t, res, shopPackages...)
		}},
		{name: "git/corrupt head", build: func(h *harness) string {
			h.shop()
			r, _ := git.PlainOpen(h.repo)
			head, _ := r.Head()
			corrupt(h, head.Hash())
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantStatus(t, res, schema.SignalHistory, schema.StatusUnavailable)
			wantPackages(t, res, shopPackages...)
		}},
		{name: "git/dangling HEAD", build: func(h *harness) string {
			h.shop()
			os.WriteFile(filepath.Join(h.repo, ".git", "refs", "heads", "master"), []byte(strings.Repeat("ab", 20)+"\n"), 0o644)
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantStatus(t, res, schema.SignalHistory, schema.StatusUnavailable)
		}},
		{name: "git/bare", git: true, build: func(h *harness) string {
			os.Remove(h.repo)
			h.git(h.parent, "init", "-q", "--bare", h.repo)
			return ""
		}, code: exitFailure, stderr: "is a bare git repository (no work tree, so no files to read): clone it"},
	}
}

// corrupt overwrites a loose object of the repository with garbage.
func corrupt(h *harness, hash plumbing.Hash) {
	h.t.Helper()
	s := hash.String()
	p := filepath.Join(h.repo, ".git", "objects", s[:2], s[2:])
	os.Chmod(p, 0o644)
	if err := os.WriteFile(p, []byte("garbage, not zlib"), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

// cliCases: flags stand anywhere, mistakes get suggestions, and a
// report set replaces the last one whole, removing what a killed run
// left (items 5 and 6).
func cliCases() []hostileCase {
	return []hostileCase{
		{name: "cli/flags after the directory", build: func(h *harness) string { h.shop(); return "" },
			args: []string{"analyze", "DIR", "--no-cache", "--out", "OUT", "--signals", "imports"}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
				wantStatus(t, res, schema.SignalSQL, schema.StatusOff)
			}},
		{name: "cli/json after the directory", build: func(h *harness) string { h.shop(); return "" },
			args: []string{"analyze", "DIR", "--out", "OUT", "--json", "--no-cache"}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
				if _, err := schema.DecodeModel(strings.NewReader(res.stdout)); err != nil {
					t.Errorf("stdout is no model: %v", err)
				}
				if _, err := os.Stat(h.out); err == nil {
					t.Error("--json wrote files")
				}
			}},
		{name: "cli/double dash", build: func(h *harness) string {
			h.shop()
			os.Rename(h.repo, filepath.Join(h.parent, "-repo"))
			os.Symlink("-repo", h.repo) // so that the parent's hash sees one tree
			return filepath.Join(h.parent, "-repo")
		}, args: []string{"analyze", "--no-cache", "--out", "OUT", "--", "DIR"}, code: exitOK},
		{name: "cli/mistyped flag", build: func(h *harness) string { h.shop(); return "" },
			args: []string{"analyze", "DIR", "--jsn"}, code: exitFailure, stderr: `flag provided but not defined: -jsn (did you mean "-json"?)`},
		{name: "cli/mistyped command", args: []string{"analyse", "DIR"}, code: exitFailure, stderr: `unknown command "analyse" (did you mean "analyze"?)`},
		{name: "cli/help after the directory", build: func(h *harness) string { h.shop(); return "" },
			args: []string{"analyze", "DIR", "-h"}, code: exitOK, stderr: "Usage: seams analyze"},
		{name: "cli/two directories", build: func(h *harness) string { h.shop(); return "" },
			args: []string{"analyze", "DIR", "--json", "DIR"}, code: exitFailure, stderr: "want at most one directory"},
		{name: "cli/stale temporaries", build: func(h *harness) string {
			h.shop()
			// The last run's set, and what a killed run left of the next.
			os.MkdirAll(h.out, 0o755)
			os.WriteFile(filepath.Join(h.out, "seams.json"), []byte("{}"), 0o644)
			os.WriteFile(filepath.Join(h.out, ".seams.json.999999999-12.tmp"), []byte("half"), 0o644)
			os.MkdirAll(filepath.Join(filepath.Dir(h.out), ".out.seams-new-999999999-34"), 0o755)
			return ""
		}, code: exitOK, check: func(t *testing.T, h *harness, res *result) {
			wantPackages(t, res, shopPackages...)
		}},
	}
}
