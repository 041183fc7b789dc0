package store

import (
	"errors"
	"fmt"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// errNotFound and errConflict carry the fault kinds with a store-specific message.
var (
	errNotFound = fmt.Errorf("no such record: %w", fault.ErrNotFound)
	errConflict = fmt.Errorf("already exists: %w", fault.ErrConflict)
)

// isNotFound reports whether err is a not-found that the store mapped to fault.ErrNotFound.
func isNotFound(err error) bool { return errors.Is(err, fault.ErrNotFound) }

// isConflict reports whether err is a duplicate that the store mapped to fault.ErrConflict.
func isConflict(err error) bool { return errors.Is(err, fault.ErrConflict) }
