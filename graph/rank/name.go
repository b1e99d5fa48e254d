package rank

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/seams-tool/seams/graph"
	"sort"
)

// contextID derives a context's id from its anchor, the member with the
// most code: adding or losing small packages keeps the id.
func contextID(members []string, loc map[string]int) string {
	anchor := members[0]
	for _, m := range members {
		if loc[m] > loc[anchor] || loc[m] == loc[anchor] && m < anchor {
			anchor = m
		}
	}
	sum := sha256.Sum256([]byte(anchor))
	return "c" + hex.EncodeToString(sum[:3])
}

// contextName names a context by what its members share: the path
// segment that holds most of its code, after generic ones (internal, pkg,
// cmd); two segments when the second holds at least a third. Tables name
// a context whose paths say nothing.
func contextName(members []string, loc map[string]int, tables []string) string {
	return contextNameAt(members, loc, tables, 1)
}

// contextNameAt names a context by the first depth meaningful segments
// of its members' paths: plugins, then plugins/inputs, then
// plugins/inputs/cpu, as needed to tell contexts apart.
func contextNameAt(members []string, loc map[string]int, tables []string, depth int) string {
	weight := map[string]int{}
	total := 0
	for _, m := range members {
		seg := graph.Area(m, depth)
		if seg == "" {
			continue
		}
		w := loc[m] + 1
		weight[seg] += w
		total += w
	}
	segs := make([]string, 0, len(weight))
	for s := range weight {
		segs = append(segs, s)
	}
	sort.Slice(segs, func(i, j int) bool {
		if weight[segs[i]] != weight[segs[j]] {
			return weight[segs[i]] > weight[segs[j]]
		}
		return segs[i] < segs[j]
	})
	switch {
	case len(segs) == 0 && len(tables) > 0:
		return tables[0]
	case len(segs) == 0:
		return "root"
	case len(segs) > 1 && 3*weight[segs[1]] >= total:
		return segs[0] + "+" + segs[1]
	}
	return segs[0]
}

// uniqueNames appends -2, -3 to repeated names, in order.
func uniqueNames(names []string) {
	seen := map[string]int{}
	for i, n := range names {
		seen[n]++
		if seen[n] > 1 {
			names[i] = fmt.Sprintf("%s-%d", n, seen[n])
		}
	}
}
