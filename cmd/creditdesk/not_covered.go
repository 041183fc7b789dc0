package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/creditdesk/creditdesk/internal/store"
)

// notCoveredUsage is printed for a missing or unknown not-covered subcommand or argument.
const notCoveredUsage = `usage: creditdesk not-covered list
       creditdesk not-covered add [flags] NAME
       creditdesk not-covered remove [flags] NAME
(flags come before NAME; quote a NAME that has spaces)`

// notCovered runs "creditdesk not-covered list|add|remove": the operator's view and edit of the
// installation's list of products credits do not cover (M10), the one list that decides the
// eligibility of scenario charges, cost uploads and imports. Names match in any case, spacing
// and plural, so adding a product already listed in another spelling, or removing one the list
// does not have, is refused. Changes are audited at installation level; they decide charges
// stated from then on (charges already stored change when their days are stated again).
func notCovered(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
	if len(args) == 0 || (args[0] != "list" && args[0] != "add" && args[0] != "remove") {
		return errors.New(notCoveredUsage)
	}
	sub := args[0]
	cmd, err := parse("not-covered "+sub, args[1:], env, out, nil)
	if err != nil {
		return err
	}
	want := 1 // the NAME of add and remove
	if sub == "list" {
		want = 0
	}
	if len(cmd.args) != want {
		return errors.New(notCoveredUsage)
	}
	return cmd.withExistingStore(ctx, newLogger(cmd.cfg, io.Discard), func(s *store.Store) error {
		operator := store.User{Email: "operator (creditdesk not-covered)"}
		switch sub {
		case "add":
			name, err := s.AddNotCovered(ctx, operator, cmd.args[0])
			if err != nil {
				return fmt.Errorf("not-covered add: %w", err)
			}
			fmt.Fprintf(out, "added %q to the not-covered list; it decides charges loaded, imported or uploaded from now on\n", name)
		case "remove":
			name, err := s.RemoveNotCovered(ctx, operator, cmd.args[0])
			if err != nil {
				return fmt.Errorf("not-covered remove: %w", err)
			}
			fmt.Fprintf(out, "removed %q from the not-covered list; it decides charges loaded, imported or uploaded from now on\n", name)
		default:
			list, err := s.NotCovered(ctx)
			if err != nil {
				return err
			}
			for _, name := range list.Names() {
				fmt.Fprintln(out, name)
			}
		}
		return nil
	})
}
