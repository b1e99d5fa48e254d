package tables

// What a DDL statement does to the schema, for the live schema
// (schema.go): the scanner records it while it finds the tables.

// schemaOp is what a DDL statement does to the set of tables.
type schemaOp struct {
	op       byte // opCreate, opDrop, opRename
	name, to string
}

const (
	opCreate = 'c'
	opDrop   = 'd'
	opRename = 'r'
)

// names returns the tables added to sc.acc since index from.
func (sc *scanner) names(from int) []string {
	var out []string
	for _, a := range sc.acc[from:] {
		out = append(out, a.Table)
	}
	return out
}

// maintenance reads ANALYZE and VACUUM [options] t [(cols)] {, ...}:
// the tables are ddl, as the schema's upkeep is.
func (sc *scanner) maintenance() {
	i := 1
	for {
		switch {
		case sc.is(i, "("):
			i = sc.close(i)
			continue
		case sc.word(i) == "VERBOSE" || sc.word(i) == "FULL" || sc.word(i) == "FREEZE" || sc.word(i) == "ANALYZE" || sc.word(i) == "SKIP_LOCKED":
			i++
			continue
		}
		break
	}
	for {
		from := len(sc.acc)
		next := sc.add(i, DDL, false)
		if len(sc.acc) == from {
			return
		}
		i = next
		if sc.is(i, "(") {
			i = sc.close(i)
		}
		if !sc.is(i, ",") {
			return
		}
		i++
	}
}

// renameTable reads MySQL's RENAME TABLE a TO b {, c TO d}.
func (sc *scanner) renameTable() {
	i := 2
	for {
		from, next, ok := sc.name(i)
		if !ok || sc.word(next) != "TO" {
			return
		}
		to, after, ok := sc.name(next + 1)
		if !ok {
			return
		}
		sc.acc = append(sc.acc, Access{from, DDL}, Access{to, DDL})
		sc.ops = append(sc.ops, schemaOp{opRename, from, to})
		if !sc.is(after, ",") {
			return
		}
		i = after + 1
	}
}

// schemaOps records what CREATE, DROP or ALTER TABLE/VIEW does to the
// tables it names; a temporary table is no part of the schema.
func (sc *scanner) schemaOps(verb string, temp bool, names []string, altered *string) {
	if len(names) == 0 {
		return
	}
	switch verb {
	case "CREATE":
		if temp {
			sc.temp = append(sc.temp, names[0])
		} else {
			sc.ops = append(sc.ops, schemaOp{op: opCreate, name: names[0]})
		}
	case "DROP":
		for _, n := range names {
			sc.ops = append(sc.ops, schemaOp{op: opDrop, name: n})
		}
	case "ALTER":
		*altered = names[0]
	}
}
