package payment

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"example.com/shop/platform/config"
)

// Result is the gateway's answer to a charge or refund.
type Result struct {
	Approved  bool   `json:"approved"`
	Reference string `json:"reference"`
}

// Gateway is the card processor.
type Gateway interface {
	Charge(ctx context.Context, cardToken string, cents int64) (Result, error)
	Refund(ctx context.Context, reference string, cents int64) (Result, error)
}

// HTTPGateway talks to the processor's REST API.
type HTTPGateway struct {
	baseURL string
	apiKey  string
	client  *http.Client
}

// NewHTTPGateway returns a gateway configured from cfg.
func NewHTTPGateway(cfg *config.Config) *HTTPGateway {
	return &HTTPGateway{baseURL: cfg.GatewayURL, apiKey: cfg.GatewayAPIKey, client: &http.Client{Timeout: 10 * time.Second}}
}

// Charge implements Gateway.
func (g *HTTPGateway) Charge(ctx context.Context, cardToken string, cents int64) (Result, error) {
	return g.post(ctx, "/v1/charges", map[string]any{"source": cardToken, "amount": cents})
}

// Refund implements Gateway.
func (g *HTTPGateway) Refund(ctx context.Context, reference string, cents int64) (Result, error) {
	return g.post(ctx, "/v1/refunds", map[string]any{"charge": reference, "amount": cents})
}

func (g *HTTPGateway) post(ctx context.Context, path string, body any) (Result, error) {
	var res Result
	buf, err := json.Marshal(body)
	if err != nil {
		return res, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.baseURL+path, bytes.NewReader(buf))
	if err != nil {
		return res, err
	}
	req.Header.Set("Authorization", "Bearer "+g.apiKey)
	resp, err := g.client.Do(req)
	if err != nil {
		return res, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return res, fmt.Errorf("gateway: %s", resp.Status)
	}
	return res, json.NewDecoder(resp.Body).Decode(&res)
}
