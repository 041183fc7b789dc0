package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
)

// token runs "creditdesk token create": it gives a user a personal API token for the
// Azure-compatible REST API and prints the secret, which is shown this once (only its hash is
// stored). The creation is audited like one made on the Tokens page.
func token(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: creditdesk token create -email EMAIL -name NAME [-expires 90d]")
	}
	var email, name, expires string
	cmd, err := parseNoArgs("token create", args[1:], env, out, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "the user the token acts for (required)")
		fs.StringVar(&name, "name", "", "what the token is for, shown on the Tokens page (required)")
		fs.StringVar(&expires, "expires", "", "lifetime: days (90d), a Go duration (720h), or a date (2027-01-31); default: no expiry")
	})
	if err != nil {
		return err
	}
	// A token lives in real time (the wall clock), whatever business day -now fixes.
	expiresAt, err := parseExpiry(expires, cmd.cfg.Clocks().Wall())
	if err != nil {
		return err
	}
	return cmd.withExistingStore(ctx, newLogger(cmd.cfg, io.Discard), func(s *store.Store) error {
		u, err := s.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
		if err != nil {
			return fmt.Errorf("-email %q: no such user", email)
		}
		secret, _, err := s.CreateToken(ctx, store.User{Email: "operator (creditdesk token)"}, u, name, expiresAt)
		if err != nil {
			return fmt.Errorf("create token: %w", err)
		}
		until := "does not expire"
		if expiresAt != nil {
			until = "expires " + expiresAt.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(out, "API token %q for %s (%s); it is shown only now:\n%s\n", strings.TrimSpace(name), u.Email, until, secret)
		return nil
	})
}

// parseExpiry reads -expires: "" for none, N days ("90d"), a Go duration, or a date.
func parseExpiry(s string, now time.Time) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	var t time.Time
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-expires %q: use a number of days such as 90d", s)
		}
		t = now.AddDate(0, 0, n)
	} else if d, err := time.ParseDuration(s); err == nil && d > 0 {
		t = now.Add(d)
	} else if day, err := time.Parse(time.DateOnly, s); err == nil {
		t = day
	} else {
		return nil, fmt.Errorf("-expires %q: use days (90d), a duration (720h) or a date (2027-01-31)", s)
	}
	return &t, nil
}
