package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestActionIsComposite reads the repository's GitHub Action: a composite
// action whose every run step names its shell (composite steps must),
// which installs seams from its own checkout (the action's ref) and runs
// seams check with the github format.
func TestActionIsComposite(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Name   string
		Inputs map[string]struct{ Default string }
		Runs   struct {
			Using string
			Steps []struct {
				Name, Shell, Run, Uses string
				WorkingDirectory       string `yaml:"working-directory"`
			}
		}
	}
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" || a.Name == "" {
		t.Fatalf("action %q runs using %q, want composite", a.Name, a.Runs.Using)
	}
	installs, checks := false, false
	for _, s := range a.Runs.Steps {
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %q runs without a shell", s.Name)
		}
		if strings.Contains(s.Run, "go install ./cmd/seams") && s.WorkingDirectory == "${{ github.action_path }}" {
			installs = true
			if _, err := os.Stat(filepath.Join("..", "..", "cmd", "seams")); err != nil {
				t.Error(err)
			}
		}
		if strings.Contains(s.Run, "seams check") && strings.Contains(s.Run, "github") {
			checks = true
		}
	}
	if !installs || !checks {
		t.Errorf("installs from its checkout: %v; runs seams check --format github: %v", installs, checks)
	}
}
