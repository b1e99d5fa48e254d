package main

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// safeWriter escapes what could steer a terminal in text that passes
// through it: control characters but tab and newline (an escape sequence
// in a table name or a directory would otherwise recolour, retitle or
// rewrite the user's terminal), C1 controls, bidirectional overrides
// (which reorder what a reader sees) and invalid UTF-8. seams' own
// messages hold none of them, and JSON escapes control characters
// itself, so only repo-derived text changes; a bidi or C1 character in a
// JSON string becomes its \u escape, which JSON reads back as the same
// character.
type safeWriter struct {
	w io.Writer
	// pending holds the start of a UTF-8 sequence that the last Write
	// split.
	pending []byte
}

// safe wraps w in a safeWriter, unless it is one.
func safe(w io.Writer) *safeWriter {
	if s, ok := w.(*safeWriter); ok {
		return s
	}
	return &safeWriter{w: w}
}

func (s *safeWriter) Write(p []byte) (int, error) {
	data := append(s.pending, p...)
	s.pending = nil
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 && !utf8.FullRune(data[i:]) && len(data)-i < utf8.UTFMax {
			s.pending = append(s.pending, data[i:]...)
			break
		}
		switch {
		case r == utf8.RuneError && size == 1:
			out = fmt.Appendf(out, `\x%02x`, data[i])
		case r == '\n' || r == '\t':
			out = append(out, byte(r))
		case r < 0x20 || r == 0x7f:
			out = fmt.Appendf(out, `\x%02x`, r)
		case r >= 0x80 && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush writes a split sequence that never completed, escaped.
func (s *safeWriter) flush() {
	for _, b := range s.pending {
		fmt.Fprintf(s.w, `\x%02x`, b)
	}
	s.pending = nil
}
