package wire

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var w Writer
	w.Uint(math.MaxUint64)
	w.Int(-7)
	w.Int(math.MaxInt32)
	w.String("héllo")
	w.Strings([]string{"a", "", "b"})
	w.Strings(nil)
	w.Bool(true)
	w.Bool(false)
	w.Byte(0xfe)
	w.Raw([]byte{1, 2, 3})
	for _, share := range []bool{false, true} {
		testRead(t, w.B, share)
	}
}

func testRead(t *testing.T, b []byte, share bool) {
	t.Helper()
	r := NewReader(b)
	if share {
		r.ShareStrings()
	}
	if v := r.Uint(); v != math.MaxUint64 {
		t.Errorf("Uint = %d", v)
	}
	if v := r.Int(); v != -7 {
		t.Errorf("Int = %d", v)
	}
	if v := r.Int32(); v != math.MaxInt32 {
		t.Errorf("Int32 = %d", v)
	}
	if v := r.String(); v != "héllo" {
		t.Errorf("String = %q", v)
	}
	if v := r.Strings(); !slices.Equal(v, []string{"a", "", "b"}) {
		t.Errorf("Strings = %q", v)
	}
	if v := r.Strings(); v != nil {
		t.Errorf("empty Strings = %q, want nil", v)
	}
	if !r.Bool() || r.Bool() {
		t.Error("Bool round trip")
	}
	if v := r.Byte(); v != 0xfe {
		t.Errorf("Byte = %x", v)
	}
	var raw [3]byte
	if r.Raw(raw[:]); raw != [3]byte{1, 2, 3} {
		t.Errorf("Raw = %v", raw)
	}
	if err := r.Done(); err != nil {
		t.Error(err)
	}
}

func TestMalformed(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []byte
		read func(r *Reader)
	}{
		{"empty", nil, func(r *Reader) { _ = r.Uint() }},
		{"huge length", []byte{0xff, 0xff, 0xff, 0xff, 0x0f, 'a'}, func(r *Reader) { _ = r.String() }},
		{"huge count", []byte{0xff, 0xff, 0x03}, func(r *Reader) { _ = r.Strings() }},
		{"not a bool", []byte{2}, func(r *Reader) { _ = r.Bool() }},
		{"no byte", nil, func(r *Reader) { _ = r.Byte() }},
		{"short raw", []byte{1}, func(r *Reader) { r.Raw(make([]byte, 2)) }},
		{"shared string past the end", []byte{5, 'a'}, func(r *Reader) { r.ShareStrings(); _ = r.String() }},
		{"int32 overflow", (&Writer{}).appendInt(math.MaxInt32 + 1), func(r *Reader) { _ = r.Int32() }},
		{"trailing bytes", []byte{1, 2}, func(r *Reader) { _ = r.Uint() }},
	} {
		r := NewReader(tc.in)
		tc.read(r)
		if err := r.Done(); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: error %v, want ErrMalformed", tc.name, err)
		}
		// After an error every read is a zero value.
		if r.Uint() != 0 || r.String() != "" || r.Bool() {
			t.Errorf("%s: reads after an error are not zero", tc.name)
		}
	}
}

func (w *Writer) appendInt(v int64) []byte { w.Int(v); return w.B }
