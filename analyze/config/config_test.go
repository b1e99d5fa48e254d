package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      string // the whole error, with file:line
	}{
		{"unknown key", "tests: true\nexlude: [a]\n", `.seams.yaml:2: unknown key "exlude" (known keys: exclude, loader, out, signals, tests)`},
		{"bad bool", "tests: maybe\n", `.seams.yaml:1: tests: want true or false, got "maybe"`},
		{"bad signal", "signals:\n  - imports\n  - gitlog\n", `.seams.yaml:3: signals: unknown signal "gitlog" (known: imports, sql, history)`},
		{"bad pattern", "exclude:\n  - docs/\n  - \"[z-a\"\n", `.seams.yaml:3: bad exclude pattern "[z-a": syntax error in pattern`},
		{"not a list", "exclude: docs/\n", `.seams.yaml:1: want a list of strings, got "docs/"`},
		{"list of maps", "exclude:\n  - a: b\n", `.seams.yaml:2: want a string, got a mapping`},
		{"bad loader", "loader: fast\n", `.seams.yaml:1: loader: want auto or syntax, got "fast"`},
		{"duplicate", "tests: true\ntests: false\n", `.seams.yaml:2: key "tests" given twice (first at line 1)`},
		{"yaml syntax", "tests: true\n\tout: x\n", `.seams.yaml:2: found a tab character that violates indentation`},
		{"top list", "- a\n", `.seams.yaml:1: want a mapping of keys to values at the top level, got a list`},
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
`
	f, err := Parse("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := &File{Path: "x.yaml", Exclude: []string{"docs/", "**/mocks/**"}, Tests: f.Tests, Signals: []string{"imports", "history"}, Out: "build/seams", Loader: "syntax"}
	if !reflect.DeepEqual(f, want) || f.Tests == nil || !*f.Tests {
		t.Errorf("got %+v", f)
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
