package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/password"
)

// setPasswordCommand is the command the audit log names for a user that a partner admin added
// when no email can carry the invitation: it prints the invitation link for an operator.
const setPasswordCommand = "creditdesk users invite"

// addMember makes the person of Add a new user a member of an organisation (P4): a new user is
// created with a password hash no password verifies (password.Unset); an existing user who is
// not a member joins. An existing member is refused: the search finds them.
func (s *Store) addMember(ctx context.Context, actor User, p Partner, nu benefits.User) error {
	u, err := s.UserByEmail(ctx, nu.Email)
	switch {
	case isNotFound(err):
		hash, err := password.Unset()
		if err != nil {
			return err
		}
		u = User{Email: nu.Email, Name: nu.Name, PasswordHash: hash}
		if err := s.createUser(ctx, &u); err != nil {
			return err
		}
		if err := s.audit(ctx, actor, AuditEntry{Action: AuditUserCreated, Scope: p.ScopeID(), Target: emailOf(u.Email),
			After: fault.Say(KeyAuditNoPassword, u.Name, fault.Code(setPasswordCommand))}); err != nil {
			return err
		}
	case err != nil:
		return err
	}
	_, created, err := s.EnsurePartnerMember(ctx, actor, p, u)
	if err == nil && !created {
		return benefits.Input(benefits.FieldEmail, benefits.KeyMemberAlready, fault.Email(u.Email), p.Name)
	}
	return err
}
