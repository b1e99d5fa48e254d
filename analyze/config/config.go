package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/seams-tool/seams/analyze/scope"
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

	Exclude []string // exclude: .gitignore-style patterns
	Tests   *bool    // tests: analyze _test.go files
	Signals []string // signals: which signals to compute
	Out     string   // out: output directory, relative to the config file
	Loader  string   // loader: auto or syntax
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

// keys lists every known top-level key with the function that decodes
// it; the README documents each one.
var keys = map[string]func(f *File, n *yaml.Node) error{
	"exclude": func(f *File, n *yaml.Node) error {
		list, err := stringList(n)
		if err != nil {
			return err
		}
		for i, p := range list {
			if err := scope.CheckPattern(p); err != nil {
				return lineErr(n.Content[i], err.Error())
			}
		}
		f.Exclude = list
		return nil
	},
	"tests": func(f *File, n *yaml.Node) error {
		var b bool
		if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
			return lineErr(n, "tests: want true or false, got "+describe(n))
		}
		f.Tests = &b
		return nil
	},
	"signals": func(f *File, n *yaml.Node) error {
		list, err := stringList(n)
		if err != nil {
			return err
		}
		for i, s := range list {
			if !oneOf(s, "imports", "sql", "history") {
				return lineErr(n.Content[i], fmt.Sprintf("signals: unknown signal %q (known: imports, sql, history)", s))
			}
		}
		f.Signals = list
		return nil
	},
	"out": func(f *File, n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode || n.Value == "" {
			return lineErr(n, "out: want a directory path, got "+describe(n))
		}
		f.Out = n.Value
		return nil
	},
	"loader": func(f *File, n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode || !oneOf(n.Value, "auto", "syntax") {
			return lineErr(n, "loader: want auto or syntax, got "+describe(n))
		}
		f.Loader = n.Value
		return nil
	},
}

// Load reads FileName from dir. A missing file is not an error: it
// returns an empty File.
func Load(dir string) (*File, error) {
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &File{}, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
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

func stringList(n *yaml.Node) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, lineErr(n, "want a list of strings, got "+describe(n))
	}
	out := []string{}
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode || c.Tag != "!!str" && c.Tag != "!!int" {
			return nil, lineErr(c, "want a string, got "+describe(c))
		}
		out = append(out, c.Value)
	}
	return out, nil
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

func oneOf(s string, options ...string) bool {
	for _, o := range options {
		if s == o {
			return true
		}
	}
	return false
}

func knownKeys() []string {
	var ks []string
	for k := range keys {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

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
