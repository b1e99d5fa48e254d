package main

import (
	"bytes"
	"flag"
	"regexp"
	"strings"
	"testing"
)

// TestProgressStages drives the bar through a run: open-ended stages,
// the history walk finding commits, then its diffs against the final
// total; every stage ends its line, and the end of the run stops it.
func TestProgressStages(t *testing.T) {
	var b bytes.Buffer
	p := &progressBar{w: &b}
	p.update("load", 0, 0)
	p.update("history", 1200, 0)
	p.update("history", 300, 2400)
	p.update("history", 2400, 2400)
	p.update("cluster", 0, 0)
	p.update("", 0, 0)
	if p.quit != nil {
		t.Error("the redraw goroutine still runs after the end of the run")
	}
	// The last draw of each line is what a terminal shows.
	var shown []string
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		draws := strings.Split(line, "\r")
		shown = append(shown, strings.TrimSuffix(draws[len(draws)-1], "\x1b[K"))
	}
	want := []*regexp.Regexp{
		regexp.MustCompile(`^load +[0-9.]+s$`),
		regexp.MustCompile(`^history +\[=+\] 2400/2400 [0-9]+/s [0-9.]+s$`),
		regexp.MustCompile(`^cluster +[0-9.]+s$`),
	}
	if len(shown) != len(want) {
		t.Fatalf("%d lines %q, want %d", len(shown), shown, len(want))
	}
	for i, re := range want {
		if !re.MatchString(shown[i]) {
			t.Errorf("line %d = %q, want %s", i, shown[i], re)
		}
	}
	if !regexp.MustCompile(`history +1200 found`).MatchString(b.String()) {
		t.Errorf("the walk's count is never shown:\n%q", b.String())
	}
	if strings.Contains(b.String(), "/1200") {
		t.Error("the walk's running count was shown as a total")
	}
}

// TestHelpGroupsEveryFlag checks each command's help: its examples, the
// groups in order, and every flag listed exactly once.
func TestHelpGroupsEveryFlag(t *testing.T) {
	for _, c := range commands {
		if c.name == "version" {
			continue
		}
		code, stdout, stderr := seams(t, c.name, "-h")
		help := stdout + stderr
		if code != exitOK || !strings.Contains(help, "Examples:\n  seams "+c.name) {
			t.Errorf("%s -h: exit %d, no examples:\n%s", c.name, code, help)
			continue
		}
		s := newSettings("seams "+c.name, "", &bytes.Buffer{})
		s.fs.VisitAll(func(f *flag.Flag) {
			if n := strings.Count(help, "\n  -"+f.Name+" ") + strings.Count(help, "\n  -"+f.Name+"\n"); n != 1 {
				t.Errorf("%s -h lists -%s %d times", c.name, f.Name, n)
			}
		})
		last := -1
		for _, g := range []string{"Output flags:", "What to read flags:", "History flags:", "Clustering flags:"} {
			i := strings.Index(help, "\n"+g+"\n")
			if i < last {
				t.Errorf("%s -h: %q out of order", c.name, g)
			}
			last = max(last, i)
		}
	}
}
