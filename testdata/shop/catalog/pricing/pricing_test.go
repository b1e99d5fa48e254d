package pricing

import (
	"testing"

	"example.com/shop/catalog"
)

func TestApply(t *testing.T) {
	eur := func(c int64) catalog.Money { return catalog.Money{Cents: c, Currency: "EUR"} }
	tests := []struct {
		name      string
		total     catalog.Money
		qty       int
		discounts []Discount
		want      int64
	}{
		{"none", eur(1000), 1, nil, 1000},
		{"percent", eur(1000), 1, []Discount{Percent{Rate: 10}}, 900},
		{"bulk below minimum", eur(1000), 2, []Discount{Bulk{MinQty: 3, PerUnit: 50}}, 1000},
		{"bulk", eur(3000), 3, []Discount{Bulk{MinQty: 3, PerUnit: 50}}, 2850},
		{"never negative", eur(100), 1, []Discount{Bulk{MinQty: 1, PerUnit: 500}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Apply(tt.total, tt.qty, tt.discounts); got.Cents != tt.want {
				t.Errorf("Apply = %d, want %d", got.Cents, tt.want)
			}
		})
	}
}
