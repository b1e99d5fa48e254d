package tables

import (
	"path"
	"slices"
	"strings"
)

// The live schema: replaying the DDL in the order migration tools run
// it tells which tables still exist. A table dropped, or renamed and
// not created again, is a tombstone: its Table is marked Dropped, and
// a renamed table's accesses count for its new name, so the coupling
// graph sees one table where the history has two names.
//
// The order is that of the files' paths compared with numbers read as
// numbers (0/01_init.up.sql < 2/01_x.up.sql < 10/01_y.up.sql;
// 001_a.sql < 002_b.sql; 20230101120000_x.go < 20230201090000_y.go),
// then of the lines. Down migrations (.down.sql, a down directory) are
// left out: they undo, they do not make, the live schema. Without DDL
// nothing is dropped.

// tombstone is why a table no longer exists.
type tombstone struct {
	at string // where it was dropped or renamed away
	to string // the live name it was renamed to, through chains; "" when dropped
}

// liveSchema replays the DDL of the statements and returns the tables
// that no longer exist.
func liveSchema(stmts []*stmt) map[string]tombstone {
	var ddl []*stmt
	for _, s := range stmts {
		if len(s.reading.ops) > 0 && !downMigration(s.Where) {
			ddl = append(ddl, s)
		}
	}
	if len(ddl) == 0 {
		return nil
	}
	slices.SortStableFunc(ddl, func(a, b *stmt) int {
		fa, la := splitWhere(a.Where)
		fb, lb := splitWhere(b.Where)
		if c := naturalCompare(fa, fb); c != 0 {
			return c
		}
		return la - lb
	})
	gone := map[string]tombstone{}
	renamedFrom := map[string][]string{} // live name -> names renamed into it
	for _, s := range ddl {
		for _, op := range s.reading.ops {
			switch op.op {
			case opCreate:
				delete(gone, op.name)
			case opDrop:
				gone[op.name] = tombstone{at: s.Where}
				for _, old := range renamedFrom[op.name] {
					gone[old] = tombstone{at: gone[old].at}
				}
				delete(renamedFrom, op.name)
			case opRename:
				if op.name == op.to {
					continue
				}
				delete(gone, op.to)
				gone[op.name] = tombstone{at: s.Where, to: op.to}
				olds := append(renamedFrom[op.name], op.name)
				for _, old := range olds {
					t := gone[old]
					t.to = op.to
					gone[old] = t
				}
				renamedFrom[op.to] = append(renamedFrom[op.to], olds...)
				delete(renamedFrom, op.name)
			}
		}
	}
	return gone
}

// downMigration reports a file that undoes a migration.
func downMigration(where string) bool {
	file, _ := splitWhere(where)
	base := path.Base(file)
	if strings.Contains(base, ".down.") || strings.HasSuffix(base, "_down.sql") || base == "down.sql" {
		return true
	}
	return slices.Contains(strings.Split(path.Dir(file), "/"), "down")
}

// naturalCompare orders strings with runs of digits compared as
// numbers, as migration tools order their versions.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) - len(nb)
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digitRun(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// mapRenamed rewrites the accesses to renamed tables to their live names.
func mapRenamed(stmts []*stmt, gone map[string]tombstone) {
	for _, s := range stmts {
		changed := false
		for i, a := range s.Tables {
			if t, ok := gone[a.Table]; ok && t.to != "" {
				s.Tables[i].Table = t.to
				changed = true
			}
		}
		if changed {
			s.Tables = dedupe(s.Tables)
		}
	}
}
