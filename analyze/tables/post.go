package tables

// What one statement means can depend on others: a CTE defined in the
// constant it is concatenated with, a temporary table created earlier
// in the same file or function, a function defined in a migration.
// relate applies those after every statement has been read.
func (f *finisher) relate() {
	tempFile := map[string][]string{}
	tempFunc := map[[2]string][]string{}
	for _, s := range f.stmts {
		for _, t := range s.reading.temp {
			file, _ := splitWhere(s.Where)
			tempFile[file] = append(tempFile[file], t)
			if s.Func != "" {
				k := [2]string{s.Package, s.Func}
				tempFunc[k] = append(tempFunc[k], t)
			}
		}
	}
	ix := newFuncIndex(f.stmts)
	for _, s := range f.stmts {
		if s.How == HowBuilder {
			continue
		}
		s.Tables = dropTables(s.Tables, s.shadow)
		if len(tempFile) > 0 {
			file, _ := splitWhere(s.Where)
			s.Tables = dropTables(s.Tables, tempFile[file])
			s.Tables = dropTables(s.Tables, tempFunc[[2]string{s.Package, s.Func}])
		}
		if called := ix.called(s); len(called) > 0 {
			s.Tables = dedupe(append(s.Tables, called...))
		}
	}
}
