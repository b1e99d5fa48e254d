package leiden

import (
	"fmt"
	"testing"
)

// The benchmarks cluster fused-like graphs with 16 restarts, as seams
// does; BenchmarkGonum runs gonum's Louvain on the same graphs, the way
// seams runs it today, for the ratio. Compare with
//
//	go test -bench . -benchtime 3x -count 3 ./graph/leiden/

var benchSizes = []int{1000, 2000, 4000, 8000}

func BenchmarkRestarts(b *testing.B) {
	for _, n := range benchSizes {
		tg := fusedLike(uint64(n), n)
		g := tg.graph()
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				restarts(b, g, 1, 1, 16)
			}
		})
	}
}

// BenchmarkNewGraph is the cost of building the graph from its edges.
func BenchmarkNewGraph(b *testing.B) {
	for _, n := range benchSizes {
		tg := fusedLike(uint64(n), n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := NewGraph(tg.n, tg.edges); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkGonum(b *testing.B) {
	for _, n := range benchSizes[:3] { // 8,000 nodes take too long
		og := newOrdered(fusedLike(uint64(n), n))
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				parallelGonumBest(og, 1, 1, 16)
			}
		})
	}
}
