package main

import (
	"fmt"
	"io"

	"github.com/seams-tool/seams/analyze"
)

const baselineUsage = `Usage: seams baseline [flags] [DIR]

Analyze the repository at DIR (default ".") and write its accepted state to
.seams/baseline.json inside it (or --baseline FILE): the partition into
contexts, the metrics, and the cross-context imports, shared-write tables
and cycles that exist today, frozen so that seams check fails only on new
ones. This is the one command that writes into the analyzed repository;
commit the file. When a baseline exists, contexts keep their ids and names.

Exit status: 0 written, 2 usage error or nothing analyzable.

Examples:
  seams baseline                         freeze today's state; commit .seams/baseline.json
  seams baseline --baseline ci/seams.json
`

func runBaseline(args []string, stdout, stderr io.Writer) int {
	s := newSettings("seams baseline", baselineUsage, stderr)
	rs, code, ok := s.start(args)
	if !ok {
		return code
	}
	a, err := analyze.Run(rs.cfg)
	if err != nil {
		return s.fail(err)
	}
	rs.keepIdentity(a)
	b := a.Baseline()
	if err := writeBaseline(rs.baselinePath, b); err != nil {
		return s.fail(err)
	}
	fmt.Fprintf(stdout, "wrote %s: %d contexts, %d shared-kernel packages, %d cross-context imports, %d shared-write tables, %d cycles frozen\n",
		rs.baselinePath, len(b.Contexts), len(b.Shared), len(b.CrossImports), len(b.SharedWriteTables), len(b.Cycles))
	return exitOK
}
