package store

import (
	"context"
	"errors"
	"fmt"
)

// ErrSchemaBehind is the database schema missing migrations this binary carries.
var ErrSchemaBehind = errors.New("store: the database schema is behind this binary")

// Ready reports whether this instance can serve: the database answers and every migration this
// binary carries is applied. A database ahead of the binary (a newer instance migrated it during
// a rolling upgrade) is ready too; one behind it, or unreachable, is not.
func (s *Store) Ready(ctx context.Context) error {
	if err := s.Ping(ctx); err != nil {
		return err
	}
	p, err := s.migrator()
	if err != nil {
		return err
	}
	current, target, err := p.GetVersions(ctx)
	if err != nil {
		return fmt.Errorf("store: schema version: %w", err)
	}
	if current < target {
		return fmt.Errorf("%w: version %d, this binary needs %d (run `creditdesk migrate`)", ErrSchemaBehind, current, target)
	}
	return nil
}
