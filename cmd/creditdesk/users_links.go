package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/password"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/web"
)

// userLink runs `users invite` and `users reset-link`: it issues a one-time link (an invitation
// creates the user without a password when needed) and prints it for the operator to pass on,
// as when no mail server is configured. The link starts with -public-url.
func userLink(ctx context.Context, sub string, args []string, env func(string) (string, bool), out io.Writer) error {
	var email, name string
	cmd, err := parseNoArgs("users "+sub, args, env, out, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "the user's email (required)")
		if sub == "invite" {
			fs.StringVar(&name, "name", "", "the display name of a user created by the invitation (default: the email)")
		}
	})
	if err != nil {
		return err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	if err := mail.CheckAddress(email); err != nil {
		return fmt.Errorf("-email %q: %w", email, err)
	}
	if cmd.cfg.PublicURL == nil {
		return errors.New("-public-url ($CREDITDESK_PUBLIC_URL) is required: the link must name the address people reach CreditDesk at")
	}
	operator := store.User{Email: usersOperator}
	open := cmd.withExistingStore
	if sub == "invite" { // creates the user, the first of a new database too, as users create does
		open = cmd.withStore
	}
	return open(ctx, newLogger(cmd.cfg, io.Discard), func(s *store.Store) error {
		u, err := s.UserByEmail(ctx, email)
		purpose := store.Reset
		switch {
		case sub == "reset-link" && err != nil:
			return fmt.Errorf("-email %s: %w", email, err)
		case sub == "invite" && err == nil && u.HasPassword():
			return fmt.Errorf("-email %s has a password already: use `creditdesk users reset-link`", email)
		case sub == "invite" && err == nil:
			purpose = store.Invitation
		case sub == "invite":
			if u, err = createInvitee(ctx, s, email, name); err != nil {
				return err
			}
			purpose = store.Invitation
		}
		secret, tok, err := s.IssueLink(ctx, operator, u, purpose)
		if err != nil {
			return err
		}
		link, _ := cmd.cfg.Link(web.SetPasswordPath + secret)
		fmt.Fprintf(out, "%s link for %s, valid once until %s:\n%s\n", purpose, email, tok.ExpiresAt.UTC().Format("2006-01-02 15:04 UTC"), link)
		return nil
	})
}

// createInvitee creates a user without a usable password, audited (X1).
func createInvitee(ctx context.Context, s *store.Store, email, name string) (store.User, error) {
	hash, err := password.Unset()
	if err != nil {
		return store.User{}, err
	}
	if name == "" {
		name = email
	}
	u := store.User{Email: email, Name: name, PasswordHash: hash}
	err = s.CreateUser(ctx, store.User{Email: usersOperator}, &u) // audited
	return u, err
}
