package code

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"strconv"

	"github.com/seams-tool/seams/analyze/scope"
)

// fileInfo is what one Go file contributes to the graph.
type fileInfo struct {
	pkgName   string
	imports   []string
	lines     []int // the line of each import
	loc       int
	generated bool
	cgo       bool   // imports "C"
	warn      string // a problem that did not cost the file
	err       error  // a problem that cost the file
}

// readFile reads and parses one file; rel is relative to root. With a
// visit function the file is parsed in full and handed over, generated
// or not; otherwise only its imports are parsed, which is several times
// faster, and generated files are not parsed at all.
func readFile(fsys fs.FS, rel string, visit func(*token.FileSet, *ast.File, bool) []byte) fileInfo {
	src, err := readLimited(fsys, rel, MaxFileSize)
	if err != nil {
		return fileInfo{err: err}
	}
	fi, _, _ := parseFile(rel, src, visit)
	return fi
}

// parseFile parses a file read from rel, as readFile does; it returns
// what visit returned, and whether it was called.
func parseFile(rel string, src []byte, visit func(*token.FileSet, *ast.File, bool) []byte) (fi fileInfo, out []byte, visited bool) {
	if scope.Generated(src) {
		if visit != nil {
			fset := token.NewFileSet()
			if f, _ := parser.ParseFile(fset, rel, src, parser.ParseComments|parser.SkipObjectResolution); f != nil && f.Name != nil {
				out, visited = visit(fset, f, true), true
			}
		}
		return fileInfo{generated: true}, out, visited
	}
	// A fresh FileSet per file: positions are not kept, and a shared one
	// would serialise the workers on its lock.
	mode := parser.ImportsOnly | parser.SkipObjectResolution
	if visit != nil {
		mode = parser.ParseComments | parser.SkipObjectResolution
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, rel, src, mode)
	if f == nil || f.Name == nil {
		return fileInfo{err: fmt.Errorf("parse: %v", err)}, nil, false
	}
	fi = fileInfo{pkgName: f.Name.Name, loc: CountLOC(src)}
	if err != nil {
		// What parsed of the import block still counts; say what did not.
		fi.warn = fmt.Sprintf("parse: %v", err)
	}
	for _, spec := range f.Imports {
		ip, uerr := strconv.Unquote(spec.Path.Value)
		if uerr != nil {
			continue
		}
		if ip == "C" {
			fi.cgo = true
			continue
		}
		fi.imports = append(fi.imports, ip)
		fi.lines = append(fi.lines, fset.Position(spec.Path.Pos()).Line)
	}
	if visit != nil && !fi.cgo {
		out, visited = visit(fset, f, false), true
	}
	return fi, out, visited
}

// MaxFileSize bounds the Go files read: a larger one (a blob of embedded
// data, or a hostile repository's) is skipped with a warning.
const MaxFileSize = 64 << 20

// readLimited reads a file of at most limit bytes.
func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("skipped: %d bytes, larger than %d MiB", st.Size(), limit>>20)
	}
	src, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(src)) > limit {
		err = fmt.Errorf("skipped: larger than %d MiB", limit>>20)
	}
	return src, err
}

// CountLOC counts the lines of Go source that hold something other than
// white space and comments. A line inside a multi-line string counts: it
// is code someone maintains.
func CountLOC(src []byte) int {
	const (
		code = iota
		lineComment
		blockComment
		str
		rawStr
		char
	)
	state := code
	n := 0
	counted := false // the current line already counts
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\n' {
			if state == lineComment {
				state = code
			}
			counted = false
			continue
		}
		switch state {
		case code:
			switch {
			case c == '/' && i+1 < len(src) && src[i+1] == '/':
				state = lineComment
				i++
				continue
			case c == '/' && i+1 < len(src) && src[i+1] == '*':
				state = blockComment
				i++
				continue
			case c == '"':
				state = str
			case c == '`':
				state = rawStr
			case c == '\'':
				state = char
			case c == ' ' || c == '\t' || c == '\r' || c == '\f':
				continue
			}
		case blockComment:
			if c == '*' && i+1 < len(src) && src[i+1] == '/' {
				state = code
				i++
			}
			continue
		case lineComment:
			continue
		case str, char:
			if c == '\\' {
				i++
			} else if (state == str && c == '"') || (state == char && c == '\'') {
				state = code
			}
		case rawStr:
			if c == '`' {
				state = code
			} else if c == ' ' || c == '\t' || c == '\r' {
				continue
			}
		}
		if !counted {
			counted = true
			n++
		}
	}
	return n
}
