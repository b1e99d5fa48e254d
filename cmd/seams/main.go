// Command seams finds the domain seams in a Go monolith: candidate bounded
// contexts from code imports, shared database tables, git co-change and the
// domain vocabulary of the code.
//
// Usage:
//
//	seams <command> [flags] [DIR]
//
// Run "seams help" for the commands and "seams <command> -h" for flags.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"
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

// stopping is cancelled when seams is told to stop (SIGINT, SIGTERM):
// the child processes of a run (the go command) watch it. Tests that
// call run leave it as it is.
var stopping = context.Background()

// stopGrace bounds how long seams waits, once told to stop, for its
// child processes to go: go/packages interrupts the go command and kills
// it five seconds later.
const stopGrace = 7 * time.Second

func main() {
	tuneGC(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopping = ctx
	done := make(chan int, 1)
	go func() { done <- run(os.Args[1:], os.Stdout, os.Stderr) }()
	select {
	case code := <-done:
		os.Exit(code)
	case <-ctx.Done():
	}
	stop() // a second signal ends seams at once
	fmt.Fprintln(os.Stderr, "seams: interrupted")
	// The run fails soon after its go command is stopped; a run busy
	// elsewhere has no child to wait for.
	deadline := time.After(stopGrace)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			os.Exit(exitFailure)
		case <-deadline:
			os.Exit(exitFailure)
		case <-tick.C:
			if n, ok := children(); ok && n == 0 {
				os.Exit(exitFailure)
			}
		}
	}
}

// run runs the command args names; everything it prints goes through a
// safeWriter.
func run(args []string, stdout, stderr io.Writer) int {
	so, se := safe(stdout), safe(stderr)
	defer so.flush()
	defer se.flush()
	return dispatch(args, so, se)
}

func dispatch(args []string, stdout, stderr io.Writer) int {
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
	names := make([]string, len(commands))
	for i, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
		names[i] = c.name
	}
	fmt.Fprintf(stderr, "seams: unknown command %q%s\n\n", args[0], didYouMean(args[0], append(names, "help"), ""))
	usage(stderr)
	return exitFailure
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "seams finds the domain seams in a Go monolith: candidate bounded contexts\nfrom code imports, shared database tables, git co-change and the domain\nvocabulary of the code.\n\nUsage:\n\n\tseams <command> [flags] [DIR]\n\nCommands:\n\n")
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
