package filegroups

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/seams-tool/seams/graph/leiden"
)

// File is one file of the package: its name in the package's directory
// and its lines of code.
type File struct {
	Name string
	LOC  int
}

// Group is a set of files that belong together.
type Group struct {
	Name  string   // the leading word of most of its lines
	Files []string // sorted
	LOC   int
}

// restarts is how many seeds the clustering tries; the best Q wins.
const restarts = 8

// Groups groups files by the commits that touched them together (each
// commit is the names of the package's files it touched, test files
// included; a commit touching more than maxCommitFiles of them, if
// maxCommitFiles > 0, is a sweep and counts nothing) and by their names.
// Files with neither kind of link form no group. Groups are sorted by
// lines, then name, the Unnamed one last.
func Groups(files []File, commits [][]string, maxCommitFiles int) []Group {
	index := make(map[string]int, len(files))
	for i, f := range files {
		index[f.Name] = i
	}
	// A test file counts as the file it tests, when that file is here.
	subject := func(name string) (int, bool) {
		if i, ok := index[name]; ok {
			return i, true
		}
		if base, ok := strings.CutSuffix(name, "_test.go"); ok {
			i, ok := index[base+".go"]
			return i, ok
		}
		return 0, false
	}
	history := map[[2]int]float64{}
	for _, c := range commits {
		var ids []int
		for _, name := range c {
			if i, ok := subject(name); ok {
				ids = append(ids, i)
			}
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		if maxCommitFiles <= 0 || len(ids) <= maxCommitFiles {
			link(history, ids)
		}
	}
	byWord := map[string][]int{}
	for i, f := range files {
		if w := leadingWord(f.Name); w != "" {
			byWord[w] = append(byWord[w], i)
		}
	}
	names := map[[2]int]float64{}
	for _, w := range slices.Sorted(maps.Keys(byWord)) {
		link(names, byWord[w])
	}
	var edges []leiden.Edge
	for _, layer := range []map[[2]int]float64{history, names} {
		keys := slices.SortedFunc(maps.Keys(layer), func(a, b [2]int) int {
			return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
		})
		total := 0.0
		for _, k := range keys {
			total += layer[k]
		}
		for _, k := range keys {
			edges = append(edges, leiden.Edge{U: k[0], V: k[1], W: layer[k] / total})
		}
	}
	if len(edges) == 0 {
		return nil
	}
	g, err := leiden.NewGraph(len(files), edges)
	if err != nil {
		return nil // the edges are built above and always valid
	}
	runs, err := leiden.Restarts(g, 1, 1, restarts)
	if err != nil || len(runs) == 0 {
		return nil
	}
	best := runs[0]
	for _, r := range runs[1:] {
		if r.Q > best.Q {
			best = r
		}
	}
	linked := make([]bool, len(files))
	for _, e := range edges {
		linked[e.U], linked[e.V] = true, true
	}
	members := map[int][]int{}
	for i, c := range best.Labels {
		if linked[i] {
			members[c] = append(members[c], i)
		}
	}
	var out []Group
	var other Group // the groups of files named by no word (20190324205606.go)
	for _, c := range slices.Sorted(maps.Keys(members)) {
		g := Group{}
		words := map[string]int{}
		for _, i := range members[c] {
			g.Files = append(g.Files, files[i].Name)
			g.LOC += files[i].LOC
			if w := leadingWord(files[i].Name); w != "" {
				words[w] += files[i].LOC + 1
			}
		}
		if len(words) == 0 {
			other.Files = append(other.Files, g.Files...)
			other.LOC += g.LOC
			continue
		}
		slices.Sort(g.Files)
		g.Name = heaviest(words)
		out = append(out, g)
	}
	slices.SortStableFunc(out, func(a, b Group) int {
		return cmp.Or(cmp.Compare(b.LOC, a.LOC), cmp.Compare(a.Name, b.Name))
	})
	tellApart(out)
	if len(other.Files) > 0 {
		slices.Sort(other.Files)
		other.Name = Unnamed
		out = append(out, other)
	}
	return out
}

// link adds 1/(k-1) to each pair of the k ids.
func link(m map[[2]int]float64, ids []int) {
	k := len(ids)
	if k < 2 {
		return
	}
	w := 1 / float64(k-1)
	for x, i := range ids {
		for _, j := range ids[x+1:] {
			m[[2]int{i, j}] += w
		}
	}
}

// Unnamed names the one group of the files whose names hold no word
// (numbered migrations, for one): their history groups them, but nothing
// names what they are about.
const Unnamed = "(unnamed)"

// heaviest is the word of most weight, the first in order among equals.
func heaviest(words map[string]int) string {
	best, name := -1, ""
	for _, w := range slices.Sorted(maps.Keys(words)) {
		if words[w] > best {
			best, name = words[w], w
		}
	}
	return name
}

// tellApart numbers the groups that share a name, the largest first
// keeping it bare.
func tellApart(gs []Group) {
	seen := map[string]int{}
	for i := range gs {
		n := gs[i].Name
		seen[n]++
		if seen[n] > 1 {
			gs[i].Name = n + "-" + strconv.Itoa(seen[n])
		}
	}
}

// leadingWord is the first word of a file's name, lower-case, a plural
// folded: channel_bookmark.go, channels.go and ChannelStore.go all give
// "channel". A _test suffix goes first; a name that begins with a digit
// or with a one-letter word (v2_api.go, HTTPServer.go) has none.
func leadingWord(name string) string {
	name = strings.TrimSuffix(name, ".go")
	name = strings.TrimSuffix(name, "_test")
	end := len(name)
	for i, r := range name {
		if r == '_' || r == '-' || r == '.' || (i > 0 && unicode.IsUpper(r)) || unicode.IsDigit(r) {
			end = i
			break
		}
	}
	w := strings.ToLower(name[:end])
	switch {
	case len(w) < 2:
		return ""
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		w = w[:len(w)-3] + "y"
	// status, alias, analysis, news and access are no plurals.
	case len(w) > 3 && strings.HasSuffix(w, "s") && !hasAnySuffix(w, "ss", "us", "is", "as", "ws"):
		w = w[:len(w)-1]
	}
	return w
}

func hasAnySuffix(s string, suffixes ...string) bool {
	return slices.ContainsFunc(suffixes, func(x string) bool { return strings.HasSuffix(s, x) })
}
