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

func encode(v any, indent string) ([]byte, error) {
	if err := normalize(reflect.ValueOf(v), "$"); err != nil {
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

// normalize makes nil lists and maps empty and rejects non-finite
// numbers; path names v in errors, in JSON field names.
func normalize(v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return normalize(v.Elem(), path)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name := jsonName(f)
			if !f.IsExported() || name == "-" {
				continue
			}
			field := path + "." + name
			if f.Anonymous {
				field = path
			}
			if err := normalize(v.Field(i), field); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			if v.CanSet() {
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			}
			return nil
		}
		fallthrough
	case reflect.Array:
		for i := range v.Len() {
			if err := normalize(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.IsNil() {
			if v.CanSet() {
				v.Set(reflect.MakeMap(v.Type()))
			}
			return nil
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			// Map values are not addressable: normalize a copy and put it back.
			c := reflect.New(v.Type().Elem()).Elem()
			c.Set(v.MapIndex(k))
			if err := normalize(c, fmt.Sprintf("%s.%v", path, k)); err != nil {
				return err
			}
			v.SetMapIndex(k, c)
		}
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("%s is %v: a figure that cannot be computed must be left out, not written", path, f)
		}
	}
	return nil
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
