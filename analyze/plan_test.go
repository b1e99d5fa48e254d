package analyze

import (
	"fmt"
	"reflect"
	"testing"
)

// TestShopPlan asserts the strangler plan of the fixture's billing
// context exactly. Every entry was checked by hand against the fixture's
// source: api/dto reads a billing.Statement's Order, Invoice (twice) and
// Balance, api calls Service.Pay and Service.Statement, ordering/fulfilment
// holds an invoice.Issuer (twice) and calls PrintForOrder, cmd/shopd wires
// five constructors; billing calls ordering's Service.Get twice and
// MarkPaid, reads Order.Status twice and Order.Total's Cents; its store
// reads orders (ordering writes them) and users (identity does).
func TestShopPlan(t *testing.T) {
	m := model(t, testConfig(shopRepo(t)))
	name := map[string]string{}
	for _, c := range m.Contexts {
		name[c.ID] = c.Name
	}
	for _, c := range m.Contexts {
		if c.Name != "billing" {
			continue
		}
		p := c.Plan
		var api, uses []string
		for _, s := range p.API {
			api = append(api, fmt.Sprintf("%s.%s %s %v %d", s.Package, s.Symbol, s.Kind, s.UsedBy, s.Sites))
		}
		for _, s := range p.Uses {
			uses = append(uses, fmt.Sprintf("%s.%s %s %v %s %d", s.Package, s.Symbol, s.Kind, s.UsedBy, name[s.Contexts[0]], s.Sites))
		}
		wantAPI := []string{
			"billing.Statement.Invoice field [api/dto] 2",
			"billing/invoice.Issuer type [ordering/fulfilment] 2",
			"billing.Invoice.Number field [api/dto] 1",
			"billing.NewService func [cmd/shopd] 1",
			"billing.Service type [api] 1",
			"billing.Service.Pay method [api] 1",
			"billing.Service.Statement method [api] 1",
			"billing.Statement type [api/dto] 1",
			"billing.Statement.Balance method [api/dto] 1",
			"billing.Statement.Order field [api/dto] 1",
			"billing/invoice.Issuer.PrintForOrder method [ordering/fulfilment] 1",
			"billing/invoice.NewIssuer func [cmd/shopd] 1",
			"billing/payment.NewHTTPGateway func [cmd/shopd] 1",
			"billing/payment.NewProcessor func [cmd/shopd] 1",
			"billing/store.New func [cmd/shopd] 1",
		}
		wantUses := []string{
			"ordering.Order.Status field [billing] ordering 2",
			"ordering.Service type [billing] ordering 2",
			"ordering.Service.Get method [billing] ordering 2",
			"catalog.Money.Cents field [billing] catalog 1",
			"ordering.Order type [billing] ordering 1",
			"ordering.Order.Total field [billing] ordering 1",
			"ordering.Service.MarkPaid method [billing] ordering 1",
			"ordering.StatusPlaced const [billing] ordering 1",
		}
		if !reflect.DeepEqual(api, wantAPI) {
			t.Errorf("api:\n%q\nwant\n%q", api, wantAPI)
		}
		if !reflect.DeepEqual(uses, wantUses) {
			t.Errorf("uses:\n%q\nwant\n%q", uses, wantUses)
		}
		var consumes []string
		for _, f := range p.Consumes {
			consumes = append(consumes, fmt.Sprintf("%s %v %s", f.Table, f.Verbs, name[f.Contexts[0]]))
		}
		if want := []string{"orders [created updated] ordering", "users [created updated] identity"}; !reflect.DeepEqual(consumes, want) {
			t.Errorf("consumes %q, want %q", consumes, want)
		}
		if len(p.Publishes) != 0 || len(p.SharedWrites) != 0 {
			t.Errorf("publishes %+v, shared writes %+v: no other context reads or writes billing's tables with its own SQL", p.Publishes, p.SharedWrites)
		}
		var owners []string
		for _, o := range p.Owners {
			owners = append(owners, fmt.Sprintf("%s %d %.3f", o.Author, o.Commits, o.Share))
		}
		if want := []string{"carol@shop.test 18 0.500", "erin@shop.test 16 0.444", "bob@shop.test 2 0.056"}; !reflect.DeepEqual(owners, want) || p.Commits != 36 || p.Concentration != 0.451 {
			t.Errorf("owners %q of %d commits, concentration %v", owners, p.Commits, p.Concentration)
		}
		var homonyms []string
		for _, h := range p.Homonyms {
			homonyms = append(homonyms, fmt.Sprintf("%s %v %v", h.Type, h.Packages, h.Elsewhere))
		}
		if want := []string{"Service [billing] [catalog identity ordering ordering/cart]", "Statement [billing] [api/dto]", "Store [billing/store] [catalog/store identity/store ordering/store]"}; !reflect.DeepEqual(homonyms, want) {
			t.Errorf("homonyms %q, want %q", homonyms, want)
		}
		kinds := []string{}
		for _, s := range p.Steps {
			kinds = append(kinds, s.Kind)
		}
		if want := []string{"read-model", "facade", "callbacks", "retire"}; !reflect.DeepEqual(kinds, want) {
			t.Errorf("steps %v, want %v", kinds, want)
		}
		return
	}
	t.Fatal("no billing context")
}
