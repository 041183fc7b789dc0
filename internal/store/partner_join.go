package store

import (
	"context"
	"fmt"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/password"
)

// NoPasswordNote is what the portal and the audit log say about a user that a partner admin
// added: the account exists, but only an operator can give it a password.
const NoPasswordNote = "no password yet: an operator sets one with `creditdesk users set-password`"

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
		if err := s.CreateUser(ctx, &u); err != nil {
			return err
		}
		if err := s.RecordAudit(ctx, actor, "user.created", p.ScopeID(), u.Email, "", u.Name+"; "+NoPasswordNote); err != nil {
			return err
		}
	case err != nil:
		return err
	}
	_, created, err := s.EnsurePartnerMember(ctx, p.ID, u.ID)
	if err != nil {
		return err
	}
	if !created {
		return &benefits.RuleError{Rule: benefits.RuleInput, Field: benefits.FieldEmail, Message: fmt.Sprintf(
			"%s is already a member of %s; find them with the search above.", u.Email, p.Name)}
	}
	return s.RecordAudit(ctx, actor, "partner.member_added", p.ScopeID(), u.Email, "", "member")
}
