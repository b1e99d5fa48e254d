package graph

import "strings"

// genericSegments are path segments that name a layout, not a domain:
// internal/billing is about billing.
var genericSegments = map[string]bool{
	"internal": true, "pkg": true, "cmd": true, "app": true, "apps": true, "src": true,
	"lib": true, "libs": true, "modules": true, "services": true, "service": true,
	"server": true, "core": true, "domain": true, ".": true,
}

// Generic reports whether a path segment names a layout (internal, pkg,
// cmd, app, ...) rather than a domain.
func Generic(seg string) bool { return genericSegments[seg] }

// Area is the part of a package path that says what it is about: the
// path from its first segment that is not a generic layout name
// (internal, pkg, cmd, app, ...), depth segments long; "" when every
// segment is generic. internal/billing/store is in area billing at depth
// 1, billing/store at depth 2.
func Area(p string, depth int) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if !genericSegments[s] {
			return strings.Join(segs[i:min(len(segs), i+depth)], "/")
		}
	}
	return ""
}
