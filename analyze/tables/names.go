package tables

import (
	"path"
	"strings"
)

// mayBeSQL is the cheap first test on a raw Go literal: does it start
// (after spaces, parentheses and comments) with a statement verb?
func mayBeSQL(raw string) bool {
	s := strings.TrimLeft(raw, "`\"")
	for {
		s = strings.TrimLeft(s, " \t\r\n(")
		if strings.HasPrefix(s, `\n`) || strings.HasPrefix(s, `\t`) {
			s = s[2:]
			continue
		}
		if strings.HasPrefix(s, "--") {
			if i := strings.IndexAny(s, "\n"); i >= 0 {
				s = s[i+1:]
				continue
			}
			return false
		}
		break
	}
	end := 0
	for end < len(s) && end < 9 && isIdentStart(s[end]) {
		end++
	}
	return sqlVerbs[strings.ToUpper(s[:end])]
}

var sqlVerbs = setOf("SELECT INSERT UPDATE DELETE WITH CREATE ALTER DROP REPLACE MERGE TRUNCATE CALL")

// importName guesses the name a package is referred to by when it is
// imported without an alias: the last path element, minus a major
// version suffix (/v2), a gopkg.in suffix (.v1) and a go- prefix.
func importName(p string) string {
	base := path.Base(p)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		base = path.Base(path.Dir(p))
	}
	if i := strings.Index(base, ".v"); i > 0 {
		base = base[:i]
	}
	base = strings.TrimPrefix(base, "go-")
	return strings.ReplaceAll(base, "-", "")
}

// hasLit reports whether the expression holds a string literal, so that
// `a + b` on numbers or plain references does not become a root.
func hasLit(s *sexpr) bool {
	if s == nil {
		return false
	}
	if s.op == 'l' {
		return true
	}
	for _, k := range s.kids {
		if hasLit(k) {
			return true
		}
	}
	return false
}
