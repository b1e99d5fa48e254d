package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// EncodeJSON returns the model as indented JSON ending in a newline. Empty
// slices are written as [] rather than null so that readers need no
// special case.
func EncodeJSON(m *Model) ([]byte, error) {
	c := *m
	c.Schema = Schema
	if c.Packages == nil {
		c.Packages = []Package{}
	}
	if c.Imports == nil {
		c.Imports = []Import{}
	}
	if c.Warnings == nil {
		c.Warnings = []Warning{}
	}
	if c.Repo.Modules == nil {
		c.Repo.Modules = []Module{}
	}
	if c.Signals.Imports.Generated == nil {
		c.Signals.Imports.Generated = []string{}
	}
	if c.CoChange == nil {
		c.CoChange = []CoChange{}
	}
	if c.Tables == nil {
		c.Tables = []Table{}
	}
	if c.Contexts == nil {
		c.Contexts = []Context{}
	}
	if c.Unplaced == nil {
		c.Unplaced = []string{}
	}
	return indentJSON(&c)
}

// indentJSON is the one JSON style of every file seams writes: indented,
// ending in a newline, and with < and & left as they are: paths and SQL
// hold them, and \u003c only hurts people reading the file. The HTML
// report escapes on its own.
func indentJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DecodeJSON reads a model written by EncodeJSON and checks its schema.
func DecodeJSON(r io.Reader) (*Model, error) {
	var m Model
	dec := json.NewDecoder(r)
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("reading seams model: %w", err)
	}
	if m.Schema != Schema {
		return nil, fmt.Errorf("reading seams model: schema %q, want %q", m.Schema, Schema)
	}
	return &m, nil
}

// WriteFile writes data to path atomically: readers see the old file or
// the new one, never a mix, and a failed write leaves no debris.
func WriteFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// CreateTemp makes the file 0600; outputs are meant to be shared.
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
