package store

import (
	"context"
	"time"
)

// ProcessRun is one periodic run of `creditdesk serve`, as recorded by the instance that ran it.
type ProcessRun struct {
	ID         int64
	Slot       time.Time  // start of the interval the run belongs to
	Instance   string     // host and process id of the instance
	StartedAt  time.Time  // wall clock
	FinishedAt *time.Time // nil while running, and for good when the instance died during the run
	Profiles   int        // billing profiles processed
	Failures   int        // billing profiles that failed
	Error      string     // why the run as a whole failed; "" when it ran
}

// SlotDone reports whether a run of the slot has finished, by whichever instance.
func (s *Store) SlotDone(ctx context.Context, slot time.Time) (bool, error) {
	var n int64
	err := s.conn(ctx).Model(&ProcessRun{}).Where("slot = ? AND finished_at IS NOT NULL", slot.UTC()).Count(&n).Error
	return n > 0, wrap("process runs: slot done", err)
}

// StartProcessRun records that a run of r.Slot begins and returns it with its id.
func (s *Store) StartProcessRun(ctx context.Context, r ProcessRun) (ProcessRun, error) {
	r.Slot, r.StartedAt = r.Slot.UTC(), r.StartedAt.UTC()
	err := s.conn(ctx).Create(&r).Error
	return r, wrap("process runs: start", err)
}

// FinishProcessRun records how a run ended. A second finished run of one slot is refused
// (fault.ErrConflict): it would mean two instances ran the same interval.
func (s *Store) FinishProcessRun(ctx context.Context, r ProcessRun) error {
	finished := r.FinishedAt.UTC()
	err := s.conn(ctx).Model(&ProcessRun{}).Where("id = ?", r.ID).Updates(map[string]any{
		"finished_at": finished, "profiles": r.Profiles, "failures": r.Failures, "error": r.Error,
	}).Error
	return wrap("process runs: finish", err)
}

// LastSucceededRun returns the newest run that finished with every profile processed, by
// whichever instance; false when there is none.
func (s *Store) LastSucceededRun(ctx context.Context) (ProcessRun, bool, error) {
	var runs []ProcessRun
	err := s.conn(ctx).Where("finished_at IS NOT NULL AND error = '' AND failures = 0").
		Order("finished_at DESC, id DESC").Limit(1).Find(&runs).Error
	if err != nil || len(runs) == 0 {
		return ProcessRun{}, false, wrap("process runs: last succeeded", err)
	}
	return runs[0], true, nil
}

// ProcessRuns returns the newest runs, newest first, at most limit of them.
func (s *Store) ProcessRuns(ctx context.Context, limit int) ([]ProcessRun, error) {
	var runs []ProcessRun
	err := s.conn(ctx).Order("started_at DESC, id DESC").Limit(limit).Find(&runs).Error
	return runs, wrap("process runs: list", err)
}

// PruneProcessRuns deletes the runs started before a wall-clock instant, so that the table holds
// a bounded history (an hourly run writes 8,760 rows a year), and returns how many it deleted.
// The last succeeded run stays whatever its age: a new leader carries it into its metrics
// (LastSucceededRun). A run of a slot that old is never started again, since slots follow the
// wall clock.
func (s *Store) PruneProcessRuns(ctx context.Context, before time.Time) (int64, error) {
	db := s.conn(ctx)
	last := db.Model(&ProcessRun{}).Select("id").Where("finished_at IS NOT NULL AND error = '' AND failures = 0").
		Order("finished_at DESC, id DESC").Limit(1)
	res := db.Where("started_at < ? AND id NOT IN (?)", before.UTC(), last).Delete(&ProcessRun{})
	return res.RowsAffected, wrap("process runs: prune", res.Error)
}
