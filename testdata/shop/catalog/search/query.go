package search

import (
	"strings"
	"unicode"
)

const (
	defaultLimit = 20
	maxLimit     = 100
)

// stopWords are dropped before the query reaches PostgreSQL because
// customers type them but they only slow ranking down.
var stopWords = map[string]bool{"the": true, "a": true, "an": true, "for": true, "with": true}

// Normalize lower-cases text, strips punctuation and drops stop words.
func Normalize(text string) string {
	fields := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	kept := fields[:0]
	for _, f := range fields {
		if !stopWords[f] {
			kept = append(kept, f)
		}
	}
	return strings.Join(kept, " ")
}

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return defaultLimit
	case n > maxLimit:
		return maxLimit
	}
	return n
}
