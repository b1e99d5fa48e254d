package config

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/seams-tool/seams/analyze/vocab"
	"github.com/seams-tool/seams/report/schema"
)

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      string // the whole error, with file:line
	}{
		{"unknown key", "tests: true\nexlude: [a]\n", `.seams.yaml:2: unknown key "exlude" (known keys: baseline, check, contexts, exclude, history, libraries, loader, out, resolution, restarts, seed, shared, signals, sql, tests, tooling, vocabulary, weights)`},
		{"bad bool", "tests: maybe\n", `.seams.yaml:1: tests: want true or false, got "maybe"`},
		{"bad signal", "signals:\n  - imports\n  - gitlog\n", `.seams.yaml:3: signals: unknown signal "gitlog" (known: imports, sql, history, vocabulary)`},
		{"bad pattern", "exclude:\n  - docs/\n  - \"[z-a\"\n", `.seams.yaml:3: bad exclude pattern "[z-a": syntax error in pattern`},
		{"not a list", "exclude: docs/\n", `.seams.yaml:1: want a list of strings, got "docs/"`},
		{"list of maps", "exclude:\n  - a: b\n", `.seams.yaml:2: want a string, got a mapping`},
		{"bad loader", "loader: fast\n", `.seams.yaml:1: loader: want auto or syntax, got "fast"`},
		{"duplicate", "tests: true\ntests: false\n", `.seams.yaml:2: key "tests" given twice (first at line 1)`},
		{"yaml syntax", "tests: true\n\tout: x\n", `.seams.yaml:2: found a tab character that violates indentation`},
		{"history unknown", "history:\n  ref: main\n  windw: 6m\n", `.seams.yaml:3: unknown key "windw" in history (known keys: bots, codeFiles, maxCommitFiles, minShared, ref, since, until, window)`},
		{"history bots empty", "history:\n  bots: [\"\", ci-bot]\n", `.seams.yaml:2: history.bots: want author names or e-mail fragments, got an empty one`},
		{"history codeFiles none", "history:\n  codeFiles: []\n", `.seams.yaml:2: history.codeFiles: want at least one file name ending, such as .go`},
		{"history codeFiles path", "history:\n  codeFiles:\n    - .go\n    - db/x.sql\n", `.seams.yaml:4: history.codeFiles: want file name endings such as .go or .sql, got "db/x.sql"`},
		{"tooling pattern", "tooling:\n  - tools\n  - build/**\n", `.seams.yaml:3: tooling: want directory names (one path segment, no patterns), got "build/**"`},
		{"libraries dotdot", "libraries: [\"..\"]\n", `.seams.yaml:1: libraries: want directory names (one path segment, no patterns), got ".."`},
		{"vocabulary unknown", "vocabulary:\n  terms: 3\n", `.seams.yaml:2: unknown key "terms" in vocabulary (known keys: maxShare, minSimilarity, neighbours, topTerms)`},
		{"vocabulary topTerms", "vocabulary:\n  topTerms: 0\n", `.seams.yaml:2: vocabulary.topTerms: want 1..100, got 0`},
		{"vocabulary similarity", "vocabulary:\n  minSimilarity: 1.5\n", `.seams.yaml:2: vocabulary.minSimilarity: want a number above 0 and at most 1, got "1.5"`},
		{"vocabulary share NaN", "vocabulary:\n  maxShare: .nan\n", `.seams.yaml:2: vocabulary.maxShare: want a number above 0 and at most 1, got ".nan"`},
		{"history bad window", "history:\n  window: soon\n", `.seams.yaml:2: history.window: want a number of months (12, 12m) or years (1y), got "soon"`},
		{"history bad date", "history:\n  since: 2024-13-01\n", `.seams.yaml:2: history.since: want a date as YYYY-MM-DD or RFC 3339, got "2024-13-01"`},
		{"history bad int", "history:\n  maxCommitFiles: many\n", `.seams.yaml:2: history.maxCommitFiles: want a whole number, got "many"`},
		{"history small int", "history:\n  minShared: 0\n", `.seams.yaml:2: history.minShared: want 1..1000000, got 0`},
		{"history not a map", "history: yes\n", `.seams.yaml:1: history: want a mapping, got "yes"`},
		{"weights layer", "weights:\n  imports: 1\n  sql: 2\n", `.seams.yaml:3: weights: unknown layer "sql" (known: imports, data, cochange, vocabulary)`},
		{"weights negative", "weights: {data: -1}\n", `.seams.yaml:1: weights.data: want a number in 0..1e+06, got "-1"`},
		{"contexts not lists", "contexts:\n  billing: internal/billing\n", `.seams.yaml:2: want a list of strings, got "internal/billing"`},
		{"contexts bad glob", "contexts:\n  billing: [\"[x\"]\n", `.seams.yaml:2: contexts.billing: bad package pattern "[x"`},
		{"resolution", "resolution: 0\n", `.seams.yaml:1: resolution: want a number above 0 and at most 100, got "0"`},
		{"restarts", "restarts: 0\n", `.seams.yaml:1: restarts: want 1..1000, got 0`},
		{"tolerance metric", "check:\n  tolerances:\n    speed: 1\n", `.seams.yaml:3: check.tolerances: unknown metric "speed" (known: icp, ifn, modularity, mq, ned, sm)`},
		{"sql dialect", "sql:\n  dialect: oracle\n", `.seams.yaml:2: sql.dialect: want one of postgres, mysql, sqlite, got "oracle"`},
		{"sql generated", "sql:\n  generated: sometimes\n", `.seams.yaml:2: sql.generated: want true or false, got "sometimes"`},
		{"weights NaN", "weights: {data: .nan}\n", `.seams.yaml:1: weights.data: want a number in 0..1e+06, got ".nan"`},
		{"weights Inf", "weights: {imports: .inf}\n", `.seams.yaml:1: weights.imports: want a number in 0..1e+06, got ".inf"`},
		{"weights all zero", "weights: {imports: 0, data: 0, cochange: 0, vocabulary: 0}\n", `.seams.yaml:1: weights: at least one layer needs a weight above 0`},
		{"resolution Inf", "resolution: .inf\n", `.seams.yaml:1: resolution: want a number above 0 and at most 100, got ".inf"`},
		{"resolution NaN", "resolution: .NaN\n", `.seams.yaml:1: resolution: want a number above 0 and at most 100, got ".NaN"`},
		{"restarts huge", "restarts: 2000000000\n", `.seams.yaml:1: restarts: want 1..1000, got 2000000000`},
		{"max commit files zero", "history:\n  maxCommitFiles: 0\n", `.seams.yaml:2: history.maxCommitFiles: want -1 (no limit) or a positive number, got 0`},
		{"tolerance NaN", "check:\n  tolerances:\n    icp: .nan\n", `.seams.yaml:3: check.tolerances.icp: want a number in 0..1000, got ".nan"`},
		{"top list", "- a\n", `.seams.yaml:1: want a mapping of keys to values at the top level, got a list`},
		{"ref escapes", "history:\n  ref: ../../outside/credentials\n", `.seams.yaml:2: history.ref: want a branch, tag or commit, got "../../outside/credentials"`},
		{"ref option", "history:\n  ref: --upload-pack=x\n", `.seams.yaml:2: history.ref: want a branch, tag or commit, got "--upload-pack=x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(".seams.yaml", []byte(tc.src))
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if got := err.Error(); got != tc.want && !(strings.HasSuffix(tc.want, ":") && strings.HasPrefix(got, tc.want)) {
				t.Errorf("error = %q\nwant    %q", got, tc.want)
			}
		})
	}
}

func TestParseOK(t *testing.T) {
	src := `# seams settings
exclude:
  - docs/
  - "**/mocks/**"
tests: true
signals: [imports, history]
out: build/seams
loader: syntax
contexts:
  billing: [internal/billing/**, cmd/billingd]
shared: [internal/platform/**]
weights: {imports: 1, data: 2, cochange: 0.5}
seed: 42
restarts: 8
resolution: 1.2
history:
  ref: main
  since: 2023-01-01
  window: 1y
  maxCommitFiles: 80
  bots: [ci-robot, release@corp.test]
  codeFiles: [.go, .sql, .proto]
tooling: [tools, scripts]
libraries: [pkg, lib, common]
vocabulary:
  topTerms: 12
  neighbours: 7
  minSimilarity: 0.2
  maxShare: 0.3
`
	f, err := Parse("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := &File{Path: "x.yaml", Exclude: []string{"docs/", "**/mocks/**"}, Tests: f.Tests, Signals: []schema.Signal{"imports", "history"}, Out: "build/seams", Loader: "syntax",
		History: History{Ref: "main", Since: "2023-01-01", Window: "1y", MaxCommitFiles: f.History.MaxCommitFiles,
			Bots: []string{"ci-robot", "release@corp.test"}, CodeFiles: []string{".go", ".sql", ".proto"}},
		Tooling: []string{"tools", "scripts"}, Libraries: []string{"pkg", "lib", "common"},
		Vocabulary: vocab.Options{TopTerms: 12, Neighbours: 7, MinSimilarity: 0.2, MaxShare: 0.3},
		Contexts:   f.Contexts, Shared: f.Shared, Weights: f.Weights, Seed: f.Seed, Restarts: f.Restarts, Resolution: f.Resolution,
		pathLines: map[string]int{"out": 7}}
	if !reflect.DeepEqual(f, want) || f.Tests == nil || !*f.Tests || *f.History.MaxCommitFiles != 80 {
		t.Errorf("got %+v", f)
	}
	if len(f.Contexts["billing"]) != 2 || f.Weights["data"] != 2 || *f.Seed != 42 || *f.Restarts != 8 || *f.Resolution != 1.2 || f.Shared[0] != "internal/platform/**" {
		t.Errorf("cluster settings: %+v", f)
	}
	if m, _ := ParseMonths(f.History.Window); m != 12 {
		t.Errorf("window 1y = %d months", m)
	}
	for _, empty := range []string{"", "# nothing\n", "---\n"} {
		f, err := Parse("x", []byte(empty))
		if err != nil || f.Tests != nil || f.Exclude != nil {
			t.Errorf("Parse(%q) = %+v, %v", empty, f, err)
		}
	}
}

func TestLoadMissingFile(t *testing.T) {
	f, err := Load(t.TempDir())
	if err != nil || f.Path != "" {
		t.Fatalf("Load of a dir without %s = %+v, %v", FileName, f, err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, FileName), []byte("tests: 3\n"), 0o644)
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), FileName+":1:") {
		t.Errorf("Load = %v, want a line-numbered error", err)
	}
}

// TestPathsStayInside checks that the repository's own file cannot send
// seams' outputs, or make it read a baseline, outside the repository.
func TestPathsStayInside(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs symbolic links")
	}
	outside := t.TempDir()
	for _, tc := range []struct {
		name, src string
		want      string // "" for accepted
	}{
		{"relative", "out: build/seams\nbaseline: .seams/b.json\n", ""},
		{"dot dot inside", "out: a/../b\n", ""},
		{"absolute out", "tests: true\nout: /etc/seams\n", `.seams.yaml:2: out: "/etc/seams" is absolute: it leads out of the repository (give a path relative to the repository root)`},
		{"escaping out", "out: ../../x\n", `.seams.yaml:1: out: "../../x" leads out of the repository`},
		{"escaping baseline", "baseline: a/../../b.json\n", `.seams.yaml:1: baseline: "a/../../b.json" leads out of the repository`},
		{"absolute baseline", "\nbaseline: /tmp/b.json\n", `.seams.yaml:2: baseline: "/tmp/b.json" is absolute`},
		{"through a link", "signals: [imports]\nout: away/report\n", `.seams.yaml:2: out: "away/report" leads out of the repository through a symbolic link`},
		{"baseline through a link", "baseline: away\n", `.seams.yaml:1: baseline: "away" leads out of the repository through a symbolic link`},
		{"through a link inside", "out: near/report\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := filepath.EvalSymlinks(t.TempDir())
			os.Symlink(outside, filepath.Join(dir, "away"))
			os.Mkdir(filepath.Join(dir, "real"), 0o755)
			os.Symlink("real", filepath.Join(dir, "near"))
			os.WriteFile(filepath.Join(dir, FileName), []byte(tc.src), 0o644)
			_, err := Load(dir)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), dir+string(filepath.Separator)+tc.want) {
				t.Errorf("Load error = %v\nwant %s", err, tc.want)
			}
			if err != nil && strings.Contains(err.Error(), outside) {
				t.Errorf("the error names the link's target: %v", err)
			}
		})
	}
}

// TestLoadRefusesSpecialFiles checks that a .seams.yaml that is a link
// out of the repository or a FIFO is neither read nor waited on, and
// that the error says so without what the file holds.
func TestLoadRefusesSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs FIFOs and symbolic links")
	}
	secret := filepath.Join(t.TempDir(), "credentials")
	os.WriteFile(secret, []byte("https://user:TOPSECRET@example.com\n"), 0o600)
	for _, tc := range []struct {
		name  string
		plant func(p string) error
		want  string
	}{
		{"link out", func(p string) error { return os.Symlink(secret, p) }, "skipped: symbolic link out of the repository"},
		{"link to passwd", func(p string) error { return os.Symlink("/etc/passwd", p) }, "skipped: symbolic link out of the repository"},
		{"fifo", func(p string) error { return mkfifo(p) }, "skipped: not a regular file"},
		{"huge", func(p string) error { return os.WriteFile(p, make([]byte, MaxSize+1), 0o644) }, "larger than 1024 KiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := filepath.EvalSymlinks(t.TempDir())
			if err := tc.plant(filepath.Join(dir, FileName)); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { _, err := Load(dir); done <- err }()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Load hangs")
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Load error = %v, want %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "TOPSECRET") || strings.Contains(err.Error(), "root:") || strings.Contains(err.Error(), secret) {
				t.Errorf("the error shows what lies outside: %v", err)
			}
			if Skipped(err) != strings.HasPrefix(tc.want, "skipped") {
				t.Errorf("Skipped(%v) = %v", err, Skipped(err))
			}
		})
	}
}
