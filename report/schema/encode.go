package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"
)

// Encode returns v, a pointer to one of this package's types, as
// indented JSON ending in a newline. Every nil list and map in v is made
// empty first, so that the file holds [] and {} rather than null, and a
// NaN or infinite number anywhere is an error naming its field: no figure
// may be silently lost or unreadable.
//
// < and & are left as they are: paths and SQL hold them, and \u003c only
// hurts people reading the file. The HTML report escapes on its own.
func Encode(v any) ([]byte, error) { return encode(v, "  ") }

// EncodeCompact is Encode without the indentation, for JSON that only
// programs read: the report page's embedded model, a third smaller and
// written in half the time.
func EncodeCompact(v any) ([]byte, error) { return encode(v, "") }

// Normalize does to v what Encode does before it writes: it makes every
// nil list and map empty and fails on a NaN or infinite number. Encoding
// a normalized value only reads it, so that Encode and EncodeCompact of
// one model, and other readers of it, may run at the same time.
func Normalize(v any) error {
	_, err := normalize(reflect.ValueOf(v))
	return err
}

func encode(v any, indent string) ([]byte, error) {
	if _, err := normalize(reflect.ValueOf(v)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", indent)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// badFigure is a non-finite number found by normalize; path is where, in
// JSON field names, gathered innermost first on the way out (building it
// on the way in cost a string per element of every list).
type badFigure struct {
	path  []string
	value float64
}

func (e *badFigure) Error() string {
	p := "$"
	for i := len(e.path) - 1; i >= 0; i-- {
		p += e.path[i]
	}
	return fmt.Sprintf("%s is %v: a figure that cannot be computed must be left out, not written", p, e.value)
}

// at adds a step of the path to a badFigure.
func at(err error, step func() string) error {
	if e, ok := err.(*badFigure); ok {
		e.path = append(e.path, step())
	}
	return err
}

// normalize makes nil lists and maps empty and rejects non-finite
// numbers (a *badFigure). It reports whether it changed anything, and
// writes nothing into a value that is normalized already.
func normalize(v reflect.Value) (changed bool, err error) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return false, nil
		}
		return normalize(v.Elem())
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name := jsonName(f)
			if !f.IsExported() || name == "-" {
				continue
			}
			c, err := normalize(v.Field(i))
			changed = changed || c
			if err != nil {
				if f.Anonymous {
					return changed, err
				}
				return changed, at(err, func() string { return "." + name })
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			if v.CanSet() {
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
				return true, nil
			}
			return false, nil
		}
		fallthrough
	case reflect.Array:
		for i := range v.Len() {
			c, err := normalize(v.Index(i))
			changed = changed || c
			if err != nil {
				return changed, at(err, func() string { return fmt.Sprintf("[%d]", i) })
			}
		}
	case reflect.Map:
		if v.IsNil() {
			if v.CanSet() {
				v.Set(reflect.MakeMap(v.Type()))
				return true, nil
			}
			return false, nil
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			// Map values are not addressable: normalize a copy and put it
			// back if it changed.
			c := reflect.New(v.Type().Elem()).Elem()
			c.Set(v.MapIndex(k))
			ch, err := normalize(c)
			if err != nil {
				return changed, at(err, func() string { return fmt.Sprintf(".%v", k) })
			}
			if ch {
				v.SetMapIndex(k, c)
				changed = true
			}
		}
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return false, &badFigure{value: f}
		}
	}
	return changed, nil
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}

// DecodeModel reads a model written by Encode and checks its version.
func DecodeModel(r io.Reader) (*Model, error) {
	var m Model
	if err := decode(r, &m, "seams model"); err != nil {
		return nil, err
	}
	return &m, checkVersion("seams model", m.Schema, Version)
}

// DecodeBaseline reads a baseline and checks its version.
func DecodeBaseline(r io.Reader) (*Baseline, error) {
	var b Baseline
	if err := decode(r, &b, "baseline"); err != nil {
		return nil, err
	}
	return &b, checkVersion("baseline", b.Schema, BaselineVersion)
}

// DecodeTrend reads a trend written by Encode and checks its version.
func DecodeTrend(r io.Reader) (*Trend, error) {
	var t Trend
	if err := decode(r, &t, "trend"); err != nil {
		return nil, err
	}
	return &t, checkVersion("trend", t.Schema, TrendVersion)
}

func decode(r io.Reader, v any, what string) error {
	if err := json.NewDecoder(r).Decode(v); err != nil {
		return fmt.Errorf("reading %s: %w", what, err)
	}
	return nil
}

func checkVersion(what, got, want string) error {
	if got != want {
		return fmt.Errorf("reading %s: schema %q, want %q", what, got, want)
	}
	return nil
}
