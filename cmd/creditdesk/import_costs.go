package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/store"
)

// maxCostFile bounds the size of a cost export read into memory.
const maxCostFile = 256 << 20

// importCosts reads an Azure cost-details CSV export and stores its charges in one transaction.
func importCosts(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
	cmd, err := parse("import-costs", args, env, out, nil)
	if err != nil {
		return err
	}
	if len(cmd.args) != 1 {
		return errors.New("usage: creditdesk import-costs [flags] FILE.csv")
	}
	file := cmd.args[0]
	data, err := readLimited(file, maxCostFile)
	if err != nil {
		return err
	}
	return cmd.withStore(ctx, newLogger(cmd.cfg, io.Discard), func(s *store.Store) error {
		notCovered, err := s.NotCovered(ctx)
		if err != nil {
			return err
		}
		rows, err := costcsv.Parse(bytes.NewReader(data), notCovered)
		if err != nil {
			return fmt.Errorf("%s: nothing was imported:\n%w", file, err)
		}
		sum := sha256.Sum256(data)
		res, err := s.ImportCharges(ctx, store.User{Email: "operator (creditdesk import-costs)"}, rows, nil, hex.EncodeToString(sum[:]), filepath.Base(file))
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

// readLimited reads a whole file, refusing one larger than limit bytes.
func readLimited(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than %d MiB", name, limit>>20)
	}
	return data, nil
}
