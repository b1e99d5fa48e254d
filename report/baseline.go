package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// BaselineSchema names the version of the baseline file format.
const BaselineSchema = "seams-baseline/v1"

// Baseline is the accepted state of a repository's seams, committed to the
// repository (by default .seams/baseline.json) so that CI can fail a
// change that makes coupling worse. Like ArchUnit's frozen rules, it
// records what exists today, so that only new violations fail a build.
type Baseline struct {
	Schema string `json:"schema"`
	// Head is the commit the baseline was taken at, if any.
	Head string `json:"head,omitempty"`
	// Signals are the signals the baseline was measured with; check uses
	// the same ones, or its metrics would not compare.
	Signals []string `json:"signals"`
	// Contexts is the accepted partition.
	Contexts []BaselineContext `json:"contexts"`
	// Shared lists the shared-kernel packages, Unplaced the packages with
	// no coupling at all: both are known, not new.
	Shared   []string `json:"shared"`
	Unplaced []string `json:"unplaced"`
	// CrossImports are the package imports between contexts that exist
	// today, frozen: only new ones are findings.
	CrossImports []BaselineImport `json:"crossImports"`
	// SharedWriteTables are the tables written by more than one context.
	SharedWriteTables []BaselineTable `json:"sharedWriteTables"`
	// Cycles are the pairs of contexts that import each other, directly
	// or through others.
	Cycles [][2]string `json:"cycles"`
	// Metrics are the partition's metrics when the baseline was taken.
	Metrics Metrics `json:"metrics"`
}

// BaselineContext is one accepted context.
type BaselineContext struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Packages []string `json:"packages"`
}

// BaselineImport is a frozen import between two contexts.
type BaselineImport struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// BaselineTable is a frozen table written by several contexts.
type BaselineTable struct {
	Name     string   `json:"name"`
	Contexts []string `json:"contexts"` // ids of the contexts writing it, sorted
}

// EncodeBaseline returns the baseline as indented JSON.
func EncodeBaseline(b *Baseline) ([]byte, error) {
	c := *b
	c.Schema = BaselineSchema
	if c.Contexts == nil {
		c.Contexts = []BaselineContext{}
	}
	if c.Shared == nil {
		c.Shared = []string{}
	}
	if c.Unplaced == nil {
		c.Unplaced = []string{}
	}
	if c.CrossImports == nil {
		c.CrossImports = []BaselineImport{}
	}
	if c.SharedWriteTables == nil {
		c.SharedWriteTables = []BaselineTable{}
	}
	if c.Signals == nil {
		c.Signals = []string{}
	}
	if c.Cycles == nil {
		c.Cycles = [][2]string{}
	}
	return indentJSON(&c)
}

// DecodeBaseline reads a baseline and checks its schema.
func DecodeBaseline(r io.Reader) (*Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(r)
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	if b.Schema != BaselineSchema {
		return nil, fmt.Errorf("reading baseline: schema %q, want %q", b.Schema, BaselineSchema)
	}
	return &b, nil
}

// Finding is one thing that got worse (or better) against the baseline.
type Finding struct {
	// Kind is one of "cross-import", "shared-write", "cycle", "metric";
	// Improved marks what got better, which never fails a build.
	Kind     string `json:"kind"`
	Improved bool   `json:"improved,omitempty"`
	Message  string `json:"message"`
	// Where is file:line when the finding has a place in the code.
	Where string `json:"where,omitempty"`
}
