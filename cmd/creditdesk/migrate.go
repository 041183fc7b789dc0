package main

import (
	"context"
	"fmt"
	"io"

	"github.com/creditdesk/creditdesk/internal/store"
)

// migrate applies the pending migrations and reports the schema version.
func migrate(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
	cmd, err := parseNoArgs("migrate", args, env, out, nil)
	if err != nil {
		return err
	}
	return cmd.withStore(ctx, newLogger(cmd.cfg, out), func(s *store.Store) error {
		v, err := s.SchemaVersion(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "database %s is at schema version %d\n", s.Dialect(), v)
		return nil
	})
}
