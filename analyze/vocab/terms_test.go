package vocab

import (
	"slices"
	"strings"
	"testing"
)

func TestSplitWords(t *testing.T) {
	tests := []struct {
		in   string
		want string // words joined by spaces
	}{
		{"HTTPServer", "http server"},
		{"PRNumber", "pr number"},
		{"pullRequest", "pull request"},
		{"PullReqActivity", "pull req activity"},
		{"pull_request", "pull request"},
		{"PULL_REQUEST", "pull request"},
		{"pull-request", "pull request"},
		{"repo.created", "repo created"},
		{"userIDs", "user ids"},
		{"URLsFor", "urls for"},
		{"GetIDsByName", "get ids by name"},
		{"APIs", "apis"},
		{"oauth2Token", "oauth token"},
		{"v2", "v"},
		{"Base64Encode", "base encode"},
		{"x", "x"},
		{"ASet", "a set"},
		{"ÉtatCivil", "état civil"},
		{"__init__", "init"},
		{"", ""},
		{"123", ""},
	}
	for _, tt := range tests {
		got := strings.Join(splitWords(tt.in, nil), " ")
		if got != tt.want {
			t.Errorf("splitWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStemFoldsForms(t *testing.T) {
	// Each group must fold to one stem.
	groups := [][]string{
		{"issue", "issues"},
		{"pullreq", "pullreqs"},
		{"repository", "repositories"},
		{"webhook", "webhooks"},
		{"policy", "policies"},
		{"merge", "merges", "merged", "merging"},
		{"pipeline", "pipelines"},
		{"status", "statuses"},
		{"address", "addresses"},
		{"box", "boxes"},
		{"match", "matches"},
		{"query", "queries"},
		{"cookie", "cookies"},
		{"tag", "tags", "tagging"},
		{"commit", "commits", "committed"},
		{"trace", "tracing", "traced"},
		{"entry", "entries"},
	}
	for _, g := range groups {
		first, ok := stem(g[0])
		if !ok {
			t.Errorf("stem(%q) is a stop word", g[0])
			continue
		}
		for _, w := range g[1:] {
			if got, _ := stem(w); got != first {
				t.Errorf("stem(%q) = %q, stem(%q) = %q: want equal", w, got, g[0], first)
			}
		}
	}
}

func TestStemKeepsApart(t *testing.T) {
	// Words the stemmer must not fold together.
	pairs := [][2]string{
		{"status", "stat"},
		{"user", "us"},
		{"trigger", "trig"},
		{"provider", "provide"},
		{"analysis", "analys"},
		{"settings", "set"},
		{"need", "ne"},
		{"spring", "spr"},
	}
	for _, p := range pairs {
		a, _ := stem(p[0])
		b, _ := stem(p[1])
		if a == b {
			t.Errorf("stem(%q) = stem(%q) = %q", p[0], p[1], a)
		}
	}
}

func TestStopWords(t *testing.T) {
	tests := []struct {
		word string
		stop bool
	}{
		{"handler", true},
		{"handlers", true},
		{"services", true},
		{"utils", true},
		{"errors", true},
		{"ctx", true},
		{"tpl", true}, // gitea's tplIssues, gogs' tmplRepoSettings: the web layer's templates
		{"tmpl", true},
		{"template", false}, // issue templates are a feature
		{"ids", true},
		{"responses", true},
		{"pullreq", false},
		{"settings", false}, // not "set"
		{"webhook", false},
		{"reviewer", false},
	}
	for _, tt := range tests {
		if _, ok := stem(tt.word); ok == tt.stop {
			t.Errorf("stem(%q): stop word = %v, want %v", tt.word, !ok, tt.stop)
		}
	}
}

func TestIdentifierLike(t *testing.T) {
	tests := []struct {
		lit  string
		want bool
	}{
		{`"pull_request"`, true},
		{`"pipelineTrigger"`, true},
		{`"repo.created"`, true},
		{`"X-Request-ID"`, true},
		{"`pullreq`", true},
		{`"select * from users"`, false},
		{`"SELECT"`, true}, // one word: looks like an identifier, the stop words and DF cut judge it
		{`"the pull request was merged"`, false},
		{`"https://example.com/x"`, false},
		{`"/api/v1/repos"`, false},
		{`"%s_%d"`, false},
		{`"{{.Name}}"`, false},
		{`"repo:push"`, false},
		{`"v1.2.3"`, false},
		{`"1a2b3c4d5e6f"`, false},
		{`"line\n"`, false},
		{`"a"`, false},
		{`"_private"`, false},
		{`"trailing."`, false},
		{`"a..b"`, false},
		{`""`, false},
		{"`json:\"name\"`", false},
	}
	for _, tt := range tests {
		if _, got := identifierLike(tt.lit); got != tt.want {
			t.Errorf("identifierLike(%s) = %v, want %v", tt.lit, got, tt.want)
		}
	}
}

func TestAnalyze(t *testing.T) {
	segments := newSegmentSet()
	for _, w := range []string{"pullreq", "usergroup", "webhookexecution"} {
		segments.add(w, w)
	}
	segments.add("accounts", "account")
	tests := []struct {
		in    string
		stems []string // in order, compounds after the word they start at
	}{
		{"GetPullReqByID", []string{"pull", "pullreq"}},
		{"HTTPServerConfig", nil},
		{"webhook_executions", []string{"webhook", "webhookexecution", "execution"}},
		{"UserGroupReviewers", []string{"user", "usergroup", "group", "reviewer"}},
		{"Repositories", []string{"repositori"}},
		{"pullreqs", []string{"pullreq"}},
		// A layer's abbreviation glued to a directory's name: the name too.
		{"accountscmd", []string{"accountscmd", "account"}},
		{"targetscmd", []string{"targetscmd"}}, // no directory named targets
		{"cmd", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, t := range (&analyzer{segments: segments}).analyze(tt.in).terms {
			got = append(got, t.stem)
		}
		if !slices.Equal(got, tt.stems) {
			t.Errorf("analyze(%q) = %q, want %q", tt.in, got, tt.stems)
		}
	}
}
