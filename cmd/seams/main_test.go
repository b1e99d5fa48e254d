package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/seams-tool/seams/analyze"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seams-tool/seams/report/schema"
)

// seams runs the command line in-process and returns its exit code and
// output streams.
func seams(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// copyTree copies a directory so that tests can watch it for writes.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// snapshot hashes every path, mode and content under dir.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		info, _ := d.Info()
		io.WriteString(h, p+"\x00"+info.Mode().String()+"\x00")
		if !d.IsDir() {
			data, _ := os.ReadFile(p)
			h.Write(data)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))
}

// TestAnalyzeIsSafe runs seams on the fixture, which holds a package whose
// go:generate line and cgo pkg-config directive would leave a marker file
// if anything ran them, and checks that nothing ran and nothing was
// written inside the analyzed tree.
func TestAnalyzeIsSafe(t *testing.T) {
	dir := copyTree(t, "../../testdata/shop")
	marker := filepath.Join(t.TempDir(), "marker")
	t.Setenv("SEAMS_TRAP_MARKER", marker)
	// pkg-config is looked up on PATH: put a trap one first.
	bin := t.TempDir()
	os.WriteFile(filepath.Join(bin, "pkg-config"), []byte("#!/bin/sh\ntouch "+marker+"\n"), 0o755)
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))

	// The trap must be armed: go generate, which seams must never run,
	// leaves the marker.
	armed := copyTree(t, "../../testdata/shop/tools/trap")
	os.WriteFile(filepath.Join(armed, "go.mod"), []byte("module trap\n\ngo 1.22\n"), 0o644)
	armedMarker := filepath.Join(t.TempDir(), "armed")
	gen := exec.Command("go", "generate", "./...")
	gen.Dir = armed
	gen.Env = append(os.Environ(), "SEAMS_TRAP_MARKER="+armedMarker)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("go generate on the trap: %v\n%s", err, out)
	}
	if _, err := os.Stat(armedMarker); err != nil {
		t.Fatal("the trap package does not leave a marker when its go:generate line runs")
	}

	before := snapshot(t, dir)
	// The default loader never starts the go command; the go command's,
	// asked for, must not run the analyzed code either.
	out := t.TempDir()
	if code, _, stderr := seams(t, "analyze", "--out", out, dir); code != exitOK {
		t.Fatalf("default loader: exit %d\nstderr: %s", code, stderr)
	}
	if m := decodeFile(t, filepath.Join(out, "seams.json")); m.Signals.Imports.Loader != "syntax" {
		t.Errorf("default loader %s", m.Signals.Imports.Loader)
	}
	out = t.TempDir()
	code, stdout, stderr := seams(t, "analyze", "--loader", "auto", "--out", out, dir)
	if code != exitOK {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("analyzed code was executed: the trap marker exists")
	}
	if after := snapshot(t, dir); after != before {
		t.Error("the analyzed repository changed")
	}
	m := decodeFile(t, filepath.Join(out, "seams.json"))
	if m.Signals.Imports.Loader != "go/packages" || len(m.Packages) < 20 {
		t.Errorf("loader %s, %d packages", m.Signals.Imports.Loader, len(m.Packages))
	}
	if !strings.Contains(stdout, "wrote "+filepath.Join(out, "seams.json")) {
		t.Errorf("summary does not say where the file went:\n%s", stdout)
	}
	for _, name := range []string{"contexts.dot", "packages.dot", "tables.dot", "summary.md"} {
		if st, err := os.Stat(filepath.Join(out, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	// One package graph per context, numbered by extraction order.
	for _, c := range m.Contexts {
		matches, _ := filepath.Glob(filepath.Join(out, fmt.Sprintf("packages-%02d-*.dot", c.Order)))
		if len(matches) != 1 {
			t.Errorf("context %d (%s): %d package graphs %q, want 1", c.Order, c.Name, len(matches), matches)
		}
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	abs, _ := filepath.Abs(filepath.Join(out, "index.html"))
	if last := lines[len(lines)-1]; last != "report: file://"+filepath.ToSlash(abs) {
		t.Errorf("the summary's last line is %q, want the report's file URL", last)
	}
}

// TestDeterministicJSON analyzes the fixture (with its history) under
// different GOMAXPROCS, time zones and working directories, without the
// model cache: the JSON must be the same bytes every time.
func TestDeterministicJSON(t *testing.T) {
	dir := shopRepo(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	defer func(l *time.Location) { time.Local = l }(time.Local)
	cwd, _ := os.Getwd()
	defer os.Chdir(cwd)
	var first string
	for i, env := range []struct {
		procs int
		zone  *time.Location
		cwd   string
	}{
		{runtime.NumCPU(), time.UTC, cwd},
		{1, time.FixedZone("JST", 9*3600), cwd},
		{4, time.FixedZone("EST", -5*3600), dir},
		{2, time.UTC, filepath.Join(dir, "ordering")},
	} {
		runtime.GOMAXPROCS(env.procs)
		time.Local = env.zone
		os.Chdir(env.cwd)
		code, stdout, stderr := seams(t, "analyze", "--json", "--no-cache", "--tests", dir)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if i == 0 {
			first = stdout
		} else if stdout != first {
			t.Fatalf("run %d (GOMAXPROCS=%d, zone %s, in %s) differs from run 0", i, env.procs, env.zone, env.cwd)
		}
	}
	if !strings.Contains(first, `"schema": "seams/v1"`) || !strings.Contains(first, `"status": "ok"`) {
		t.Errorf("no schema or no signal in output")
	}
}

func TestExitCodes(t *testing.T) {
	noMod := t.TempDir()
	badConf := copyTree(t, "../../testdata/shop")
	os.WriteFile(filepath.Join(badConf, ".seams.yaml"), []byte("tests: true\nsignal: [sql]\n"), 0o644)
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no command", nil, exitFailure, "Usage"},
		{"unknown command", []string{"analyse"}, exitFailure, `unknown command "analyse"`},
		{"help", []string{"help"}, exitOK, ""},
		{"analyze help", []string{"analyze", "-h"}, exitOK, "Usage: seams analyze"},
		{"bad flag", []string{"analyze", "--nope"}, exitFailure, "flag provided but not defined"},
		{"two dirs", []string{"analyze", "a", "b"}, exitFailure, "at most one directory"},
		{"no go.mod", []string{"analyze", noMod}, exitFailure, "no go.mod or go.work found"},
		{"missing dir", []string{"analyze", filepath.Join(noMod, "nope")}, exitFailure, "no such file"},
		{"config error", []string{"analyze", "--json", badConf}, exitFailure, `.seams.yaml:2: unknown key "signal"`},
		{"bad signal", []string{"analyze", "--json", "--signals", "imports,gitlog", badConf}, exitFailure, ""},
		{"bad exclude", []string{"analyze", "--json", "--exclude", "[", "../../testdata/shop"}, exitFailure, "bad exclude pattern"},
		{"version", []string{"version"}, exitOK, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := seams(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.stderr)
			}
		})
	}
}

func TestFlagsOverrideConfig(t *testing.T) {
	dir := copyTree(t, "../../testdata/shop")
	os.WriteFile(filepath.Join(dir, ".seams.yaml"), []byte("exclude: [billing/]\nsignals: [imports]\n"), 0o644)
	code, stdout, stderr := seams(t, "analyze", "--json", dir)
	if code != exitOK {
		t.Fatal(stderr)
	}
	if strings.Contains(stdout, `"path": "billing`) {
		t.Error("config exclude ignored")
	}
	code, stdout, _ = seams(t, "analyze", "--json", "--signals", "sql", dir)
	if code != exitOK || !strings.Contains(stdout, `"detail": "not requested (--signals); packages are still listed"`) {
		t.Errorf("--signals did not override the config file:\n%.600s", stdout)
	}
}

// TestDefaultOutLeavesRepoAlone runs seams from inside the analyzed
// repository without --out: the report must go to the cache directory.
func TestDefaultOutLeavesRepoAlone(t *testing.T) {
	dir := copyTree(t, "../../testdata/shop")
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("HOME", cache)
	t.Chdir(dir)
	before := snapshot(t, dir)
	code, stdout, stderr := seams(t, "analyze")
	if code != exitOK {
		t.Fatal(stderr)
	}
	if snapshot(t, dir) != before {
		t.Fatal("seams wrote into the analyzed repository")
	}
	if !strings.Contains(stdout, "wrote "+cache) {
		t.Errorf("report not in the cache directory:\n%s", stdout)
	}
}

// TestVerboseLogsStages checks that -v says what each stage did, on
// stderr, and leaves stdout to the result.
func TestVerboseLogsStages(t *testing.T) {
	code, stdout, stderr := seams(t, "analyze", "-v", "--no-cache", "--json", "../../testdata/shop")
	if code != exitOK {
		t.Fatal(stderr)
	}
	for _, want := range []string{"seams: loaded ", "seams: read ", "seams: clustered into "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("-v did not log %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stdout, "seams: loaded") {
		t.Error("progress went to stdout")
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shopDir != "" {
		os.RemoveAll(filepath.Dir(shopDir))
	}
	os.Exit(code)
}

// TestConfigKeysReachTheAnalysis writes every key of the cluster, history,
// vocabulary and sql sections into a .seams.yaml and checks that each lands in
// the analysis configuration; bots are added to the defaults, the lists
// of directory names and code files replace theirs.
func TestConfigKeysReachTheAnalysis(t *testing.T) {
	dir := copyTree(t, "../../testdata/shop")
	os.WriteFile(filepath.Join(dir, ".seams.yaml"), []byte(`tooling: [scripts]
libraries: [common]
history:
  bots: [release-robot]
  codeFiles: [.go, .proto]
vocabulary:
  topTerms: 12
  minSimilarity: 0.2
sql:
  generated: false
`), 0o644)
	var stderr strings.Builder
	s := newSettings("seams analyze", "", &stderr)
	rs, code, ok := s.start([]string{dir})
	if !ok {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	cfg, def := rs.cfg, analyze.DefaultConfig()
	co := cfg.History.CoChange
	for _, tc := range []struct {
		key       string
		got, want any
	}{
		{"tooling", cfg.Cluster.Tooling, []string{"scripts"}},
		{"libraries", cfg.Cluster.Libraries, []string{"common"}},
		{"history.bots", co.Bots, append(slices.Clone(def.History.CoChange.Bots), "release-robot")},
		{"history.codeFiles", co.CodeFiles, []string{".go", ".proto"}},
		{"vocabulary.topTerms", cfg.Vocabulary.TopTerms, 12},
		{"vocabulary.minSimilarity", cfg.Vocabulary.MinSimilarity, 0.2},
		{"vocabulary.neighbours (unset)", cfg.Vocabulary.Neighbours, def.Vocabulary.Neighbours},
		{"sql.generated", cfg.SQL.NoGenerated, true},
		{"sql.generated (default)", def.SQL.NoGenerated, false},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.key, tc.got, tc.want)
		}
	}
}

// TestAnalyzeShowsTheTrendBeside: a trend.json in the output directory
// (seams trend --out there) gives the report a trend view; a broken one
// is said on stderr and the report is written without it.
func TestAnalyzeShowsTheTrendBeside(t *testing.T) {
	out := t.TempDir()
	tr := &schema.Trend{Schema: schema.TrendVersion, Repo: "shop", Partition: "baseline",
		Points: []schema.TrendPoint{{Commit: strings.Repeat("a", 40), Date: "2024-01-01T00:00:00Z", Coverage: 1}}}
	data, err := schema.Encode(tr)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, trend string
		want        bool
	}{{"a trend", string(data), true}, {"a broken trend", "{", false}} {
		os.WriteFile(filepath.Join(out, "trend.json"), []byte(tc.trend), 0o644)
		code, _, stderr := seams(t, "analyze", "--out", out, "../../testdata/shop")
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", tc.name, code, stderr)
		}
		page, _ := os.ReadFile(filepath.Join(out, "index.html"))
		if has := strings.Contains(string(page), `id="seams-trend"`); has != tc.want {
			t.Errorf("%s: the report has trend data: %v, want %v", tc.name, has, tc.want)
		}
		if !tc.want && !strings.Contains(stderr, "the report has no trend view") {
			t.Errorf("%s: nothing said on stderr:\n%s", tc.name, stderr)
		}
	}
}

func decodeFile(t *testing.T, path string) *schema.Model {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := schema.DecodeModel(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
