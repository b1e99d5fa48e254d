package pipeline

import (
	"context"

	"example.com/layered/auth"
	"example.com/layered/store/pipeline"
	"example.com/layered/types"
)

// Controller serves the pipeline endpoints.
type Controller struct {
	authorizer     auth.Authorizer
	pipelineStore  pipeline.Store
	executionStore pipeline.ExecutionStore
}

type CreateInput struct {
	Identifier string `json:"identifier"`
	ConfigPath string `json:"config_path"`
	Trigger    string `json:"trigger"`
}

func (in *CreateInput) Sanitize() error { return nil }

type ExecutionInput struct {
	Branch string `json:"branch"`
}

func (c *Controller) Create(ctx context.Context, session *auth.Session, in *CreateInput) (*types.Pipeline, error) {
	if err := c.authorizer.Check(ctx, session, "pipeline_edit"); err != nil {
		return nil, err
	}
	return nil, nil
}

func (c *Controller) CreateExecution(ctx context.Context, session *auth.Session, in *ExecutionInput) (*types.Execution, error) {
	return nil, nil
}

func (c *Controller) ListStages(ctx context.Context, session *auth.Session, executionNumber int64) ([]*types.Stage, error) {
	return nil, nil
}
