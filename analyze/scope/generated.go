package scope

import "bytes"

// Generated reports whether Go source src is generated code by the
// convention of https://go.dev/s/generatedcode: a line comment
// "// Code generated ... DO NOT EDIT." before the package clause.
// It reads only the header, so it is cheap on large files.
func Generated(src []byte) bool {
	for len(src) > 0 {
		var line []byte
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			line, src = src, nil
		}
		line = bytes.TrimRight(line, "\r")
		if bytes.HasPrefix(line, []byte("// Code generated ")) && bytes.HasSuffix(line, []byte(" DO NOT EDIT.")) {
			return true
		}
		t := bytes.TrimSpace(line)
		if bytes.HasPrefix(t, []byte("package ")) || bytes.Equal(t, []byte("package")) {
			return false
		}
	}
	return false
}
