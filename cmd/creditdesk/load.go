package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/creditdesk/creditdesk/internal/password"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
)

// load reads a scenario file and stores it in one transaction.
func load(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
	cmd, err := parse("load", args, env, out, nil)
	if err != nil {
		return err
	}
	if len(cmd.args) != 1 {
		return errors.New("usage: creditdesk load [flags] FILE")
	}
	f, err := os.Open(cmd.args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	sc, err := scenario.Parse(f)
	if err != nil {
		return fmt.Errorf("%s: nothing was loaded:\n%w", cmd.args[0], err)
	}
	return cmd.withStore(ctx, newLogger(cmd.cfg, io.Discard), func(s *store.Store) error {
		sum, err := scenario.Load(ctx, s, sc, password.Production())
		if err != nil {
			return fmt.Errorf("%s: nothing was loaded:\n%w", cmd.args[0], err)
		}
		fmt.Fprintf(out, "loaded %s into %s\n%s", cmd.args[0], s.Dialect(), sum)
		return nil
	})
}
