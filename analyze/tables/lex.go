package tables

import "strings"

// tokKind classifies a lexical sqlTok of SQL text.
type tokKind uint8

const (
	tSpace   tokKind = iota
	tComment         // -- to end of line, /* */, and # in MySQL
	tWord            // identifier or keyword
	tQuoted          // "ident" (not MySQL) or `ident`
	tString          // '...', E'...', and "..." in MySQL
	tDollar          // $$ body $$ or $tag$ body $tag$
	tNumber
	tParam // $1, ?, :name
	tPunct // one character, or the cast operator ::
	tSemi
)

// sqlTok is a half-open byte range of the input; tokens cover the input
// without gaps, which is what lets Split report exact offsets.
type sqlTok struct {
	kind       tokKind
	start, end int
}

// lex cuts s into tokens. mysql switches on the MySQL rules that change
// what a character means: backslash escapes in strings, "..." as a string
// and # comments. Unterminated quotes and comments run to the end of the
// input rather than failing, because SQL built in Go is often a fragment.
func lex(s string, mysql bool) []sqlTok {
	toks := make([]sqlTok, 0, len(s)/4+1)
	i := 0
	for i < len(s) {
		c := s[i]
		start := i
		kind := tPunct
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			for i < len(s) && strings.IndexByte(" \t\n\r\f\v", s[i]) >= 0 {
				i++
			}
			kind = tSpace
		case c == '-' && i+1 < len(s) && s[i+1] == '-', mysql && c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			kind = tComment
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += 2 + end + 2
			}
			kind = tComment
		case c == '\'':
			i = quoted(s, i, '\'', mysql)
			kind = tString
		case (c == 'E' || c == 'e') && i+1 < len(s) && s[i+1] == '\'':
			i = quoted(s, i+1, '\'', true)
			kind = tString
		case c == '"':
			i = quoted(s, i, '"', mysql)
			kind = tQuoted
			if mysql {
				kind = tString
			}
		case c == '`':
			i = quoted(s, i, '`', false)
			kind = tQuoted
		case c == '$':
			i, kind = dollar(s, i)
		case c == '?':
			i++
			kind = tParam
		case c == ':' && i+1 < len(s) && s[i+1] == ':':
			i += 2
		case c == ':' && i+1 < len(s) && isIdentStart(s[i+1]):
			i++
			for i < len(s) && isIdentPart(s[i]) {
				i++
			}
			kind = tParam
		case c == ';':
			i++
			kind = tSemi
		case c >= '0' && c <= '9':
			for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || isIdentStart(s[i])) {
				i++
			}
			kind = tNumber
		case isIdentStart(c):
			for i < len(s) && isIdentPart(s[i]) {
				i++
			}
			kind = tWord
		default:
			i++
		}
		toks = append(toks, sqlTok{kind, start, i})
	}
	return toks
}

// quoted returns the end of a quoted run starting at s[i] == q. A doubled
// quote escapes it; with backslash set, so does a backslash.
func quoted(s string, i int, q byte, backslash bool) int {
	i++
	for i < len(s) {
		switch s[i] {
		case '\\':
			if backslash {
				i += 2
				continue
			}
		case q:
			if i+1 < len(s) && s[i+1] == q {
				i += 2
				continue
			}
			return i + 1
		}
		i++
	}
	return len(s)
}

// dollar reads what starts with '$': a positional parameter ($1), a
// dollar-quoted body ($$...$$, $tag$...$tag$), or a lone dollar sign.
func dollar(s string, i int) (int, tokKind) {
	j := i + 1
	if j < len(s) && s[j] >= '0' && s[j] <= '9' {
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		return j, tParam
	}
	for j < len(s) && s[j] != '$' && isIdentPart(s[j]) && s[j] != '$' {
		j++
	}
	if j >= len(s) || s[j] != '$' || (j > i+1 && !isIdentStart(s[i+1])) {
		return i + 1, tPunct
	}
	tag := s[i : j+1]
	end := strings.Index(s[j+1:], tag)
	if end < 0 {
		return len(s), tDollar
	}
	return j + 1 + end + len(tag), tDollar
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '$'
}

// trivia reports tokens that carry no meaning for table extraction.
func (t sqlTok) trivia() bool { return t.kind == tSpace || t.kind == tComment }

// Piece is one statement of a SQL text: Text is s[Start:End], without the
// surrounding whitespace, comments and the terminating semicolon.
type Piece struct {
	Start, End int
	Text       string
}

// Split cuts SQL text into statements at semicolons that are outside
// quotes, comments and dollar-quoted bodies. A CREATE TRIGGER body
// (BEGIN ... END, as SQLite and MySQL write it) stays in one piece
// because its inner semicolons end statements of the body, not the
// trigger. Pieces holding only whitespace and comments are dropped.
func Split(s string, mysql bool) []Piece {
	return splitTokens(s, lex(s, mysql))
}

func splitTokens(s string, toks []sqlTok) []Piece {
	var out []Piece
	first, last := -1, -1 // sqlTok indexes of the current piece's extent
	words := 0            // significant words seen in the current piece
	trigger := false
	depth := 0 // BEGIN/CASE nesting inside a trigger body
	flush := func() {
		if first >= 0 {
			out = append(out, Piece{toks[first].start, toks[last].end, s[toks[first].start:toks[last].end]})
		}
		first, last, words, trigger, depth = -1, -1, 0, false, 0
	}
	for i, t := range toks {
		if t.kind == tSemi && depth == 0 {
			flush()
			continue
		}
		if t.trivia() {
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
		if t.kind != tWord {
			continue
		}
		words++
		w := s[t.start:t.end]
		if words <= 6 && strings.EqualFold(w, "trigger") {
			trigger = true
		}
		if !trigger {
			continue
		}
		switch {
		case strings.EqualFold(w, "begin"), strings.EqualFold(w, "case") && depth > 0:
			depth++
		case strings.EqualFold(w, "end") && depth > 0:
			depth--
		}
	}
	flush()
	return out
}
