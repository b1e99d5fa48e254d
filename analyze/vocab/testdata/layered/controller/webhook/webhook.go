package webhook

import (
	"context"

	"example.com/layered/auth"
	"example.com/layered/store/webhook"
	"example.com/layered/types"
)

// Controller serves the webhook endpoints.
type Controller struct {
	authorizer    auth.Authorizer
	webhookStore  webhook.Store
	deliveryStore webhook.DeliveryStore
}

type CreateInput struct {
	DisplayName string   `json:"display_name"`
	TargetURL   string   `json:"target_url"`
	Secret      string   `json:"secret"`
	Triggers    []string `json:"triggers"`
}

func (in *CreateInput) Sanitize() error { return nil }

func (c *Controller) Create(ctx context.Context, session *auth.Session, in *CreateInput) (*types.Webhook, error) {
	if err := c.authorizer.Check(ctx, session, "webhook_edit"); err != nil {
		return nil, err
	}
	return nil, nil
}

func (c *Controller) ListDeliveries(ctx context.Context, session *auth.Session, webhookID int64) ([]*types.WebhookDelivery, error) {
	return nil, nil
}

func (c *Controller) RetriggerDelivery(ctx context.Context, session *auth.Session, deliveryID int64) error {
	return nil
}
