package schema_test

import (
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/seams-tool/seams/report/schema"
)

// TestJSONDocCoversModel holds docs/json.md to the model: every JSON field
// reachable from schema.Model must be named there in backticks, so a
// field added to the types without a word in the documentation fails.
func TestJSONDocCoversModel(t *testing.T) {
	doc, err := os.ReadFile("../../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string][]string{} // JSON name -> the paths it is found at
	jsonFields(reflect.TypeFor[schema.Model](), "$", map[reflect.Type]bool{}, fields)
	// The walk must reach through embedding (status), pointers (elapsedMs)
	// and pointers to slices of structs (older), or it proves nothing.
	for _, deep := range []string{"status", "elapsedMs", "older"} {
		if fields[deep] == nil {
			t.Fatalf("the walk of schema.Model did not reach %q", deep)
		}
	}
	var missing []string
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if !strings.Contains(string(doc), "`"+name+"`") {
			missing = append(missing, name+" (at "+strings.Join(fields[name], ", ")+")")
		}
	}
	if len(missing) > 0 {
		t.Errorf("docs/json.md does not name %d field(s) of the model in backticks:\n\t%s",
			len(missing), strings.Join(missing, "\n\t"))
	}
	// Each top-level key is in the example object and has a section.
	for f := range reflect.TypeFor[schema.Model]().Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !strings.Contains(string(doc), "\n  \""+name+"\": ") {
			t.Errorf("docs/json.md: the example object lacks the top-level key %q", name)
		}
		if !strings.Contains(string(doc), "\n## `"+name+"`\n") {
			t.Errorf("docs/json.md: no section ## `%s`", name)
		}
	}
}

// jsonFields records in fields every JSON field name of type typ and of
// the types it holds (through pointers, slices, arrays and map values),
// with each path it is found at, as encoding/json names the fields.
// inside holds the struct types being walked, to keep recursive types
// finite.
func jsonFields(typ reflect.Type, path string, inside map[reflect.Type]bool, fields map[string][]string) {
	switch typ.Kind() {
	case reflect.Pointer:
		jsonFields(typ.Elem(), path, inside, fields)
		return
	case reflect.Slice, reflect.Array:
		jsonFields(typ.Elem(), path+"[]", inside, fields)
		return
	case reflect.Map:
		jsonFields(typ.Elem(), path+".*", inside, fields)
		return
	case reflect.Struct:
	default:
		return
	}
	if inside[typ] {
		return
	}
	inside[typ] = true
	defer delete(inside, typ)
	for f := range typ.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		embedded := f.Type
		if embedded.Kind() == reflect.Pointer {
			embedded = embedded.Elem()
		}
		if f.Anonymous && name == "" && embedded.Kind() == reflect.Struct {
			// encoding/json promotes an untagged embedded struct's fields,
			// even when its type is unexported.
			jsonFields(embedded, path, inside, fields)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		at := path + "." + name
		fields[name] = append(fields[name], at)
		jsonFields(f.Type, at, inside, fields)
	}
}
