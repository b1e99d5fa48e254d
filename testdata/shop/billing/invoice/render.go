package invoice

import (
	"strings"
	"text/template"

	"example.com/shop/billing/store"
)

var invoiceText = template.Must(template.New("invoice").Funcs(template.FuncMap{
	"money": func(cents int64) string {
		return strings.TrimSpace(formatCents(cents))
	},
}).Parse(`INVOICE {{.Invoice.Number}}
Issued: {{.Invoice.IssuedAt.Format "2006-01-02"}}
Customer: {{.Order.CustomerName}} <{{.Order.Email}}>
Order: {{.Order.OrderID}}
Total: {{money .Invoice.TotalCents}} {{.Invoice.Currency}}
`))

// Render formats an invoice for printing or email.
func Render(inv *store.InvoiceRow, o *store.BillableOrder) (string, error) {
	var b strings.Builder
	err := invoiceText.Execute(&b, struct {
		Invoice *store.InvoiceRow
		Order   *store.BillableOrder
	}{inv, o})
	return b.String(), err
}

func formatCents(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	whole, frac := c/100, c%100
	digits := []byte{byte('0' + frac/10), byte('0' + frac%10)}
	return sign + itoa(whole) + "." + string(digits)
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}
