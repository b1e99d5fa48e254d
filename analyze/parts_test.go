package analyze

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/report/schema"
)

// writeMono writes a repository whose one large package, core, holds two
// domains' files (billing_*.go, shipping_*.go), each used by its own
// domain's packages.
func writeMono(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	pad := func(prefix string, n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "var %sRate%d = %d\n", prefix, i, i)
		}
		return b.String()
	}
	files := map[string]string{
		"go.mod":                  "module example.com/mono\n\ngo 1.22\n",
		"core/billing_invoice.go": "package core\n\ntype Invoice struct{ Amount, Tax int }\n\nfunc NewInvoice(amount int) Invoice { return Invoice{Amount: amount} }\n\n" + pad("invoice", 1400),
		"core/billing_charge.go":  "package core\n\ntype Charge struct{ Invoice Invoice }\n\nfunc ChargeInvoice(i Invoice) Charge { return Charge{Invoice: i} }\n\n" + pad("charge", 1300),
		"core/shipping_parcel.go": "package core\n\ntype Parcel struct{ Weight int }\n\nfunc NewParcel(w int) Parcel { return Parcel{Weight: w} }\n\n" + pad("parcel", 1400),
		"core/shipping_route.go":  "package core\n\ntype Route struct{ Stops []Parcel }\n\nfunc PlanRoute(p ...Parcel) Route { return Route{Stops: p} }\n\n" + pad("route", 1300),
		"billing/api/api.go": `package api

import (
	"example.com/mono/billing/ledger"
	"example.com/mono/core"
)

type InvoiceRequest struct{ Amount int }

func PostInvoice(r InvoiceRequest) core.Charge {
	inv := core.NewInvoice(r.Amount)
	ledger.RecordInvoice(inv)
	return core.ChargeInvoice(inv)
}
`,
		"billing/ledger/ledger.go": `package ledger

import "example.com/mono/core"

type InvoiceEntry struct{ Invoice core.Invoice }

func RecordInvoice(i core.Invoice) InvoiceEntry { return InvoiceEntry{Invoice: i} }

func ChargeEntries(c []core.Charge) []InvoiceEntry { return nil }
`,
		"shipping/api/api.go": `package api

import (
	"example.com/mono/core"
	"example.com/mono/shipping/tracking"
)

type ParcelRequest struct{ Weight int }

func PostParcel(r ParcelRequest) core.Route {
	p := core.NewParcel(r.Weight)
	tracking.TrackParcel(p)
	return core.PlanRoute(p)
}
`,
		"shipping/tracking/tracking.go": `package tracking

import "example.com/mono/core"

type ParcelEvent struct{ Parcel core.Parcel }

func TrackParcel(p core.Parcel) ParcelEvent { return ParcelEvent{Parcel: p} }

func RouteEvents(r core.Route) []ParcelEvent { return nil }
`,
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestPartsPlaceTheirUsers clusters a package too large to place whole by
// its parts: each domain's packages go with the part they use, where the
// package clustered whole glues both domains to it.
func TestPartsPlaceTheirUsers(t *testing.T) {
	a, err := Run(testConfig(writeMono(t), schema.SignalImports, schema.SignalVocabulary))
	if err != nil {
		t.Fatal(err)
	}
	m := a.Model()
	ctx := map[string]string{}
	var core schema.Package
	for _, p := range m.Packages {
		ctx[p.Path] = p.Context
		if p.Path == "core" {
			core = p
		}
	}
	if len(core.Parts) != 2 {
		t.Fatalf("core's parts = %+v, want billing and shipping", core.Parts)
	}
	part := map[string]schema.PackagePart{}
	for _, p := range core.Parts {
		part[p.Name] = p
	}
	billing, shipping := part["billing"], part["shipping"]
	if billing.Files != 2 || shipping.Files != 2 || billing.LOC+shipping.LOC != core.LOC {
		t.Errorf("parts = %+v, want two files each, all %d lines", core.Parts, core.LOC)
	}
	if billing.Context == "" || billing.Context == shipping.Context {
		t.Fatalf("billing part in %q, shipping part in %q: want two contexts", billing.Context, shipping.Context)
	}
	for _, p := range []string{"billing/api", "billing/ledger"} {
		if ctx[p] != billing.Context {
			t.Errorf("%s in %q, want with the billing part (%q)", p, ctx[p], billing.Context)
		}
	}
	for _, p := range []string{"shipping/api", "shipping/tracking"} {
		if ctx[p] != shipping.Context {
			t.Errorf("%s in %q, want with the shipping part (%q)", p, ctx[p], shipping.Context)
		}
	}
	// The package goes where most of its lines went: billing's 2,700+.
	if core.Context != billing.Context {
		t.Errorf("core in %q, want with its larger part (%q)", core.Context, billing.Context)
	}
	var warned string
	for _, w := range m.Warnings {
		if w.Where == "core" {
			warned = w.Message
		}
	}
	if !strings.Contains(warned, "its lines went 5") || !strings.Contains(warned, "(packages[].parts)") {
		t.Errorf("core's warning = %q, want where its parts' lines went", warned)
	}

	// Clustered whole, core is either the kernel (a library its domains
	// use) or holds both domains in one context: neither says where its
	// files belong.
	whole := cluster.Cluster(a.Graph, a.Config.Cluster)
	if i, ok := whole.Of["billing/api"]; whole.Shared["core"] == "" && (!ok || whole.Of["shipping/api"] != i) {
		t.Errorf("clustered whole, core is in %d, billing/api in %d, shipping/api in %d: the test no longer shows what the parts change", whole.Of["core"], i, whole.Of["shipping/api"])
	}
}
