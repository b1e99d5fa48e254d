package vocab

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitWords cuts an identifier, path segment or identifier-like string
// into its lower-cased words: at every rune that is not a letter or digit
// (snake_case, kebab-case, dots), at lower-to-upper steps (camelCase), at
// the end of an upper-case run before a capitalized word (HTTPServer ->
// http, server; PRNumber -> pr, number), and between letters and digits.
// Digit runs are dropped. A lone lower-case "s" after an upper-case run
// stays with it (IDs, URLsFor), since it is the acronym's plural.
func splitWords(s string, out []string) []string {
	w := newWords(s, nil)
	for i := range w.spans {
		out = append(out, w.word(i))
	}
	return out
}

// words is a text cut into words (see splitWords). For ASCII text every
// word, and every run of adjacent words, is a substring of one
// lower-cased copy, so that cutting allocates at most that copy.
type words struct {
	text, low string // low is "" unless text is ASCII
	spans     []span
}

type span struct{ start, end int }

func newWords(s string, spans []span) words {
	w := words{text: s, spans: splitSpans(s, spans[:0])}
	if isASCII(s) {
		w.low = lower(s)
	}
	return w
}

// word is the i-th word, lower-cased.
func (w *words) word(i int) string {
	sp := w.spans[i]
	if w.low != "" {
		return w.low[sp.start:sp.end]
	}
	return strings.ToLower(w.text[sp.start:sp.end])
}

// joined is words i to j-1 run together, lower-cased.
func (w *words) joined(i, j int) string {
	if w.low != "" {
		contiguous := true
		for k := i + 1; k < j; k++ {
			contiguous = contiguous && w.spans[k].start == w.spans[k-1].end
		}
		if contiguous {
			return w.low[w.spans[i].start:w.spans[j-1].end]
		}
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		b.WriteString(w.word(k))
	}
	return b.String()
}

func splitSpans(s string, out []span) []span {
	start := -1 // start of the current word, -1 outside one
	prevClass := classOther
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		class := classify(r)
		if class == classOther {
			out = emit(out, start, i, prevClass)
			start, prevClass = -1, classOther
			i += size
			continue
		}
		if start >= 0 && boundary(s, i+size, prevClass, class) {
			out = emit(out, start, i, prevClass)
			start = i
		}
		if start < 0 {
			start = i
		}
		prevClass = class
		i += size
	}
	return emit(out, start, len(s), prevClass)
}

const (
	classOther = iota
	classLower
	classUpper
	classDigit
)

// asciiClass is classify for ASCII, as a table: it runs for every byte
// of every name.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = classLower
		case 'A' <= c && c <= 'Z':
			t[c] = classUpper
		case '0' <= c && c <= '9':
			t[c] = classDigit
		}
	}
	return t
}()

func classify(r rune) int {
	switch {
	case r < utf8.RuneSelf:
		return int(asciiClass[r])
	case unicode.IsUpper(r):
		return classUpper
	case unicode.IsLetter(r):
		return classLower
	case unicode.IsDigit(r):
		return classDigit
	}
	return classOther
}

// boundary reports whether a word starts at the rune of class cur whose
// successor begins at s[next:].
func boundary(s string, next int, prevClass, cur int) bool {
	switch {
	case (prevClass == classDigit) != (cur == classDigit):
		return true
	case prevClass == classLower && cur == classUpper:
		return true
	case prevClass == classUpper && cur == classUpper:
		// The last capital of a run starts the next word when a lower-case
		// letter follows it: HTTP|Server. Not so for a plural "s" ending
		// the run: IDs, URLsFor.
		n := nextClass(s, next)
		if n != classLower {
			return false
		}
		if s[next] == 's' && nextClass(s, next+1) != classLower {
			return false
		}
		return true
	}
	return false
}

func nextClass(s string, i int) int {
	if i >= len(s) {
		return classOther
	}
	r := rune(s[i])
	if r >= utf8.RuneSelf {
		r, _ = utf8.DecodeRuneInString(s[i:])
	}
	return classify(r)
}

// emit appends the span start:end, unless it is empty or digits.
func emit(out []span, start, end, lastClass int) []span {
	if start < 0 || start >= end || lastClass == classDigit {
		return out
	}
	return append(out, span{start, end})
}

// lower is strings.ToLower without an allocation for words already lower.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// identifierLike reports whether the text of a string literal (quotes
// included, as in ast.BasicLit.Value) names something the way an
// identifier does: "pull_request", "pipelineTrigger", "repo.created",
// "X-Request-ID". Prose and SQL (spaces), URLs and paths (slashes,
// colons), format strings (%), templates ({) and escapes are not; nor are
// version numbers, hashes and other strings that are mostly digits.
func identifierLike(lit string) (string, bool) {
	if len(lit) < 4 || len(lit) > 66 {
		return "", false
	}
	s := lit[1 : len(lit)-1]
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			letters++
		case '0' <= c && c <= '9':
		case c == '_' || c == '-' || c == '.':
			if i == 0 || i == len(s)-1 || s[i-1] == '.' && c == '.' {
				return "", false
			}
		default:
			return "", false
		}
	}
	first := s[0]
	if !('a' <= first && first <= 'z' || 'A' <= first && first <= 'Z') || 2*letters < len(s) {
		return "", false
	}
	return s, true
}
