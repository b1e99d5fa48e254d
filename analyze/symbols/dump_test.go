package symbols

import (
	"os"
	"testing"
)

func TestDebugDump(t *testing.T) {
	root := os.Getenv("SEAMS_DUMP")
	if root == "" {
		t.Skip()
	}
	fsets, files := parseFiles(t, root, repoFiles(t, root, true))
	res := collect(fsets, files)
	for _, d := range res.Decls {
		t.Logf("D %+v", d)
	}
	for _, u := range res.Uses {
		t.Logf("U %+v", u)
	}
	t.Logf("H %+v", res.Homonyms)
	t.Logf("C %+v G %+v missing %d", res.Calls, res.GeneratedCalls, res.Missing)
}
