package analyze

import (
	"cmp"
	"fmt"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/seams-tool/seams/analyze/code"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/filegroups"
	"github.com/seams-tool/seams/report/schema"
)

// A candidate context is a set of whole packages, so a package that holds
// a large share of the code keeps whatever domains it mixes in one context
// (mattermost's app, 34,622 lines, a fifth of its server; gogs'
// internal/database, two fifths of gogs). No clustering can cut inside it:
// the user has to, by its files, before its domains can be told apart.
// Seams proposes how (package graph/filegroups).
const (
	largePackageLines = 5000 // lines of code, tests left out
	largePackageShare = 0.1  // of the analyzed code
)

// largePackages are the packages over both bounds, and the lines of
// code of all packages.
func largePackages(g *code.Graph) (large []*code.Package, total int) {
	for _, p := range g.Packages {
		total += p.LOC
	}
	for _, p := range g.Packages {
		if p.LOC >= largePackageLines && float64(p.LOC) >= largePackageShare*float64(total) {
			large = append(large, p)
		}
	}
	return large, total
}

// groupFiles groups the files of each large package by the commits that
// changed them together (none without history) and by their names. The
// commits count as for co-change: bots' and bulk ones left out. toRoot
// turns a commit's path into one relative to the analyzed root.
func groupFiles(g *code.Graph, commits []cochange.Commit, opt cochange.Options, toRoot func(string) (string, bool)) map[string][]filegroups.Group {
	large, _ := largePackages(g)
	if len(large) == 0 {
		return nil
	}
	byDir := map[string][][]string{}
	for _, p := range large {
		byDir[p.Dir] = nil
	}
	for _, c := range commits {
		if (opt.MaxCommitFiles > 0 && len(c.Files) > opt.MaxCommitFiles) || opt.Bot(c.Author) {
			continue
		}
		touched := map[string][]string{}
		for _, f := range c.Files {
			rel, ok := toRoot(f.Path)
			if !ok {
				continue
			}
			dir := path.Dir(rel)
			if _, ok := byDir[dir]; ok {
				touched[dir] = append(touched[dir], path.Base(rel))
			}
		}
		for dir, names := range touched {
			byDir[dir] = append(byDir[dir], names)
		}
	}
	out := map[string][]filegroups.Group{}
	for _, p := range large {
		files := make([]filegroups.File, len(p.Files))
		for i, f := range p.Files {
			files[i] = filegroups.File{Name: path.Base(f)}
			if i < len(p.FileLOC) {
				files[i].LOC = p.FileLOC[i]
			}
		}
		// The bulk filter above already bounds every commit.
		out[p.Dir] = filegroups.Groups(files, byDir[p.Dir], 0)
	}
	return out
}

// shownGroups is how many groups a warning names.
const shownGroups = 5

// warnLargePackages warns of each package in a context that holds at
// least largePackageLines lines and largePackageShare of the code, and
// says how its files group.
func (a *Analysis) warnLargePackages() {
	if a.Code == nil || a.Partition == nil {
		return
	}
	large, total := largePackages(a.Code)
	for _, p := range large {
		if _, ok := a.Partition.Of[p.Dir]; !ok {
			continue // the shared kernel, tooling and the unplaced are no candidate's
		}
		msg := fmt.Sprintf("%s is one package of %d lines, %d%% of the code: whatever domains it mixes go with it into one context; split it by its files first",
			p.Dir, p.LOC, int(math.Round(100*float64(p.LOC)/float64(total))))
		gs := a.FileGroups[p.Dir]
		grouped := 0
		for _, g := range gs {
			grouped += len(g.Files)
		}
		// The unnamed group says where nothing names the files: not a cut.
		gs = slices.DeleteFunc(slices.Clone(gs), func(g filegroups.Group) bool { return g.Name == filegroups.Unnamed })
		if len(gs) > 1 {
			var parts []string
			for _, g := range gs[:min(len(gs), shownGroups)] {
				parts = append(parts, fmt.Sprintf("%s (%d files, %d lines)", g.Name, len(g.Files), g.LOC))
			}
			more := ""
			if len(gs) > shownGroups {
				more = fmt.Sprintf(" and %d more", len(gs)-shownGroups)
			}
			msg += fmt.Sprintf(": by the commits that change them together and by their names, its files fall into %d groups, the largest %s%s",
				len(gs), strings.Join(parts, ", "), more)
			switch rest := len(p.Files) - grouped; {
			case rest == 1:
				msg += "; 1 file is tied to none"
			case rest > 1:
				msg += fmt.Sprintf("; %d files are tied to none", rest)
			}
			msg += " (packages[].sources[].group)"
			msg += a.partsPlaced(p)
		} else {
			msg += " (the hotspots view shows which of its files change most)"
		}
		a.Warnings = append(a.Warnings, schema.Warning{Signal: "contexts", Where: p.Dir, Message: msg})
	}
}

// partsPlaced says where the parts of a package clustered by its parts
// went, by their lines: "" for a package clustered whole.
func (a *Analysis) partsPlaced(p *code.Package) string {
	names := map[string]string{}
	for _, c := range a.Contexts {
		names[c.ID] = c.Name
	}
	parts := a.partsOf(p, a.contextIDs())
	if len(parts) == 0 {
		return ""
	}
	lines := map[string]int{}
	var order []string
	for _, pt := range parts {
		to := "context " + names[pt.Context]
		switch {
		case pt.Shared != "":
			to = "the shared kernel"
		case pt.Tooling != "":
			to = "tooling"
		case pt.Context == "":
			to = "no context"
		}
		if _, ok := lines[to]; !ok {
			order = append(order, to)
		}
		lines[to] += pt.LOC
	}
	slices.SortStableFunc(order, func(x, y string) int { return cmp.Compare(lines[y], lines[x]) })
	var went []string
	for _, to := range order {
		went = append(went, fmt.Sprintf("%d%% to %s", int(math.Round(100*float64(lines[to])/float64(max(p.LOC, 1)))), to))
	}
	return fmt.Sprintf(". Clustered as these groups, each on its own evidence, its lines went %s; the package is placed with the first (packages[].parts)", strings.Join(went, ", "))
}
