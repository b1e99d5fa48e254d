package history

import (
	"testing"
)

func TestParseMailmap(t *testing.T) {
	mm := parseMailmap(`# a comment
Proper Name <commit@example.com>
<proper@example.com> <Old@Example.com>
Both Fixed <both@example.com> <both-old@example.com>   # trailing comment
Named Only <named@example.com> Commit Name <shared@example.com>
  # indented comment
not a mapping line
Later Name <old@example.com>
`)
	tests := []struct {
		name, email, wantName, wantEmail string
	}{
		// Form 1: the name changes, the address stays.
		{"whoever", "commit@example.com", "Proper Name", "commit@example.com"},
		{"whoever", "COMMIT@example.COM", "Proper Name", "COMMIT@example.COM"},
		// Form 2 completed by a later form-1 line for the same address.
		{"Old", "old@example.com", "Later Name", "proper@example.com"},
		// Form 3: both change.
		{"x", "both-old@example.com", "Both Fixed", "both@example.com"},
		// Form 4: only that name with that address.
		{"Commit Name", "shared@example.com", "Named Only", "named@example.com"},
		{"commit name", "Shared@example.com", "Named Only", "named@example.com"},
		{"Someone Else", "shared@example.com", "Someone Else", "shared@example.com"},
		// Unmapped.
		{"Nobody", "nobody@example.com", "Nobody", "nobody@example.com"},
	}
	for _, tt := range tests {
		n, e := mm.lookup(tt.name, tt.email)
		if n != tt.wantName || e != tt.wantEmail {
			t.Errorf("lookup(%q, %q) = %q, %q; want %q, %q", tt.name, tt.email, n, e, tt.wantName, tt.wantEmail)
		}
	}
	var none *mailmap
	if n, e := none.lookup("a", "b"); n != "a" || e != "b" {
		t.Errorf("nil mailmap changed the identity")
	}
}

func TestMailmapApplied(t *testing.T) {
	r := newRepo(t)
	r.write(".mailmap", "Ann Smith <ann@example.com> <ann@old.example.com>\n")
	r.write("a.go", "package a\n")
	r.commit("ann", "ann@old.example.com")
	r.write("a.go", "package a\n\n")
	r.commit("Bob", "bob@example.com")

	l := mine(t, r.dir, Options{})
	want := []Person{{"Ann Smith", "ann@example.com"}, {"Bob", "bob@example.com"}}
	for i, c := range l.Commits {
		if c.Author != want[i] {
			t.Errorf("commit %d author %+v, want %+v", i, c.Author, want[i])
		}
	}

	// A .mailmap only in the work tree is used when the commit has none.
	r2 := newRepo(t)
	r2.write("a.go", "package a\n")
	r2.commit("bob", "bob@example.com")
	r2.write(".mailmap", "Robert <bob@example.com>\n")
	l = mine(t, r2.dir, Options{})
	if got := l.Commits[0].Author; got != (Person{"Robert", "bob@example.com"}) {
		t.Errorf("work tree .mailmap: %+v", got)
	}
}
