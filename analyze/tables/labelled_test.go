package tables

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"
)

// labelled is one hand-labelled statement of testdata/sql/labelled.json:
// real SQL quoted from public repositories, with the table set a person
// read off the text ("table:access").
type labelled struct {
	Repo, File, Dialect, SQL, Note string
	Line                           int
	Builder                        string // builder method when SQL is a builder argument
	Want                           []string
}

// TestLabelledAccuracy runs the extractor on every labelled statement and
// fails when fewer than 97% come out with exactly the labelled tables and
// access kinds.
func TestLabelledAccuracy(t *testing.T) {
	b, err := os.ReadFile("../../testdata/sql/labelled.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []labelled
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	repos := map[string]bool{}
	right := 0
	ign := newIgnore(Options{})
	for _, c := range cases {
		repos[c.Repo] = true
		mysql := c.Dialect == "mysql"
		var acc []Access
		if c.Builder != "" {
			_, acc = builderAccess(c.Builder, c.SQL, mysql)
		} else {
			_, acc, _ = understand(c.SQL, mysql)
		}
		got := []string{}
		for _, a := range ign.filter(acc) {
			got = append(got, a.Table+":"+a.Access)
		}
		sort.Strings(got)
		want := append([]string{}, c.Want...)
		sort.Strings(want)
		if strings.Join(got, " ") == strings.Join(want, " ") {
			right++
			continue
		}
		t.Logf("%s %s:%d\n  got  %v\n  want %v", c.Repo, c.File, c.Line, got, want)
	}
	acc := float64(right) / float64(len(cases))
	t.Logf("labelled accuracy: %d/%d = %.1f%% over %d repositories", right, len(cases), 100*acc, len(repos))
	if len(cases) < 60 || len(repos) < 2 {
		t.Fatalf("labelled sample too small: %d statements, %d repositories", len(cases), len(repos))
	}
	if acc < 0.97 {
		t.Fatalf("accuracy %.1f%% < 97%%", 100*acc)
	}
}
