// Command seams finds the domain seams in a Go monolith: candidate bounded
// contexts from code imports, shared database tables and git co-change.
//
// Usage:
//
//	seams <command> [flags] [DIR]
//
// Run "seams help" for the commands and "seams <command> -h" for flags.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// Exit codes, as every subcommand uses them.
const (
	exitOK      = 0 // done, nothing found that fails a build
	exitFinding = 1 // done, and something was found (seams check)
	exitFailure = 2 // usage error, or nothing could be analyzed
)

// command is one subcommand; each lives in a file of its own.
type command struct {
	name  string
	short string
	run   func(args []string, stdout, stderr io.Writer) int
}

var commands = []command{
	{"analyze", "analyze a repository and write the report", runAnalyze},
	{"baseline", "freeze the accepted state into .seams/baseline.json", runBaseline},
	{"check", "fail when coupling got worse than the baseline", runCheck},
	{"trend", "replay the coupling metrics over the history", runTrend},
	{"version", "print the seams version", runVersion},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitFailure
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return run([]string{args[1], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	case "-version", "--version":
		return runVersion(nil, stdout, stderr)
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "seams: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitFailure
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "seams finds the domain seams in a Go monolith: candidate bounded contexts\nfrom code imports, shared database tables and git co-change.\n\nUsage:\n\n\tseams <command> [flags] [DIR]\n\nCommands:\n\n")
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.short)
	}
	fmt.Fprintf(w, "\nRun \"seams <command> -h\" for the flags of a command.\n")
}

func runVersion(_ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "seams %s\n", version())
	return exitOK
}

// version is the module version seams was built at, "(devel)" for a
// build from a work tree.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
