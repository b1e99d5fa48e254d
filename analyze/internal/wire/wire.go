// Package wire is the compact binary encoding of seams' caches: unsigned
// and signed varints, strings and booleans appended to a byte slice, and
// a Reader that checks every length against what is left, so that a
// damaged or hostile cache file can neither crash a run nor make it
// allocate wildly. A Reader records its first error and then reads
// zeros; callers check Err once at the end.
package wire

import (
	"encoding/binary"
	"errors"
)

// Writer appends encoded values to B.
type Writer struct{ B []byte }

// Uint appends v as an unsigned varint.
func (w *Writer) Uint(v uint64) { w.B = binary.AppendUvarint(w.B, v) }

// Int appends v as a signed (zigzag) varint.
func (w *Writer) Int(v int64) { w.B = binary.AppendVarint(w.B, v) }

// Len appends a length or count.
func (w *Writer) Len(n int) { w.Uint(uint64(n)) }

// String appends s, length first.
func (w *Writer) String(s string) {
	w.Len(len(s))
	w.B = append(w.B, s...)
}

// Strings appends a list of strings, count first.
func (w *Writer) Strings(ss []string) {
	w.Len(len(ss))
	for _, s := range ss {
		w.String(s)
	}
}

// Raw appends b as it is: its length is the reader's to know.
func (w *Writer) Raw(b []byte) { w.B = append(w.B, b...) }

// Byte appends one byte.
func (w *Writer) Byte(b byte) { w.B = append(w.B, b) }

// Bool appends v as one byte.
func (w *Writer) Bool(v bool) {
	if v {
		w.B = append(w.B, 1)
	} else {
		w.B = append(w.B, 0)
	}
}

// ErrMalformed is the error of a Reader that ran out of input or met an
// impossible length.
var ErrMalformed = errors.New("malformed cache contents")

// Reader reads what a Writer wrote.
type Reader struct {
	b   []byte
	s   string // all the bytes b started as, as one string, after ShareStrings
	err error
}

// ShareStrings makes the strings r returns slices of one copy of its
// input rather than one allocation each: for inputs of tens of thousands
// of short strings (a history cache's paths), read whole.
func (r *Reader) ShareStrings() { r.s = string(r.b) }

// NewReader reads b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Err is the first error met, nil if none.
func (r *Reader) Err() error { return r.err }

// Done reports an error unless the input was read to its end.
func (r *Reader) Done() error {
	if len(r.b) != 0 {
		r.fail()
	}
	return r.err
}

// Fail records that the input is malformed, as a caller's own check of
// a decoded value found.
func (r *Reader) Fail() { r.fail() }

func (r *Reader) fail() {
	if r.err == nil {
		r.err = ErrMalformed
	}
	r.b = nil
}

// Uint reads an unsigned varint.
func (r *Reader) Uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Int reads a signed varint.
func (r *Reader) Int() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Int32 reads a signed varint that must fit in an int32.
func (r *Reader) Int32() int32 {
	v := r.Int()
	if int64(int32(v)) != v {
		r.fail()
		return 0
	}
	return int32(v)
}

// Len reads a count of items that take at least minSize bytes each: a
// count the rest of the input cannot hold is an error, not an
// allocation. minSize must be a true minimum (1 is always safe): a
// larger one fails well-formed input near its end.
func (r *Reader) Len(minSize int) int {
	v := r.Uint()
	if v > uint64(len(r.b)/max(minSize, 1)) {
		r.fail()
		return 0
	}
	return int(v)
}

// Raw reads n bytes as they are, into p.
func (r *Reader) Raw(p []byte) {
	if len(p) > len(r.b) {
		r.fail()
		clear(p)
		return
	}
	r.b = r.b[copy(p, r.b):]
}

// String reads a string.
func (r *Reader) String() string {
	n := r.Len(1)
	var s string
	if r.s != "" && r.err == nil {
		start := len(r.s) - len(r.b)
		s = r.s[start : start+n]
	} else {
		s = string(r.b[:n])
	}
	r.b = r.b[n:]
	return s
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

// Strings reads a list of strings; nil when empty.
func (r *Reader) Strings() []string {
	n := r.Len(1)
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.String()
	}
	return out
}

// Bool reads a boolean.
func (r *Reader) Bool() bool {
	if len(r.b) == 0 {
		r.fail()
		return false
	}
	v := r.b[0]
	r.b = r.b[1:]
	if v > 1 {
		r.fail()
	}
	return v == 1
}
