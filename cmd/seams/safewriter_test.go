package main

import (
	"bytes"
	"testing"
)

func TestSafeWriter(t *testing.T) {
	for _, tc := range []struct {
		name   string
		writes []string
		want   string
	}{
		{"plain text passes", []string{"billing\tc1a2b3 ünïcode 日本\n"}, "billing\tc1a2b3 ünïcode 日本\n"},
		{"escape sequence", []string{"\x1b[31mred"}, `\x1b[31mred`},
		{"carriage return and bell", []string{"a\rb\a"}, `a\x0db\x07`},
		{"C1 and bidi", []string{"x\u009by\u202ez\u2066"}, `x\u009by\u202ez\u2066`},
		{"invalid UTF-8", []string{"a\xffb"}, `a\xffb`},
		{"a rune split across writes", []string{"日", "\xe6", "\x9c\xac\n"}, "日本\n"},
		{"a bidi override split across writes", []string{"a\xe2\x80", "\xaeb"}, `a\u202eb`},
		{"a sequence cut off at the end", []string{"a\xe6\x9c"}, `a\xe6\x9c`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			w := safe(&b)
			for _, s := range tc.writes {
				if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
					t.Fatalf("Write(%q) = %d, %v", s, n, err)
				}
			}
			w.flush()
			if b.String() != tc.want {
				t.Errorf("got %q, want %q", b.String(), tc.want)
			}
		})
	}
}

func TestFitLine(t *testing.T) {
	for _, tc := range []struct {
		line  string
		width int
		want  string
	}{
		{"short\n", 40, "short\n"},
		{"1  billing  hot: 36–53% of the window's commits\n", 24, "1  billing  hot: 36–53%…\n"},
		{"日本語のコンテキスト\n", 5, "日本語の…\n"},
		{"no newline at all", 5, "no n…"},
	} {
		if got := fitLine(tc.line, tc.width); got != tc.want {
			t.Errorf("fitLine(%q, %d) = %q, want %q", tc.line, tc.width, got, tc.want)
		}
	}
}
