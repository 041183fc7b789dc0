package store

import (
	"context"
	"strings"
	"time"
)

// RecordSignInFailure remembers a failed sign-in for the email and the client address, at the
// wall clock's time: the lockout window is real time, whatever the business day. The counts
// live in the database so that the limit holds across several instances.
func (s *Store) RecordSignInFailure(ctx context.Context, email, address string) error {
	f := SignInFailure{Email: strings.ToLower(strings.TrimSpace(email)), Address: address, At: s.wall()}
	return wrap("record sign-in failure", s.conn(ctx).Create(&f).Error)
}

// SignInFailures counts the failures since a time for an email and for an address.
func (s *Store) SignInFailures(ctx context.Context, email, address string, since time.Time) (byEmail, byAddress int64, err error) {
	return countSince[SignInFailure](ctx, s, "count sign-in failures", email, address, since)
}

// countSince counts the rows of T (sign-in failures, link requests) at or after since, for an
// email and for a client address: what a limit on both compares with.
func countSince[T any](ctx context.Context, s *Store, op, email, address string, since time.Time) (byEmail, byAddress int64, err error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if err = s.conn(ctx).Model(new(T)).Where("email = ? AND at >= ?", email, since.UTC()).Count(&byEmail).Error; err != nil {
		return 0, 0, wrap(op, err)
	}
	err = s.conn(ctx).Model(new(T)).Where("address = ? AND at >= ?", address, since.UTC()).Count(&byAddress).Error
	return byEmail, byAddress, wrap(op, err)
}

// ClearSignInFailures forgets the failures of an email (after a successful sign-in, or a new
// password), and drops every failure older than before, so the table stays small (the zero
// time drops none).
func (s *Store) ClearSignInFailures(ctx context.Context, email string, before time.Time) error {
	err := s.conn(ctx).Where("email = ? OR at < ?", strings.ToLower(strings.TrimSpace(email)), before.UTC()).
		Delete(&SignInFailure{}).Error
	return wrap("clear sign-in failures", err)
}
