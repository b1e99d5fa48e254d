package pullreq

import (
	"context"

	"github.com/jmoiron/sqlx"

	"example.com/layered/types"
)

// Store keeps pull requests in the pullreqs table.
type Store struct {
	db *sqlx.DB
}

// ReviewerStore keeps the reviewers of pull requests.
type ReviewerStore struct {
	db *sqlx.DB
}

type pullReqRow struct {
	ID           int64  `db:"pullreq_id"`
	Number       int64  `db:"pullreq_number"`
	SourceBranch string `db:"pullreq_source_branch"`
	TargetBranch string `db:"pullreq_target_branch"`
	MergedBy     *int64 `db:"pullreq_merged_by"`
}

const pullReqColumns = `pullreq_id, pullreq_number, pullreq_source_branch, pullreq_target_branch`

func (s *Store) Find(ctx context.Context, id int64) (*types.PullReq, error) {
	row := &pullReqRow{}
	err := s.db.GetContext(ctx, row, "SELECT "+pullReqColumns+" FROM pullreqs WHERE pullreq_id = $1", id)
	return mapPullReq(row), err
}

func (s *Store) Update(ctx context.Context, pr *types.PullReq) error {
	_, err := s.db.ExecContext(ctx, "UPDATE pullreqs SET pullreq_merged_by = $1 WHERE pullreq_id = $2", pr.MergedBy, pr.ID)
	return err
}

func (s *ReviewerStore) List(ctx context.Context, pullReqID int64) ([]*types.Reviewer, error) {
	return nil, nil
}

func mapPullReq(row *pullReqRow) *types.PullReq { return nil }
