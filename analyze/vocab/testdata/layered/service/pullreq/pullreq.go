package pullreq

import (
	"context"

	"example.com/layered/events"
	"example.com/layered/types"
)

// Service reacts to pull request events.
type Service struct {
	publisher events.Publisher
	merger    Merger
}

// Merger merges a pull request's source branch into its target branch.
type Merger interface {
	Merge(ctx context.Context, pr *types.PullReq, method string) (*types.MergeResult, error)
}

const (
	eventPullReqMerged = "pullreq.merged"
	eventReviewerAdded = "pullreq.reviewer_added"
	eventBranchUpdated = "pullreq.branch_updated"
)

func (s *Service) handleMerged(ctx context.Context, pr *types.PullReq) error {
	return s.publisher.Publish(ctx, eventPullReqMerged, pr)
}

func (s *Service) handleReviewerAdded(ctx context.Context, pr *types.PullReq, reviewer *types.Reviewer) error {
	return s.publisher.Publish(ctx, eventReviewerAdded, reviewer)
}

func (s *Service) handleBranchUpdated(ctx context.Context, sourceBranch string) error {
	return nil
}
