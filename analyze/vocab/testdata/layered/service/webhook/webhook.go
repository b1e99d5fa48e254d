package webhook

import (
	"context"

	"example.com/layered/events"
	"example.com/layered/types"
)

// Service delivers webhooks when events fire.
type Service struct {
	publisher events.Publisher
	signer    Signer
}

// Signer signs a delivery's payload with the webhook's secret.
type Signer interface {
	Sign(payload []byte, secret string) string
}

const (
	eventDeliverySucceeded = "webhook.delivery_succeeded"
	eventDeliveryFailed    = "webhook.delivery_failed"
)

func (s *Service) Deliver(ctx context.Context, w *types.Webhook, payload []byte) (*types.WebhookDelivery, error) {
	return nil, s.publisher.Publish(ctx, eventDeliverySucceeded, w)
}

func (s *Service) Retrigger(ctx context.Context, d *types.WebhookDelivery) error {
	return s.publisher.Publish(ctx, eventDeliveryFailed, d)
}
