package code

import (
	"context"
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"strings"

	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"golang.org/x/tools/go/packages"
)

// goFailure is a run of the go command that failed: the modules it
// covered, and why.
type goFailure struct {
	modules []string // module directories, relative to the root
	reason  string
}

// listPackages lists the repository's packages through the go command,
// one run per workspace or module (see goCalls). A run that cannot list
// at all is a failure, and the caller loads its modules with the syntax
// loader; every other problem is a warning. calls is how many runs
// there were.
func listPackages(ctx context.Context, r *repo.Repo, rules *scope.Rules) (out []listedPackage, warns []Warning, failed []goFailure, calls int) {
	scrub := scrubber(r.Root)
	planned := goCalls(r)
	for _, call := range planned {
		cfg := &packages.Config{
			// Cancelling stops the go command: it must not outlive seams.
			Context: ctx,
			// NeedImports makes the go command list dependencies too: a
			// dependency it cannot find is a stub package whose errors say
			// why, and those are the warnings users need.
			Mode:  packages.NeedName | packages.NeedFiles | packages.NeedModule | packages.NeedImports,
			Dir:   filepath.Join(r.Root, filepath.FromSlash(call.dir)),
			Env:   sealedEnv(call.env...),
			Tests: rules.Tests,
		}
		pkgs, err := packages.Load(cfg, call.patterns...)
		if ctx.Err() != nil {
			return nil, nil, nil, len(planned)
		}
		if err != nil {
			failed = append(failed, goFailure{call.modules, fmt.Sprintf("go command failed in %s: %s", call.dir, scrub(firstLine(err)))})
			continue
		}
		for _, p := range pkgs {
			if p.Module == nil || !p.Module.Main {
				continue // a dependency, or a stub for an import that could not be found
			}
			dir := p.Dir
			if dir == "" && len(p.GoFiles) > 0 {
				dir = filepath.Dir(p.GoFiles[0])
			}
			rel := repo.Rel(r.Root, dir)
			if strings.HasPrefix(rel, "/") || strings.HasPrefix(rel, "..") {
				continue
			}
			base := cfg.Dir // the go command's positions are relative to it
			for _, e := range p.Errors {
				warns = append(warns, packageWarning(r.Root, base, rel, e, scrub))
			}
			for _, imp := range p.Imports {
				if imp.Module != nil && imp.Module.Main {
					continue // reported as a package of its own
				}
				for _, e := range imp.Errors {
					w := packageWarning(r.Root, base, rel, e, scrub)
					if w.Where == "" || !strings.Contains(w.Where, ".go") {
						w.Where = rel
					}
					warns = append(warns, w)
				}
			}
			lp := listedPackage{dir: rel, importPath: p.PkgPath}
			for _, f := range p.GoFiles {
				// Test binaries' generated main files live in the build
				// cache, outside the root.
				fr := repo.Rel(r.Root, f)
				if !strings.HasPrefix(fr, "/") && !strings.HasPrefix(fr, "..") {
					lp.files = append(lp.files, fr)
				}
			}
			if len(lp.files) > 0 {
				out = append(out, lp)
			}
		}
	}
	return out, warns, failed, len(planned)
}

// goCall is one run of the go command.
type goCall struct {
	dir      string // relative to the root
	env      []string
	patterns []string
	modules  []string // the module directories it lists
}

// goCalls plans the go command runs: one for the workspace's modules when
// there is a go.work, and one per module that no workspace covers.
func goCalls(r *repo.Repo) []goCall {
	var calls []goCall
	inWork := map[string]bool{}
	if r.Workspace != nil {
		call := goCall{dir: ".", env: []string{"GOWORK=" + filepath.Join(r.Root, "go.work"), "GOFLAGS=-mod=readonly"}}
		for _, u := range r.Workspace {
			inWork[u] = true
			call.patterns = append(call.patterns, "./"+strings.TrimPrefix(u+"/...", "./"))
			call.modules = append(call.modules, u)
		}
		if _, err := os.Stat(filepath.Join(r.Root, "vendor", "modules.txt")); err == nil {
			call.env[1] = "GOFLAGS=-mod=vendor"
		}
		if len(call.patterns) > 0 {
			calls = append(calls, call)
		}
	}
	for _, m := range r.Modules {
		if inWork[m.Dir] {
			continue
		}
		mod := "-mod=readonly"
		if m.Vendored {
			mod = "-mod=vendor"
		}
		calls = append(calls, goCall{dir: m.Dir, env: []string{"GOWORK=off", "GOFLAGS=" + mod}, patterns: []string{"./..."}, modules: []string{m.Dir}})
	}
	return calls
}

// sealedEnv is the environment the go command runs in: the user's, with
// everything that could reach the network, fetch a toolchain, run cgo or
// rewrite go.mod overridden. Later entries win in os/exec.
func sealedEnv(extra ...string) []string {
	env := append(os.Environ(),
		"GOPROXY=off",
		"GOSUMDB=off",
		"GOVCS=*:off",
		"GOPRIVATE=",
		"GONOPROXY=",
		"GONOSUMDB=",
		"GOTOOLCHAIN=local",
		"CGO_ENABLED=0",
		"GOFLAGS=-mod=readonly",
	)
	return append(env, extra...)
}

// packageWarning turns a package error into a warning at dir, the
// package's directory, or at the error's position when it has one; base
// is the directory the go command ran in, which relative positions are
// relative to.
func packageWarning(root, base, dir string, e packages.Error, scrub func(string) string) Warning {
	msg := e.Msg
	// The go command's "; to add: go get ..." hints would make seams
	// reach the network; they are not advice for a seams user.
	if i := strings.Index(msg, "; to add:"); i >= 0 {
		msg = msg[:i]
	}
	w := Warning{Message: scrub(strings.TrimSpace(msg)), Where: dir}
	if e.Pos != "" && e.Pos != "-" {
		pos := e.Pos
		if !filepath.IsAbs(pos) {
			pos = filepath.Join(base, pos)
		}
		w.Where = relPos(root, pos)
		if filepath.IsAbs(filepath.FromSlash(w.Where)) || strings.HasPrefix(w.Where, "/") {
			// A place outside the repository (the module cache, GOROOT)
			// is the importing package's problem: name it, and say the
			// file in the message, without the machine's paths.
			w.Message = scrub(e.Pos) + ": " + w.Message
			w.Where = dir
		}
	}
	return w
}

// scrubber returns a function that takes the machine's paths out of a
// message of the go command: the repository root goes (paths become
// relative to it), the module cache, GOROOT and the home directory
// become $GOMODCACHE, $GOROOT and ~. Output then reads the same on
// every machine and tells nobody where anything lives.
func scrubber(root string) func(string) string {
	type sub struct{ from, to string }
	subs := []sub{{root, ""}}
	if d := moduleCacheDir(); d != "" {
		subs = append(subs, sub{d, "$GOMODCACHE"})
	}
	if d := build.Default.GOROOT; d != "" {
		subs = append(subs, sub{d, "$GOROOT"})
	}
	if d, err := os.UserHomeDir(); err == nil && len(d) > 1 {
		subs = append(subs, sub{d, "~"})
	}
	return func(s string) string {
		for _, sb := range subs {
			s = replacePath(s, sb.from, sb.to)
		}
		return s
	}
}

// replacePath replaces the directory from in s wherever it stands as a
// whole path or the start of one, not as a prefix of a longer name. An
// empty to makes the paths below relative, and from itself ".".
func replacePath(s, from, to string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, from)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		rest := s[i+len(from):]
		switch {
		case rest != "" && (rest[0] == '/' || rest[0] == filepath.Separator):
			if to == "" {
				rest = rest[1:]
			} else {
				b.WriteString(to)
			}
		case rest == "" || !isNameByte(rest[0]):
			if to == "" {
				b.WriteString(".")
			} else {
				b.WriteString(to)
			}
		default:
			b.WriteString(from) // a longer name: leave it
		}
		s = rest
	}
}

func isNameByte(c byte) bool {
	return c == '.' || c == '_' || c == '-' || c == '@' || c == '+' || c == '~' ||
		'0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

// moduleCacheDir is where the go command keeps modules, by its rules,
// without running it.
func moduleCacheDir() string {
	if d := os.Getenv("GOMODCACHE"); d != "" {
		return d
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		gopath = filepath.Join(home, "go")
	}
	return filepath.Join(filepath.SplitList(gopath)[0], "pkg", "mod")
}

// relPos turns "abs/file.go:3:4" into "file.go:3:4" relative to root.
func relPos(root, pos string) string {
	file, rest := pos, ""
	// Positions end in :line or :line:col; the file name itself may hold
	// colons only on Windows drive letters.
	for i := 0; i < 2; i++ {
		j := strings.LastIndexByte(file, ':')
		if j < 0 || !isDigits(file[j+1:]) {
			break
		}
		rest = file[j:] + rest
		file = file[:j]
	}
	if filepath.IsAbs(file) {
		file = repo.Rel(root, file)
	}
	return file + rest
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// firstLine keeps the first line of a multi-line go command error: the
// rest repeats it with hints that do not apply to seams' sealed run.
func firstLine(err error) string {
	s := strings.TrimSpace(err.Error())
	// go/packages wraps the go command's stderr in "err: exit status 1:
	// stderr: ..."; the go command's own words are what a user needs.
	if _, after, ok := strings.Cut(s, "stderr: "); ok {
		s = strings.TrimSpace(after)
	}
	lines := strings.Split(s, "\n")
	s = strings.TrimSpace(lines[0])
	// "go: errors parsing go.mod:" says where; the next line says what.
	if strings.HasSuffix(s, ":") && len(lines) > 1 {
		s += " " + strings.TrimSpace(lines[1])
	}
	return s
}
