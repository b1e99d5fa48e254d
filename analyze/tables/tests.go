package tables

import (
	"path"
	"strings"
)

// TestDirs are the directory names whose files are tests or their
// fixtures wherever they sit in a path: their SQL is test SQL.
var TestDirs = []string{"testdata", "test", "tests", "sqltest", "testing"}

// inTestDir reports whether a path (relative to the root) lies in one
// of the TestDirs.
func inTestDir(rel string) bool {
	for _, part := range strings.Split(path.Dir(rel), "/") {
		for _, d := range TestDirs {
			if part == d {
				return true
			}
		}
	}
	return false
}

// pgTAPCalls are the calls only a pgTAP test file makes.
var pgTAPCalls = []string{"select plan(", "select no_plan(", "select * from finish(", "select finish(",
	"has_table(", "has_column(", "has_function(", "select ok(", "select is(", "select isnt(",
	"results_eq(", "throws_ok(", "lives_ok(", "set_eq("}

// pgTAP reports whether a .sql file is a pgTAP test.
func pgTAP(text string) bool {
	low := strings.ToLower(firstBytes(text, 1<<16))
	low = strings.Join(strings.Fields(low), " ")
	for _, c := range pgTAPCalls {
		if strings.Contains(low, c) {
			return true
		}
	}
	return false
}

// markTestPackages marks the functions and roots of test-only packages
// (every Go file added was a test) as tests.
func (f *finisher) markTestPackages() {
	for _, dir := range f.dirs {
		p := f.c.pkgs[dir]
		if p.files == 0 || p.files != p.testFiles {
			continue
		}
		p.testOnly = true
		for _, fi := range p.funcs {
			fi.test = true
		}
		for _, r := range p.roots {
			r.test = true
		}
	}
}

// keep reports whether a statement counts, given Options.Tests and
// Options.NoGenerated.
func (f *finisher) keep(s *stmt) bool {
	return (!s.Test || f.c.opt.Tests) && (!s.Generated || !f.c.opt.NoGenerated)
}
