package analyze

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/report"
)

// SQLConfig tunes the table-access signal.
type SQLConfig struct {
	Dialect string   // postgres, mysql or sqlite; "" guesses from the driver
	Ignore  []string // more tables to leave out; * matches any run
}

// fillSQL writes what the SQL pass found into the model and returns the
// accesses for the coupling model.
func fillSQL(m *report.Model, res *tables.Result) []graph.TableUse {
	s := &m.Signals.SQL
	s.Dialect, s.DialectReason = res.Dialect, res.DialectReason
	s.Statements, s.Parsed, s.Scanned, s.NotUnderstood = res.Found, res.Parsed, res.Scanned, res.Unknown
	if len(res.ByDialect) > 0 {
		s.ByDialect = res.ByDialect
	}
	s.Status = report.StatusOK
	s.Detail = fmt.Sprintf("%d statements (%d parsed, %d scanned, %d not understood) and %d query-builder or ORM sites; %d tables",
		res.Found, res.Parsed, res.Scanned, res.Unknown, res.Builder, len(res.Tables))
	if res.Dialect != "" {
		s.Detail += "; read as " + res.Dialect + " (" + res.DialectReason + ")"
	}
	switch {
	case res.Found+res.Builder == 0:
		s.Status = report.StatusUnavailable
		s.Detail = "no SQL found: no table coupling"
	case res.Unknown > 0:
		s.Status = report.StatusPartial
	}
	for _, w := range res.Warnings {
		m.Warnings = append(m.Warnings, report.Warning{Signal: SignalSQL, Message: w.Message, Where: w.Where})
	}

	// The first statement through which a package reads, writes or
	// defines a table: where check points when that access is new.
	at := map[[3]string]string{}
	for _, st := range res.Statements {
		for _, a := range st.Tables {
			k := [3]string{st.Package, a.Table, a.Access}
			if _, ok := at[k]; !ok {
				at[k] = st.Where
			}
		}
	}
	users := func(us []tables.User, access string, table string) []report.TableUser {
		out := []report.TableUser{}
		for _, u := range us {
			tu := report.TableUser{Package: u.Package, Via: tables.Direct}
			if u.Carried {
				tu.Via = tables.Carried
			} else {
				tu.At = at[[3]string{u.Package, table, access}]
			}
			out = append(out, tu)
		}
		return out
	}
	for _, t := range res.Tables {
		m.Tables = append(m.Tables, report.Table{
			Name:    t.Name,
			Readers: users(t.Readers, tables.Read, t.Name),
			Writers: users(t.Writers, tables.Write, t.Name),
			DDL:     users(t.DDL, tables.DDL, t.Name),
		})
	}
	var uses []graph.TableUse
	for i := range m.Packages {
		p := &m.Packages[i]
		for _, pt := range res.Packages[p.Path] {
			p.Tables = append(p.Tables, report.PackageTable{Name: pt.Name, Access: pt.Access, Via: pt.Via})
			uses = append(uses, graph.TableUse{Package: p.Path, Table: pt.Name,
				Write: pt.Access == tables.Write, DDL: pt.Access == tables.DDL, Carried: pt.Via == tables.Carried})
		}
	}
	sort.Slice(uses, func(i, j int) bool {
		a, b := uses[i], uses[j]
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		return a.Table < b.Table
	})
	return uses
}

// sqlDialects are the dialects the config and flags take.
var sqlDialects = []string{"postgres", "mysql", "sqlite"}

func checkDialect(d string) error {
	if d == "" {
		return nil
	}
	for _, x := range sqlDialects {
		if d == x {
			return nil
		}
	}
	return fmt.Errorf("unknown SQL dialect %q (known: %s)", d, strings.Join(sqlDialects, ", "))
}
