package main

import (
	"fmt"
	"strings"
)

// didYouMean returns ` (did you mean "x"?)` for the option closest to
// word by edit distance, when one is close enough to be a typo, and ""
// otherwise; prefix goes before the suggestion ("-" for flags).
func didYouMean(word string, options []string, prefix string) string {
	best, bestDist := "", 0
	for _, o := range options {
		d := editDistance(strings.ToLower(word), strings.ToLower(o))
		if best == "" || d < bestDist || d == bestDist && o < best {
			best, bestDist = o, d
		}
	}
	// A third of the word may be wrong, and at least one letter.
	if best == "" || bestDist > max(1, len(word)/3) || bestDist >= len(word) {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", prefix+best)
}

// editDistance is the Levenshtein distance between a and b, by bytes:
// commands and flags are ASCII.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
