package store

import (
	"context"
	"strings"
)

// takeFolded reads the one row of T whose column matches value case-insensitively, as ARM
// names and Partner Center ids do.
func takeFolded[T any](ctx context.Context, s *Store, op, column, value string) (T, error) {
	var row T
	err := s.conn(ctx).Where("lower("+column+") = ?", strings.ToLower(value)).Take(&row).Error
	return row, wrap(op, err)
}

// findKeyed reads the rows of T whose column is among keys, in one query, each under the key
// that key reads from it.
func findKeyed[K comparable, T any](ctx context.Context, s *Store, op, column string, keys []K, key func(T) K) (map[K]T, error) {
	var rows []T
	if err := s.conn(ctx).Where(column+" IN ?", keys).Find(&rows).Error; err != nil {
		return nil, wrap(op, err)
	}
	out := make(map[K]T, len(rows))
	for _, r := range rows {
		out[key(r)] = r
	}
	return out, nil
}
