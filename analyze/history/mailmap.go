package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// mailmap maps the identities commits were made with to the proper ones,
// following git's .mailmap format (see gitmailmap(5)). Emails and names
// are matched case-insensitively, as git does.
type mailmap struct {
	byEmail     map[string]identity    // key: lower commit email
	byNameEmail map[[2]string]identity // key: lower commit name, lower commit email
}

// identity is a replacement; an empty field keeps the commit's value.
type identity struct{ name, email string }

// parseMailmap reads the four line forms:
//
//	Proper Name <commit@email>
//	<proper@email> <commit@email>
//	Proper Name <proper@email> <commit@email>
//	Proper Name <proper@email> Commit Name <commit@email>
//
// Lines starting with '#' and text after the last '>' are comments; lines
// that fit no form are ignored, as git ignores them.
func parseMailmap(text string) *mailmap {
	m := &mailmap{byEmail: map[string]identity{}, byNameEmail: map[[2]string]identity{}}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		name1, email1, rest, ok := nameEmail(line)
		if !ok {
			continue
		}
		name2, email2, _, ok2 := nameEmail(rest)
		if !ok2 {
			// One address: it is the commit address, only the name changes.
			if name1 != "" {
				k := strings.ToLower(email1)
				m.byEmail[k] = m.byEmail[k].merge(identity{name: name1})
			}
			continue
		}
		to := identity{name: name1, email: email1}
		if name2 == "" {
			k := strings.ToLower(email2)
			m.byEmail[k] = m.byEmail[k].merge(to)
		} else {
			k := [2]string{strings.ToLower(name2), strings.ToLower(email2)}
			m.byNameEmail[k] = m.byNameEmail[k].merge(to)
		}
	}
	return m
}

// merge lets a later line complete an earlier one for the same commit
// identity, as git does: one line may fix the name, another the address.
func (i identity) merge(later identity) identity {
	if later.name != "" {
		i.name = later.name
	}
	if later.email != "" {
		i.email = later.email
	}
	return i
}

// nameEmail splits "Name <email> rest" at the first angle-bracketed
// address.
func nameEmail(s string) (name, email, rest string, ok bool) {
	lt := strings.IndexByte(s, '<')
	if lt < 0 {
		return "", "", "", false
	}
	gt := strings.IndexByte(s[lt:], '>')
	if gt < 0 {
		return "", "", "", false
	}
	gt += lt
	return strings.TrimSpace(s[:lt]), strings.TrimSpace(s[lt+1 : gt]), s[gt+1:], true
}

// lookup returns the proper identity; an entry with a commit name beats
// one with the address alone.
func (m *mailmap) lookup(name, email string) (string, string) {
	if m == nil {
		return name, email
	}
	le := strings.ToLower(email)
	to, ok := m.byNameEmail[[2]string{strings.ToLower(name), le}]
	if !ok {
		to, ok = m.byEmail[le]
	}
	if !ok {
		return name, email
	}
	if to.name != "" {
		name = to.name
	}
	if to.email != "" {
		email = to.email
	}
	return name, email
}

// loadMailmap reads .mailmap from the mined commit's tree, so that the
// mapping matches the history being read, and falls back to the work
// tree's file (a .mailmap not committed yet). No file means no mapping.
func loadMailmap(h *handle, head plumbing.Hash, workTree string, w *warner) *mailmap {
	if text, err := mailmapFromTree(h, head); err == nil {
		return parseMailmap(text)
	} else if !errors.Is(err, errNoMailmap) {
		w.add("cannot read .mailmap from the commit %s: %v", head.String()[:12], err)
	}
	if workTree == "" {
		return nil
	}
	b, err := readIn(filepath.Join(workTree, ".mailmap"), h.loc.roots, maxMailmap)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			w.add("cannot read .mailmap: %v", err)
		}
		return nil
	}
	return parseMailmap(string(b))
}

// maxMailmap bounds .mailmap; the largest real ones are far below it.
const maxMailmap = 16 << 20

var errNoMailmap = errors.New("no .mailmap")

func mailmapFromTree(h *handle, head plumbing.Hash) (string, error) {
	c, err := readCommit(h, head)
	if err != nil {
		return "", err
	}
	d := &differ{h: h, trees: newTreeCache(1 << 10)}
	root, err := d.tree(c.TreeHash)
	if err != nil {
		return "", err
	}
	for _, e := range root {
		if e.name == ".mailmap" && !e.isDir() {
			if n, err := h.objectSize(e.hash); err == nil && n > maxMailmap {
				return "", fmt.Errorf(".mailmap is %d bytes, over %d", n, maxMailmap)
			}
			b, err := d.readObject(e.hash, plumbing.BlobObject)
			return string(b), err
		}
	}
	return "", errNoMailmap
}
