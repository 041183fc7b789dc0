package store

import (
	"fmt"

	"github.com/pressly/goose/v3/lock"
)

// postgresLocker serialises migrations of several instances starting at once against one
// PostgreSQL database, with an advisory lock.
func postgresLocker() (lock.SessionLocker, error) {
	l, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, fmt.Errorf("store: migration lock: %w", err)
	}
	return l, nil
}
