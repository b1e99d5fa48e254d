package config

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/analyze/vocab"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/report/schema"
	"go.yaml.in/yaml/v3"
)

// The keys a configuration file may hold, each with the function that
// decodes and checks it, and the helpers those functions share.

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
		var err error
		f.Tests, err = boolean(n, "tests")
		return err
	},
	"signals": func(f *File, n *yaml.Node) error {
		list, err := stringList(n)
		if err != nil {
			return err
		}
		f.Signals = []schema.Signal{}
		for i, s := range list {
			sig, err := schema.Parse(schema.Signals, "signal", s)
			if err != nil {
				return lineErr(n.Content[i], "signals: "+err.Error())
			}
			f.Signals = append(f.Signals, sig)
		}
		return nil
	},
	"out": func(f *File, n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode || n.Value == "" {
			return lineErr(n, "out: want a directory path, got "+describe(n))
		}
		if err := f.relative(n, "out"); err != nil {
			return err
		}
		f.Out = n.Value
		return nil
	},
	"contexts": func(f *File, n *yaml.Node) error {
		if n.Kind != yaml.MappingNode {
			return lineErr(n, "contexts: want a mapping of context names to lists of package patterns, got "+describe(n))
		}
		f.Contexts = map[string][]string{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "" {
				return lineErr(k, "contexts: empty context name")
			}
			if _, dup := f.Contexts[k.Value]; dup {
				return lineErr(k, fmt.Sprintf("contexts: %q given twice", k.Value))
			}
			list, err := stringList(v)
			if err != nil {
				return err
			}
			if err := checkPatterns(v, list, "contexts."+k.Value); err != nil {
				return err
			}
			f.Contexts[k.Value] = list
		}
		return nil
	},
	"shared": func(f *File, n *yaml.Node) error {
		list, err := stringList(n)
		if err != nil {
			return err
		}
		if err := checkPatterns(n, list, "shared"); err != nil {
			return err
		}
		f.Shared = list
		return nil
	},
	"weights": func(f *File, n *yaml.Node) error {
		if n.Kind != yaml.MappingNode {
			return lineErr(n, "weights: want a mapping of layer names ("+schema.Join(schema.Layers)+") to numbers, got "+describe(n))
		}
		f.Weights = map[schema.Layer]float64{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			l, err := schema.Parse(schema.Layers, "layer", k.Value)
			if err != nil {
				return lineErr(k, "weights: "+err.Error())
			}
			w, ok := number(v)
			if !ok || w < 0 || w > graph.MaxWeight {
				return lineErr(v, fmt.Sprintf("weights.%s: want a number in 0..%g, got %s", k.Value, graph.MaxWeight, describe(v)))
			}
			f.Weights[l] = w
		}
		if len(f.Weights) == len(schema.Layers) {
			sum := 0.0
			for _, w := range f.Weights {
				sum += w
			}
			if sum == 0 {
				return lineErr(n, "weights: at least one layer needs a weight above 0")
			}
		}
		return nil
	},
	"seed": func(f *File, n *yaml.Node) error {
		var v uint64
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&v) != nil {
			return lineErr(n, "seed: want a whole number of at least 0, got "+describe(n))
		}
		f.Seed = &v
		return nil
	},
	"restarts": func(f *File, n *yaml.Node) error {
		v, err := integer(n, "restarts", 1, cluster.MaxRestarts)
		f.Restarts = v
		return err
	},
	"resolution": func(f *File, n *yaml.Node) error {
		v, ok := number(n)
		if !ok || v <= 0 || v > cluster.MaxResolution {
			return lineErr(n, fmt.Sprintf("resolution: want a number above 0 and at most %d, got %s", cluster.MaxResolution, describe(n)))
		}
		f.Resolution = &v
		return nil
	},
	"sql": func(f *File, n *yaml.Node) error {
		return mapping(n, "sql", f, map[string]func(*File, *yaml.Node) error{
			"dialect": func(f *File, n *yaml.Node) error {
				if n.Kind != yaml.ScalarNode || !slices.Contains(tables.Dialects, n.Value) {
					return lineErr(n, "sql.dialect: want one of "+strings.Join(tables.Dialects, ", ")+", got "+describe(n))
				}
				f.SQLDialect = n.Value
				return nil
			},
			"ignore": func(f *File, n *yaml.Node) error {
				list, err := stringList(n)
				f.SQLIgnore = list
				return err
			},
			"generated": func(f *File, n *yaml.Node) error {
				var err error
				f.SQLGenerated, err = boolean(n, "sql.generated")
				return err
			},
		})
	},
	"baseline": func(f *File, n *yaml.Node) error {
		if err := scalar(n, "baseline", &f.Baseline); err != nil {
			return err
		}
		return f.relative(n, "baseline")
	},
	"check": func(f *File, n *yaml.Node) error {
		return mapping(n, "check", f, map[string]func(*File, *yaml.Node) error{
			"tolerances": func(f *File, n *yaml.Node) error {
				if n.Kind != yaml.MappingNode {
					return lineErr(n, "check.tolerances: want a mapping of metric names to numbers, got "+describe(n))
				}
				f.Tolerances = map[schema.Metric]float64{}
				for i := 0; i+1 < len(n.Content); i += 2 {
					k, v := n.Content[i], n.Content[i+1]
					m, err := schema.Parse(schema.Metrics, "metric", k.Value)
					if err != nil {
						return lineErr(k, "check.tolerances: "+err.Error())
					}
					t, ok := number(v)
					if !ok || t < 0 || t > MaxTolerance {
						return lineErr(v, fmt.Sprintf("check.tolerances.%s: want a number in 0..%g, got %s", k.Value, MaxTolerance, describe(v)))
					}
					f.Tolerances[m] = t
				}
				return nil
			},
		})
	},
	"history": func(f *File, n *yaml.Node) error {
		return mapping(n, "history", &f.History, historyKeys)
	},
	"tooling": func(f *File, n *yaml.Node) error {
		list, err := dirNames(n, "tooling")
		f.Tooling = list
		return err
	},
	"libraries": func(f *File, n *yaml.Node) error {
		list, err := dirNames(n, "libraries")
		f.Libraries = list
		return err
	},
	"vocabulary": func(f *File, n *yaml.Node) error {
		return mapping(n, "vocabulary", &f.Vocabulary, vocabularyKeys)
	},
	"loader": func(f *File, n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode || !oneOf(n.Value, "auto", "syntax") {
			return lineErr(n, "loader: want auto or syntax, got "+describe(n))
		}
		f.Loader = n.Value
		return nil
	},
}

// historyKeys are the keys of the history: section.
var historyKeys = map[string]func(h *History, n *yaml.Node) error{
	"ref": func(h *History, n *yaml.Node) error {
		if err := scalar(n, "history.ref", &h.Ref); err != nil {
			return err
		}
		// Git's own rules for reference names, where they keep a name
		// from being read as a path or an option.
		if strings.Contains(h.Ref, "..") || strings.HasPrefix(h.Ref, "/") || strings.HasPrefix(h.Ref, "-") ||
			strings.ContainsFunc(h.Ref, func(r rune) bool { return r < ' ' || r == 0x7f || r == '\\' || r == ' ' }) {
			return lineErr(n, fmt.Sprintf("history.ref: want a branch, tag or commit, got %q", h.Ref))
		}
		return nil
	},
	"since": func(h *History, n *yaml.Node) error {
		if err := scalar(n, "history.since", &h.Since); err != nil {
			return err
		}
		if _, err := ParseDate(h.Since); err != nil {
			return lineErr(n, "history.since: "+err.Error())
		}
		return nil
	},
	"until": func(h *History, n *yaml.Node) error {
		if err := scalar(n, "history.until", &h.Until); err != nil {
			return err
		}
		if _, err := ParseDate(h.Until); err != nil {
			return lineErr(n, "history.until: "+err.Error())
		}
		return nil
	},
	"window": func(h *History, n *yaml.Node) error {
		if err := scalar(n, "history.window", &h.Window); err != nil {
			return err
		}
		if _, err := ParseMonths(h.Window); err != nil {
			return lineErr(n, "history.window: "+err.Error())
		}
		return nil
	},
	"maxCommitFiles": func(h *History, n *yaml.Node) error {
		v, err := integer(n, "history.maxCommitFiles", -1, cochange.MaxMaxCommitFiles)
		if err == nil && *v == 0 {
			return lineErr(n, "history.maxCommitFiles: want -1 (no limit) or a positive number, got 0")
		}
		h.MaxCommitFiles = v
		return err
	},
	"minShared": func(h *History, n *yaml.Node) error {
		v, err := integer(n, "history.minShared", 1, cochange.MaxMinShared)
		h.MinShared = v
		return err
	},
	"bots": func(h *History, n *yaml.Node) error {
		list, err := stringList(n)
		for i, b := range list {
			if strings.TrimSpace(b) == "" {
				return lineErr(n.Content[i], "history.bots: want author names or e-mail fragments, got an empty one")
			}
		}
		h.Bots = list
		return err
	},
	"codeFiles": func(h *History, n *yaml.Node) error {
		list, err := stringList(n)
		if err == nil && len(list) == 0 {
			return lineErr(n, "history.codeFiles: want at least one file name ending, such as .go")
		}
		for i, e := range list {
			if e == "" || strings.ContainsAny(e, `/\`) {
				return lineErr(n.Content[i], fmt.Sprintf("history.codeFiles: want file name endings such as .go or .sql, got %q", e))
			}
		}
		h.CodeFiles = list
		return err
	},
}

// vocabularyKeys are the keys of the vocabulary: section.
var vocabularyKeys = map[string]func(o *vocab.Options, n *yaml.Node) error{
	"topTerms": func(o *vocab.Options, n *yaml.Node) error {
		v, err := integer(n, "vocabulary.topTerms", 1, vocab.MaxTopTerms)
		if err == nil {
			o.TopTerms = *v
		}
		return err
	},
	"neighbours": func(o *vocab.Options, n *yaml.Node) error {
		v, err := integer(n, "vocabulary.neighbours", 1, vocab.MaxNeighbours)
		if err == nil {
			o.Neighbours = *v
		}
		return err
	},
	"minSimilarity": func(o *vocab.Options, n *yaml.Node) error {
		v, ok := number(n)
		if !ok || v <= 0 || v > 1 {
			return lineErr(n, "vocabulary.minSimilarity: want a number above 0 and at most 1, got "+describe(n))
		}
		o.MinSimilarity = v
		return nil
	},
	"maxShare": func(o *vocab.Options, n *yaml.Node) error {
		v, ok := number(n)
		if !ok || v <= 0 || v > 1 {
			return lineErr(n, "vocabulary.maxShare: want a number above 0 and at most 1, got "+describe(n))
		}
		o.MaxShare = v
		return nil
	},
}

// dirNames reads a list of directory names: one path segment each.
func dirNames(n *yaml.Node, key string) ([]string, error) {
	list, err := stringList(n)
	if err != nil {
		return nil, err
	}
	for i, d := range list {
		if d == "" || d == "." || d == ".." || strings.ContainsAny(d, `/\*?[`) {
			return nil, lineErr(n.Content[i], fmt.Sprintf("%s: want directory names (one path segment, no patterns), got %q", key, d))
		}
	}
	return list, nil
}

// relative checks a path the file gives: the repository's own file
// may only name places inside the repository (flags may point anywhere).
func (f *File) relative(n *yaml.Node, key string) error {
	if err := repo.CheckRelative(n.Value); err != nil {
		return lineErr(n, key+": "+err.Error())
	}
	if f.pathLines == nil {
		f.pathLines = map[string]int{}
	}
	f.pathLines[key] = n.Line
	return nil
}

// checkPatterns checks package patterns: path.Match globs, "/**" for a
// subtree.
func checkPatterns(n *yaml.Node, list []string, key string) error {
	for i, p := range list {
		if err := cluster.CheckPattern(p); err != nil {
			return lineErr(n.Content[i], key+": "+err.Error())
		}
	}
	return nil
}

// MaxTolerance bounds a metric's tolerance: every metric lies within a
// few units, so a larger one turns the check off by accident.
const MaxTolerance = 1000.0

// number reads a finite number: YAML's .nan and .inf are not numbers a
// setting can take.
func number(n *yaml.Node) (float64, bool) {
	var v float64
	if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

func scalar(n *yaml.Node, key string, dst *string) error {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Value == "" {
		return lineErr(n, key+": want a string, got "+describe(n))
	}
	*dst = n.Value
	return nil
}

func integer(n *yaml.Node, key string, least, most int) (*int, error) {
	var v int
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&v) != nil {
		return nil, lineErr(n, key+": want a whole number, got "+describe(n))
	}
	if v < least || v > most {
		return nil, lineErr(n, fmt.Sprintf("%s: want %d..%d, got %d", key, least, most, v))
	}
	return &v, nil
}

// mapping decodes a nested section with its own table of keys.
func mapping[T any](n *yaml.Node, section string, dst *T, keys map[string]func(*T, *yaml.Node) error) error {
	if n.Kind != yaml.MappingNode {
		return lineErr(n, section+": want a mapping, got "+describe(n))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		decode, ok := keys[k.Value]
		if !ok {
			known := make([]string, 0, len(keys))
			for name := range keys {
				known = append(known, name)
			}
			sort.Strings(known)
			return lineErr(k, fmt.Sprintf("unknown key %q in %s (known keys: %s)", k.Value, section, strings.Join(known, ", ")))
		}
		if err := decode(dst, v); err != nil {
			return err
		}
	}
	return nil
}

// boolean reads a true or false, or says on which line it is neither.
func boolean(n *yaml.Node, key string) (*bool, error) {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
		return nil, lineErr(n, key+": want true or false, got "+describe(n))
	}
	return &b, nil
}

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
