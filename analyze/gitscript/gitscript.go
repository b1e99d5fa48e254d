package gitscript

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Op is the operation of a change line.
type Op byte

// Operations of change lines, spelled as in the script.
const (
	Add    Op = 'A'
	Modify Op = 'M'
	Delete Op = 'D'
	Rename Op = 'R'
)

// Change is one file operation of a commit.
type Change struct {
	Op Op
	// Path is the file written or deleted, or the new name of a rename.
	Path string
	// From is the old name of a rename.
	From string
	// Lines is the number of trailer lines A, M and R write.
	Lines int
	// Line is the script line, for error messages.
	Line int
}

// Commit is an ordinary commit of the script, or a merge when Merge is set.
type Commit struct {
	// Seq numbers commits and merges from 1 in script order; trailers
	// carry it so that every commit changes its files.
	Seq     int
	When    time.Time
	Author  string
	Email   string
	Message string
	// Merge names the branch merged into the current one.
	Merge   string
	Changes []Change
	Line    int
}

// Step is one action of the script. Exactly one of Commit, Branch and
// Switch is set.
type Step struct {
	Line   int
	Commit *Commit
	// Branch is created at HEAD and becomes the current branch.
	Branch string
	// Switch is an existing branch that becomes the current one.
	Switch string
}

// Script is a parsed history script; see the package documentation.
type Script struct {
	Steps []Step
}

// Commits returns the commits and merges in script order.
func (s *Script) Commits() []*Commit {
	var out []*Commit
	for _, st := range s.Steps {
		if st.Commit != nil {
			out = append(out, st.Commit)
		}
	}
	return out
}

// Parse reads a history script. It checks everything that can be checked
// without files, so that Build fails only on file-level mistakes.
func Parse(r io.Reader) (*Script, error) {
	p := &parser{branches: map[string]bool{"main": true}, current: "main"}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		p.lineNo++
		if err := p.line(sc.Text()); err != nil {
			return nil, atLine(p.lineNo, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := p.closeCommit(); err != nil {
		return nil, err
	}
	return &p.script, nil
}

// lineError ties an error to the script line that caused it.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %v", e.line, e.err) }
func (e *lineError) Unwrap() error { return e.err }

// atLine wraps err unless it already names a line.
func atLine(line int, err error) error {
	var le *lineError
	if errors.As(err, &le) {
		return err
	}
	return &lineError{line: line, err: err}
}

type parser struct {
	script   Script
	open     *Commit // the commit whose change lines may follow
	last     time.Time
	seq      int
	branches map[string]bool
	current  string
	lineNo   int
}

func (p *parser) line(raw string) error {
	text := strings.TrimSpace(raw)
	if text == "" || text[0] == '#' {
		return nil
	}
	if raw[0] == ' ' || raw[0] == '\t' {
		if p.open == nil {
			return errors.New("change line outside a commit")
		}
		ch, err := parseChange(stripComment(text))
		if err != nil {
			return err
		}
		ch.Line = p.lineNo
		p.open.Changes = append(p.open.Changes, ch)
		return nil
	}
	if err := p.closeCommit(); err != nil {
		return err
	}
	keyword, rest, _ := strings.Cut(text, " ")
	rest = strings.TrimSpace(rest)
	switch keyword {
	case "commit":
		c, err := p.header(rest)
		if err != nil {
			return err
		}
		p.open = c
		p.script.Steps = append(p.script.Steps, Step{Line: p.lineNo, Commit: c})
	case "merge":
		name, header, _ := strings.Cut(rest, " ")
		if !p.branches[name] {
			return fmt.Errorf("merge of unknown branch %q", name)
		}
		if name == p.current {
			return fmt.Errorf("merge of branch %q into itself", name)
		}
		c, err := p.header(header)
		if err != nil {
			return err
		}
		c.Merge = name
		p.script.Steps = append(p.script.Steps, Step{Line: p.lineNo, Commit: c})
	case "branch", "switch":
		name := stripComment(rest)
		if !validBranch(name) {
			return fmt.Errorf("bad branch name %q", name)
		}
		if keyword == "branch" {
			if p.branches[name] {
				return fmt.Errorf("branch %q already exists", name)
			}
			if p.seq == 0 {
				return errors.New("branch before the first commit")
			}
			p.branches[name] = true
			p.script.Steps = append(p.script.Steps, Step{Line: p.lineNo, Branch: name})
		} else {
			if !p.branches[name] {
				return fmt.Errorf("switch to unknown branch %q", name)
			}
			p.script.Steps = append(p.script.Steps, Step{Line: p.lineNo, Switch: name})
		}
		p.current = name
	default:
		return fmt.Errorf("unknown keyword %q", keyword)
	}
	return nil
}

// closeCommit rejects a commit without changes when the next line shows
// that none will follow, reporting the commit's own line.
func (p *parser) closeCommit() error {
	c := p.open
	p.open = nil
	if c != nil && len(c.Changes) == 0 {
		return atLine(c.Line, errors.New("commit has no changes"))
	}
	return nil
}

// header parses "DATE | Name <email> | message".
func (p *parser) header(s string) (*Commit, error) {
	parts := strings.SplitN(s, "|", 3)
	if len(parts) != 3 {
		return nil, errors.New(`want "DATE | Name <email> | message"`)
	}
	when, err := time.Parse(time.RFC3339, strings.TrimSpace(parts[0]))
	if err != nil {
		return nil, fmt.Errorf("bad date: %w", err)
	}
	if !when.After(p.last) {
		return nil, fmt.Errorf("date %s is not after the previous commit's %s", when.Format(time.RFC3339), p.last.Format(time.RFC3339))
	}
	ident := strings.TrimSpace(parts[1])
	lt, gt := strings.LastIndex(ident, "<"), strings.LastIndex(ident, ">")
	if lt <= 0 || gt != len(ident)-1 || gt-lt < 2 || strings.TrimSpace(ident[:lt]) == "" {
		return nil, fmt.Errorf("bad author %q, want \"Name <email>\"", ident)
	}
	msg := strings.TrimSpace(parts[2])
	if msg == "" {
		return nil, errors.New("empty commit message")
	}
	p.last = when
	p.seq++
	return &Commit{Seq: p.seq, When: when, Author: strings.TrimSpace(ident[:lt]), Email: ident[lt+1 : gt],
		Message: msg, Line: p.lineNo}, nil
}

func parseChange(s string) (Change, error) {
	f := strings.Fields(s)
	if len(f[0]) != 1 || !strings.Contains("AMDR", f[0]) {
		return Change{}, fmt.Errorf("unknown operation %q", f[0])
	}
	ch := Change{Op: Op(f[0][0]), Lines: 1}
	args := f[1:]
	if ch.Op == Rename {
		if len(args) < 3 || args[1] != "->" {
			return Change{}, errors.New(`rename needs "R OLD -> NEW"`)
		}
		ch.From, args = args[0], args[2:]
		if err := checkPath(ch.From); err != nil {
			return Change{}, err
		}
	}
	if len(args) == 0 {
		return Change{}, fmt.Errorf("%c needs a path", ch.Op)
	}
	ch.Path = args[0]
	if err := checkPath(ch.Path); err != nil {
		return Change{}, err
	}
	switch {
	case len(args) == 1:
	case len(args) == 2 && ch.Op != Delete && strings.HasPrefix(args[1], "+"):
		k, err := strconv.Atoi(args[1][1:])
		if err != nil || k < 1 {
			return Change{}, fmt.Errorf("bad line count %q", args[1])
		}
		ch.Lines = k
	default:
		return Change{}, fmt.Errorf("unexpected %q", strings.Join(args[1:], " "))
	}
	return ch, nil
}

// checkPath keeps every write inside the repository and out of .git.
func checkPath(p string) error {
	if p == "" || path.IsAbs(p) || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") ||
		p == ".git" || strings.HasPrefix(p, ".git/") {
		return fmt.Errorf("bad path %q", p)
	}
	return nil
}

func validBranch(name string) bool {
	if name == "" || strings.HasPrefix(name, "-") || strings.Contains(name, "..") {
		return false
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-_./", r) {
			return false
		}
	}
	return true
}

// stripComment drops a trailing "# comment" that follows whitespace.
func stripComment(s string) string {
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "\t#"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// trailerPrefix picks a comment syntax the file's tools accept.
func trailerPrefix(p string) string {
	switch base := filepath.Base(p); {
	case base == "go.mod" || base == "go.work":
		return "//" // the go command rejects # lines in these
	}
	switch filepath.Ext(p) {
	case ".go":
		return "//"
	case ".sql":
		return "--"
	}
	return "#"
}

func withTrailer(p string, body []byte, rev, lines int) []byte {
	out := append([]byte(nil), body...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	out = append(out, '\n')
	for range lines {
		out = fmt.Appendf(out, "%s history: rev %d\n", trailerPrefix(p), rev)
	}
	return out
}

// stripTrailer undoes withTrailer, so M and R keep the body.
func stripTrailer(p string, content []byte) []byte {
	marker := "\n\n" + trailerPrefix(p) + " history: rev "
	if i := strings.LastIndex(string(content), marker); i >= 0 {
		return content[:i+1]
	}
	return content
}

// placeholder is the content of a path that has no fixture file.
func placeholder(p string) []byte {
	if filepath.Ext(p) == ".go" {
		name := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, path.Base(path.Dir(p)))
		if name == "" || unicode.IsDigit(rune(name[0])) {
			name = "placeholder"
		}
		return fmt.Appendf(nil, "// Placeholder for %s, written by gitscript.\npackage %s\n", p, name)
	}
	return fmt.Appendf(nil, "Placeholder for %s, written by gitscript.\n", p)
}

// readFixture returns the fixture file at p, or nil when there is none.
func readFixture(fixtureDir, p string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(fixtureDir, filepath.FromSlash(p)))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return b, err
}
