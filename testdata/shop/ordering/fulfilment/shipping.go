package fulfilment

import (
	"context"
	"fmt"
	"time"
)

// Parcel is what a carrier needs to know to book a pickup.
type Parcel struct {
	OrderID int64
	Items   int
}

// Carrier books parcels and returns a tracking number.
type Carrier interface {
	Name() string
	Book(ctx context.Context, p Parcel) (string, error)
}

// Manual is the carrier used before an integration exists: the warehouse
// books by phone and the tracking number is derived locally.
type Manual struct {
	Prefix string
}

// Name implements Carrier.
func (m Manual) Name() string { return "manual" }

// Book implements Carrier.
func (m Manual) Book(_ context.Context, p Parcel) (string, error) {
	return fmt.Sprintf("%s-%d-%s", m.Prefix, p.OrderID, time.Now().Format("20060102")), nil
}

// Rate returns the shipping cost in cents for a parcel of n items.
func Rate(n int) int64 {
	switch {
	case n <= 0:
		return 0
	case n <= 3:
		return 490
	default:
		return 490 + int64(n-3)*120
	}
}
