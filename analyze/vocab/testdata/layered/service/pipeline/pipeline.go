package pipeline

import (
	"context"

	"example.com/layered/events"
	"example.com/layered/types"
)

// Service runs pipelines when their triggers fire.
type Service struct {
	publisher events.Publisher
	scheduler Scheduler
}

// Scheduler queues the stages of an execution.
type Scheduler interface {
	Schedule(ctx context.Context, stage *types.Stage) error
}

const (
	eventExecutionStarted  = "execution.started"
	eventExecutionFinished = "execution.finished"
	eventStageQueued       = "stage.queued"
)

func (s *Service) Trigger(ctx context.Context, p *types.Pipeline, trigger string) (*types.Execution, error) {
	return nil, s.publisher.Publish(ctx, eventExecutionStarted, p)
}

func (s *Service) handleStageQueued(ctx context.Context, stage *types.Stage) error {
	return s.scheduler.Schedule(ctx, stage)
}

func (s *Service) handleExecutionFinished(ctx context.Context, e *types.Execution) error {
	return s.publisher.Publish(ctx, eventExecutionFinished, e)
}
