package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/mail"
	"os"
	"strings"

	"github.com/creditdesk/creditdesk/internal/password"
	"github.com/creditdesk/creditdesk/internal/store"
)

// users runs the operator's user commands: create and set-password. The password is read from a
// file or standard input, never from the command line, where other users of the host could see it.
func users(ctx context.Context, args []string, env func(string) (string, bool), stdin io.Reader, out io.Writer) error {
	if len(args) > 0 && (args[0] == "invite" || args[0] == "reset-link") {
		return userLink(ctx, args[0], args[1:], env, out)
	}
	if len(args) == 0 || (args[0] != "create" && args[0] != "set-password") {
		return errors.New("usage: creditdesk users create|set-password -email EMAIL [-name NAME] [-password-file FILE], or users invite|reset-link -email EMAIL")
	}
	sub := args[0]
	var email, name, pwFile string
	cmd, err := parseNoArgs("users "+sub, args[1:], env, out, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "the user's email (required)")
		fs.StringVar(&name, "name", "", "the user's display name (create; default: the email)")
		fs.StringVar(&pwFile, "password-file", "", "read the password from this file instead of standard input")
	})
	if err != nil {
		return err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	if _, err := mail.ParseAddress(email); err != nil || len(email) > 254 {
		return fmt.Errorf("-email %q: not an email address", email)
	}
	pw, err := readPassword(pwFile, stdin)
	if err != nil {
		return err
	}
	if msg := password.Check(pw); msg != "" {
		return fmt.Errorf("password: %s", msg)
	}
	hash, err := password.Production().Hash(pw)
	if err != nil {
		return err
	}
	if name == "" {
		name = email
	}
	if sub == "create" { // the first user of a new database, too
		return cmd.withStore(ctx, newLogger(cmd.cfg, io.Discard), func(s *store.Store) error {
			return createUser(ctx, s, email, name, hash, out)
		})
	}
	return cmd.withExistingStore(ctx, newLogger(cmd.cfg, io.Discard), func(s *store.Store) error {
		return setPassword(ctx, s, email, hash, out)
	})
}

// usersOperator is the actor the audit log names for the users commands.
const usersOperator = "operator (creditdesk users)"

// createUser creates a user with a password hash, audited (X1).
func createUser(ctx context.Context, s *store.Store, email, name, hash string, out io.Writer) error {
	err := s.Tx(ctx, func(tx *store.Store) error {
		u := store.User{Email: email, Name: name, PasswordHash: hash}
		return tx.CreateUser(ctx, store.User{Email: usersOperator}, &u)
	})
	if err != nil {
		return fmt.Errorf("create %s: %w", email, err)
	}
	fmt.Fprintf(out, "created user %s\n", email)
	return nil
}

// setPassword changes a user's password hash, which ends their other sessions, audited (X1).
func setPassword(ctx context.Context, s *store.Store, email, hash string, out io.Writer) error {
	err := s.Tx(ctx, func(tx *store.Store) error {
		u, err := tx.UserByEmail(ctx, email)
		if err != nil {
			return err
		}
		return tx.SetUserPassword(ctx, store.User{Email: usersOperator}, u, hash)
	})
	if err != nil {
		return fmt.Errorf("set password of %s: %w", email, err)
	}
	fmt.Fprintf(out, "password of %s changed; their other sessions have ended\n", email)
	return nil
}

// readPassword reads the first line of the file, or of standard input.
func readPassword(file string, stdin io.Reader) (string, error) {
	r := stdin
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
