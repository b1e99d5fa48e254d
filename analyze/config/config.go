package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/vocab"
	"github.com/seams-tool/seams/report/schema"
	"go.yaml.in/yaml/v3"
)

// FileName is the name of the configuration file at the repository root.
const FileName = ".seams.yaml"

// File is the content of a configuration file. A nil pointer or slice
// means the key was absent, so that callers can tell "not set" from a
// zero value.
type File struct {
	// Path is the file that was read, empty when there was none.
	Path string

	Exclude []string        // exclude: .gitignore-style patterns
	Tests   *bool           // tests: analyze _test.go files
	Signals []schema.Signal // signals: which signals to compute
	Out     string          // out: output directory, relative to the config file
	Loader  string          // loader: auto or syntax
	History History         // history: the history signal's settings

	// Contexts pins packages to named contexts: name -> patterns.
	Contexts map[string][]string
	Shared   []string                 // shared: patterns pinned to the shared kernel
	Weights  map[schema.Layer]float64 // weights: a number per layer
	Seed     *uint64                  // seed: the first Louvain seed
	Restarts *int                     // restarts: Louvain runs
	// Resolution is Louvain's resolution; higher finds smaller contexts.
	Resolution *float64

	// Tooling and Libraries replace cluster.DefaultTooling and
	// cluster.DefaultLibraries: directory names that mark tooling, and
	// shared libraries the kernel rule may take.
	Tooling, Libraries []string
	// Vocabulary holds the vocabulary: section; a zero field keeps the
	// default.
	Vocabulary vocab.Options

	// SQL holds the sql: section: dialect and tables to ignore.
	SQLDialect string
	SQLIgnore  []string
	// SQLGenerated, when set to false, leaves generated files' SQL out.
	SQLGenerated *bool

	// Baseline is the baseline file, relative to the repository root.
	Baseline string
	// Tolerances say how much each metric may worsen before check fails.
	Tolerances map[schema.Metric]float64

	// pathLines holds the line of each key whose value is a path, which
	// Load checks against the disk.
	pathLines map[string]int
}

// History holds the history: section.
type History struct {
	Ref            string // ref: branch, tag or commit to mine
	Since, Until   string // since, until: dates (YYYY-MM-DD or RFC 3339)
	Window         string // window: the pressure window, e.g. 12m or 1y
	MaxCommitFiles *int   // maxCommitFiles: bulk-commit filter
	MinShared      *int   // minShared: co-change pair minimum
	// Bots are more author identities (substrings, case aside) whose
	// commits count for nothing, added to cochange.DefaultBots.
	Bots []string
	// CodeFiles replaces cochange.DefaultCodeFiles: the file name endings
	// whose changes count as their package's.
	CodeFiles []string
}

// Error is a problem at a line of a configuration file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ParseDate reads YYYY-MM-DD (midnight UTC) or an RFC 3339 time.
func ParseDate(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("want a date as YYYY-MM-DD or RFC 3339, got %q", s)
	}
	return t, nil
}

// ParseMonths reads a window length: a number of months ("12", "12m",
// "18mo") or years ("1y").
func ParseMonths(s string) (int, error) {
	num, unit := s, "m"
	for _, u := range []string{"mo", "m", "y"} {
		if n, ok := strings.CutSuffix(s, u); ok {
			num, unit = n, u
			break
		}
	}
	v, err := strconv.Atoi(num)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("want a number of months (12, 12m) or years (1y), got %q", s)
	}
	if unit == "y" {
		v *= 12
	}
	return v, nil
}

// MaxSize bounds the configuration file; real ones are a few hundred
// bytes.
const MaxSize = 1 << 20

// Load reads FileName from dir, the repository root (absolute and free
// of symbolic links). A missing file is not an error: it returns an
// empty File. A file seams must not read (a link out of the repository,
// a FIFO) is not read: Load returns an empty File and an error for which
// Skipped holds, saying only that, so that callers can warn and go on. The paths the file gives must lie inside dir, also
// through symbolic links.
func Load(dir string) (*File, error) {
	path := filepath.Join(dir, FileName)
	fsys := repo.DirFS(dir)
	st, err := fs.Stat(fsys, FileName)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &File{}, nil
	case repo.SkipReason(err) != "":
		return &File{}, &Error{File: path, Msg: repo.SkipReason(err)}
	case err != nil:
		return nil, err
	case st.IsDir():
		return nil, &Error{File: path, Msg: "want a file, found a directory"}
	case st.Size() > MaxSize:
		return nil, &Error{File: path, Msg: fmt.Sprintf("%d bytes, larger than %d KiB: not a configuration file", st.Size(), MaxSize>>10)}
	}
	data, err := fs.ReadFile(fsys, FileName)
	if repo.SkipReason(err) != "" {
		return &File{}, &Error{File: path, Msg: repo.SkipReason(err)}
	}
	if err != nil {
		return nil, err
	}
	f, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	for _, key := range []string{"out", "baseline"} {
		line, ok := f.pathLines[key]
		if !ok {
			continue
		}
		v := map[string]string{"out": f.Out, "baseline": f.Baseline}[key]
		if _, err := repo.Inside(dir, v); err != nil {
			return nil, &Error{File: path, Line: line, Msg: key + ": " + err.Error()}
		}
	}
	return f, nil
}

// Skipped reports whether err is Load's for a file it did not read.
func Skipped(err error) bool {
	var e *Error
	return errors.As(err, &e) && strings.HasPrefix(e.Msg, "skipped: ")
}

// Parse decodes a configuration file's content; path is used in errors.
func Parse(path string, data []byte) (*File, error) {
	f := &File{Path: path}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &Error{File: path, Line: yamlLine(err), Msg: strings.TrimPrefix(yamlMsg(err), "yaml: ")}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return f, nil // an empty file
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return f, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: path, Line: root.Line, Msg: "want a mapping of keys to values at the top level, got " + describe(root)}
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		decode, ok := keys[k.Value]
		if !ok {
			return nil, &Error{File: path, Line: k.Line, Msg: fmt.Sprintf("unknown key %q (known keys: %s)", k.Value, strings.Join(knownKeys(), ", "))}
		}
		if prev, dup := seen[k.Value]; dup {
			return nil, &Error{File: path, Line: k.Line, Msg: fmt.Sprintf("key %q given twice (first at line %d)", k.Value, prev)}
		}
		seen[k.Value] = k.Line
		if err := decode(f, v); err != nil {
			var le *lineError
			if errors.As(err, &le) {
				return nil, &Error{File: path, Line: le.line, Msg: le.msg}
			}
			return nil, &Error{File: path, Line: v.Line, Msg: err.Error()}
		}
	}
	return f, nil
}

type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return e.msg }

func lineErr(n *yaml.Node, msg string) error { return &lineError{line: n.Line, msg: msg} }

// yamlLine digs the line number out of a yaml syntax error ("yaml: line
// 3: ..."), which the library reports only as text.
func yamlLine(err error) int {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	var line int
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i:], "line %d", &line)
	}
	return line
}

func yamlMsg(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		if j := strings.Index(msg[i:], ": "); j >= 0 {
			return msg[:i] + msg[i+j+2:]
		}
	}
	return string(bytes.TrimSpace([]byte(msg)))
}
