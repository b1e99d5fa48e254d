package pipeline

import (
	"context"

	"github.com/jmoiron/sqlx"

	"example.com/layered/types"
)

// Store keeps pipelines in the pipelines table.
type Store struct {
	db *sqlx.DB
}

// ExecutionStore keeps pipeline executions.
type ExecutionStore struct {
	db *sqlx.DB
}

type executionRow struct {
	ID         int64  `db:"execution_id"`
	PipelineID int64  `db:"execution_pipeline_id"`
	Number     int64  `db:"execution_number"`
	Trigger    string `db:"execution_trigger"`
	Stages     string `db:"execution_stages"`
}

const executionColumns = `execution_id, execution_pipeline_id, execution_number, execution_trigger`

func (s *Store) Find(ctx context.Context, id int64) (*types.Pipeline, error) {
	return nil, nil
}

func (s *ExecutionStore) Find(ctx context.Context, pipelineID, number int64) (*types.Execution, error) {
	row := &executionRow{}
	err := s.db.GetContext(ctx, row, "SELECT "+executionColumns+" FROM executions WHERE execution_pipeline_id = $1", pipelineID)
	return mapExecution(row), err
}

func (s *ExecutionStore) Update(ctx context.Context, e *types.Execution) error {
	_, err := s.db.ExecContext(ctx, "UPDATE executions SET execution_stages = $1 WHERE execution_id = $2", e.Stages, e.ID)
	return err
}

func mapExecution(row *executionRow) *types.Execution { return nil }
