package filegroups

import (
	"fmt"
	"reflect"
	"testing"
)

func TestLeadingWord(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"channel.go", "channel"},
		{"channel_bookmark.go", "channel"},
		{"channels_test.go", "channel"},
		{"ChannelStore.go", "channel"},
		{"policies.go", "policy"},
		{"access.go", "access"},
		{"bus.go", "bus"},
		{"web-hook.go", "web"},
		{"20190324205606.go", ""},
		{"oauth2.go", "oauth"},
		{"status.go", "status"},
		{"alias.go", "alias"},
		{"analysis.go", "analysis"},
		{"news.go", "news"},
		{"v2_api.go", ""},
		{"HTTPServer.go", ""},
	} {
		if got := leadingWord(tc.name); got != tc.want {
			t.Errorf("leadingWord(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestGroups(t *testing.T) {
	files := []File{
		{"task.go", 300}, {"task_comment.go", 100}, {"reminder.go", 50},
		{"project.go", 200}, {"project_view.go", 80}, {"kanban.go", 40},
		{"20190324205606.go", 10}, {"20190401000000.go", 10},
		{"lonely.go", 5},
	}
	// Twice over, reminder with task, kanban with project, the two
	// migrations together; each test file counts as the file it tests.
	commits := [][]string{
		{"reminder.go", "task_test.go"}, {"reminder_test.go", "task_comment.go"},
		{"kanban.go", "project_view.go"}, {"kanban.go", "project.go"},
		{"20190324205606.go", "20190401000000.go"},
		{"nothere.go", "lonely_test.go"}, // a file gone since links nothing
	}
	want := []Group{
		{Name: "task", Files: []string{"reminder.go", "task.go", "task_comment.go"}, LOC: 450},
		{Name: "project", Files: []string{"kanban.go", "project.go", "project_view.go"}, LOC: 320},
		{Name: Unnamed, Files: []string{"20190324205606.go", "20190401000000.go"}, LOC: 20},
	}
	if got := Groups(files, commits, 50); !reflect.DeepEqual(got, want) {
		t.Errorf("Groups = %+v\nwant %+v", got, want)
	}

	// Without history the names alone group the files.
	want = []Group{
		{Name: "task", Files: []string{"task.go", "task_comment.go"}, LOC: 400},
		{Name: "project", Files: []string{"project.go", "project_view.go"}, LOC: 280},
	}
	if got := Groups(files, nil, 50); !reflect.DeepEqual(got, want) {
		t.Errorf("Groups without history = %+v\nwant %+v", got, want)
	}

	// A sweep over more files than the bound links none of them; the
	// bound is not one for the names.
	var sweep []string
	var many []File
	for i := range 51 {
		name := fmt.Sprintf("f%c%c.go", 'a'+i/26, 'a'+i%26)
		many = append(many, File{name, 1})
		sweep = append(sweep, name)
	}
	if got := Groups(many, [][]string{sweep}, 50); len(got) != 0 {
		t.Errorf("a sweep grouped %d groups: %+v", len(got), got)
	}
	if got := Groups(many, [][]string{sweep}, 0); len(got) != 1 || len(got[0].Files) != 51 {
		t.Errorf("without a bound, the commit did not group its 51 files: %+v", got)
	}
	var users []File
	for i := range 60 {
		users = append(users, File{fmt.Sprintf("user_%d.go", i), 1})
	}
	if got := Groups(users, nil, 50); len(got) != 1 || got[0].Name != "user" || len(got[0].Files) != 60 {
		t.Errorf("60 files named user_* gave %+v, want one group of them all", got)
	}
}

// TestTellApart: two groups led by one word are numbered, the larger
// keeping the bare name.
func TestTellApart(t *testing.T) {
	files := []File{{"user.go", 100}, {"user_a.go", 1}, {"user_b.go", 1}, {"user_c.go", 1}, {"user_d.go", 1}, {"user_e.go", 1},
		{"team.go", 10}, {"user_x.go", 20}, {"x.go", 1}}
	commits := [][]string{}
	for range 20 {
		commits = append(commits, []string{"team.go", "user_x.go"}, []string{"team.go", "x.go"})
	}
	got := Groups(files, commits, 50)
	var names []string
	for _, g := range got {
		names = append(names, g.Name)
	}
	if !reflect.DeepEqual(names, []string{"user", "user-2"}) {
		t.Errorf("names = %v, want [user user-2] (groups %+v)", names, got)
	}
}
