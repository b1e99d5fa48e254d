// Package search answers free-text product queries with PostgreSQL full
// text search, reading the catalog tables directly for speed.
package search

import (
	"context"

	"example.com/shop/catalog"
	"example.com/shop/platform/db"
	"example.com/shop/platform/errs"
)

const searchProducts = `SELECT p.id, p.sku, p.name, c.name, ts_rank(p.search_vector, q) AS rank
	FROM products p
	JOIN categories c ON c.id = p.category_id,
	     plainto_tsquery('english', $1) q
	WHERE p.search_vector @@ q AND p.archived_at IS NULL
	ORDER BY rank DESC
	LIMIT $2`

// Searcher runs product searches.
type Searcher struct {
	q db.Querier
}

// New returns a searcher using q.
func New(q db.Querier) *Searcher {
	return &Searcher{q: q}
}

// Hit is one search result with its relevance.
type Hit struct {
	Product catalog.Product
	Rank    float64
}

// Search returns at most limit products matching text, best first.
func (s *Searcher) Search(ctx context.Context, text string, limit int) ([]Hit, error) {
	text = Normalize(text)
	if text == "" {
		return nil, errs.Invalid("search.Search", "empty query")
	}
	rows, err := s.q.QueryContext(ctx, searchProducts, text, clampLimit(limit))
	if err != nil {
		return nil, errs.E(errs.KindInternal, "search.Search", err)
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		p := &h.Product
		if err := rows.Scan(&p.ID, &p.SKU, &p.Name, &p.Category.Name, &h.Rank); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}
