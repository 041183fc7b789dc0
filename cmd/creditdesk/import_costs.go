package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/store"
)

// importCosts reads an Azure cost-details CSV export and stores its charges in one transaction,
// streaming the file (costcsv.MaxBytes, costcsv.MaxDataLines at most).
func importCosts(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
	cmd, err := parse("import-costs", args, env, out, nil)
	if err != nil {
		return err
	}
	if len(cmd.args) != 1 {
		return errors.New("usage: creditdesk import-costs [flags] FILE.csv")
	}
	file := cmd.args[0]
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil {
		return err
	} else if info.Size() > costcsv.MaxBytes {
		return fmt.Errorf("%s: larger than %d MiB: export a shorter period", file, costcsv.MaxBytes>>20)
	}
	return cmd.withExistingStore(ctx, newLogger(cmd.cfg, io.Discard), func(s *store.Store) error {
		notCovered, err := s.NotCovered(ctx)
		if err != nil {
			return err
		}
		res, err := s.ImportCharges(ctx, store.User{Email: "operator (creditdesk import-costs)"}, f, notCovered, nil, filepath.Base(file))
		if err != nil {
			return fmt.Errorf("%s: nothing was imported:\n%w", file, err)
		}
		note := ""
		if res.Repeated {
			note = " (this file was imported before)"
		}
		fmt.Fprintf(out, "imported %s%s: %d charge totals for %d billing profiles, %d entries added\n", file, note, res.Rows, res.Profiles, res.Added)
		return nil
	})
}
