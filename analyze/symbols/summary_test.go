package symbols

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/seams-tool/seams/analyze/internal/wire"
)

// TestSummaryRoundTrip: a collector fed summaries that went through
// MarshalBinary and UnmarshalBinary finishes exactly as one fed the
// syntax trees.
func TestSummaryRoundTrip(t *testing.T) {
	fsets, files := parseFiles(t, "testdata/mod", repoFiles(t, "testdata/mod", true))
	want := collect(fsets, files)
	c := NewCollector()
	for i, p := range files {
		s := Summarize(p.rel, fsets[i], p.f)
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Summary
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatalf("%s: %v", p.rel, err)
		}
		if again, _ := back.MarshalBinary(); !bytes.Equal(again, b) {
			t.Errorf("%s: the summary changed in the round trip", p.rel)
		}
		c.AddSummary(p.dir, p.importPath, p.rel, &back)
	}
	if got := c.Finish(); !reflect.DeepEqual(got, want) {
		t.Error("the result from decoded summaries differs from the one from syntax trees")
	}

	// A skipped file stays skipped.
	skipped := Summarize("x.go", nil, nil)
	b, _ := skipped.MarshalBinary()
	var back Summary
	if err := back.UnmarshalBinary(b); err != nil || back.skipped != skipped.skipped {
		t.Errorf("skipped summary: %v, %q", err, back.skipped)
	}
}

// TestSummaryDamaged: truncated or altered encodings are errors, never a
// summary Finish could trip on.
func TestSummaryDamaged(t *testing.T) {
	fsets, files := parseFiles(t, "testdata/mod", repoFiles(t, "testdata/mod", true))
	b, _ := Summarize(files[0].rel, fsets[0], files[0].f).MarshalBinary()
	for n := range len(b) {
		var s Summary
		if err := s.UnmarshalBinary(b[:n]); !errors.Is(err, wire.ErrMalformed) {
			t.Fatalf("truncated at %d of %d bytes: error %v", n, len(b), err)
		}
	}
	for i := range b {
		alt := append([]byte(nil), b...)
		alt[i] ^= 0x40
		var s Summary
		if s.UnmarshalBinary(alt) != nil {
			continue
		}
		c := NewCollector()
		c.AddSummary("x", "example.com/x", "x/x.go", &s)
		c.Finish() // must not panic
	}
}
