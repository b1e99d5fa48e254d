package pullreq

import (
	"context"

	"example.com/layered/auth"
	"example.com/layered/store/pullreq"
	"example.com/layered/types"
)

// Controller serves the pull request endpoints.
type Controller struct {
	authorizer   auth.Authorizer
	pullreqStore pullreq.Store
	reviewers    pullreq.ReviewerStore
}

type CreateInput struct {
	Title        string `json:"title"`
	SourceBranch string `json:"source_branch"`
	TargetBranch string `json:"target_branch"`
}

func (in *CreateInput) Sanitize() error { return nil }

type ReviewerAddInput struct {
	ReviewerID int64 `json:"reviewer_id"`
}

type MergeInput struct {
	Method string `json:"method"`
}

func (c *Controller) Create(ctx context.Context, session *auth.Session, in *CreateInput) (*types.PullReq, error) {
	if err := c.authorizer.Check(ctx, session, "pullreq_push"); err != nil {
		return nil, err
	}
	return nil, nil
}

func (c *Controller) ReviewerAdd(ctx context.Context, session *auth.Session, in *ReviewerAddInput) error {
	return nil
}

func (c *Controller) Merge(ctx context.Context, session *auth.Session, in *MergeInput) (*types.MergeResult, error) {
	return nil, nil
}
