package webhook

import (
	"context"

	"github.com/jmoiron/sqlx"

	"example.com/layered/types"
)

// Store keeps webhooks in the webhooks table.
type Store struct {
	db *sqlx.DB
}

// DeliveryStore keeps the deliveries of webhooks.
type DeliveryStore struct {
	db *sqlx.DB
}

type webhookRow struct {
	ID        int64  `db:"webhook_id"`
	TargetURL string `db:"webhook_url"`
	Secret    string `db:"webhook_secret"`
	Triggers  string `db:"webhook_triggers"`
}

const webhookColumns = `webhook_id, webhook_url, webhook_secret, webhook_triggers`

func (s *Store) Find(ctx context.Context, id int64) (*types.Webhook, error) {
	row := &webhookRow{}
	err := s.db.GetContext(ctx, row, "SELECT "+webhookColumns+" FROM webhooks WHERE webhook_id = $1", id)
	return mapWebhook(row), err
}

func (s *Store) Update(ctx context.Context, w *types.Webhook) error {
	_, err := s.db.ExecContext(ctx, "UPDATE webhooks SET webhook_secret = $1 WHERE webhook_id = $2", w.Secret, w.ID)
	return err
}

func (s *DeliveryStore) List(ctx context.Context, webhookID int64) ([]*types.WebhookDelivery, error) {
	return nil, nil
}

func mapWebhook(row *webhookRow) *types.Webhook { return nil }
