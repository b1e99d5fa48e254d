package symbols

import (
	"go/ast"
	"go/token"
	"strings"
)

// importNames are the names an import is known by in Go source when it
// has none of its own and its package clause is not known: the last
// path element, without a version suffix (/v2, .v3), a go- prefix or a
// -go suffix. It may hold several guesses (k8s.io/api/core/v1 is package
// v1; github.com/x/y/v2 is package y), all of which are tried.
func importNames(path string) []string {
	elems := strings.Split(path, "/")
	last := elems[len(elems)-1]
	var out []string
	add := func(s string) {
		if i := strings.LastIndex(s, ".v"); i > 0 && isDigits(s[i+2:]) {
			s = s[:i] // gopkg.in/yaml.v3
		}
		s = strings.TrimPrefix(s, "go-")
		s = strings.TrimPrefix(s, "go.")
		s = strings.TrimSuffix(s, "-go")
		s = strings.TrimSuffix(s, ".go")
		if token.IsIdentifier(s) {
			out = append(out, s)
			return
		}
		// github.com/gogs/git-module is package git; nats-server, server.
		if i := strings.IndexAny(s, "-."); i > 0 && token.IsIdentifier(s[:i]) {
			out = append(out, s[:i])
		}
		if i := strings.LastIndexAny(s, "-."); i >= 0 && token.IsIdentifier(s[i+1:]) {
			out = append(out, s[i+1:])
		}
		if j := strings.Map(func(r rune) rune {
			if r == '-' || r == '.' {
				return -1
			}
			return r
		}, s); token.IsIdentifier(j) {
			out = append(out, j)
		}
	}
	add(last)
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && isDigits(last[1:]) {
		add(elems[len(elems)-2])
	}
	return out
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// recvName is the type name of a receiver: *List[T] -> List.
func recvName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// recvTypeParams are the type parameter names of a receiver: *Map[K, V]
// -> K, V.
func recvTypeParams(e ast.Expr) []string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			if id, ok := t.Index.(*ast.Ident); ok {
				return []string{id.Name}
			}
			return nil
		case *ast.IndexListExpr:
			var out []string
			for _, x := range t.Indices {
				if id, ok := x.(*ast.Ident); ok {
					out = append(out, id.Name)
				}
			}
			return out
		default:
			return nil
		}
	}
}

// embeddedName is the name an embedded field takes from its type:
// pkg.Base -> Base, *Base -> Base, List[T] -> List.
func embeddedName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.SelectorExpr:
			return t.Sel.Name
		case *ast.Ident:
			return t.Name
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		default:
			return ""
		}
	}
}
