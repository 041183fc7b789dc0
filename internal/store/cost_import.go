package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"sort"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// ImportResult says what a cost import stored.
type ImportResult struct {
	Profiles int // billing profiles the file has charges for
	Rows     int // charge totals in the file (per profile, day, product, publisher, eligibility)
	Added    int // charge entries added (0 when every total was already stored)
	Lowered  int // of those, day totals the file lowered: it replaced a higher earlier total
	// LoweredBy is how much those totals went down in all.
	LoweredBy money.Amount
	Repeated  bool // the very same file was imported before
}

// ImportCharges reads a cost export from export and stores its charges in one transaction. The
// lines are streamed: each is checked and written to a working table as it is read, and the
// database sums them per profile, day, product, publisher type and eligibility, so memory stays
// flat however many products the file names (costcsv.MaxDataLines lines, costcsv.MaxBytes).
// Each total states a profile's charges for its key, so a file imported twice, or an export
// overlapping an earlier one, adds only what changed (X1).
//
// When only is set (an upload on a profile's page) every line must be for that profile. Every
// problem of every line is reported in one costcsv.Problems (the first costcsv.MaxProblems and
// a count of the rest): the file's own (a bad date, a bad number), a profile that is unknown,
// ambiguous or not this one, another currency than the profile's, a date after today, a total
// netting below zero, a change to an invoiced month, and a month whose charges would reach
// ledger.MonthLimit; then nothing of the file is stored (X2). notCovered decides eligibility
// when the export has no isAzureCreditEligible column (M10).
func (s *Store) ImportCharges(ctx context.Context, actor User, export io.Reader, notCovered ledger.NotCovered, only *BillingProfile, fileName string) (ImportResult, error) {
	var res ImportResult
	err := s.Tx(ctx, func(tx *Store) error {
		hash := sha256.New()
		var probs costcsv.Collector
		im := &importer{tx: tx, only: only, today: ledger.DateOf(tx.now()), probs: &probs,
			profiles: map[string]resolvedProfile{}, used: map[int64]BillingProfile{}, stage: newChargeStage(tx)}
		sc := costcsv.NewScanner(io.TeeReader(export, hash), notCovered, &probs)
		for sc.Scan() {
			if err := im.line(ctx, sc.Line()); err != nil {
				return err
			}
		}
		if err := errors.Join(sc.Err(), im.stage.flush(ctx)); err != nil {
			return err
		}
		if err := tx.AwaitOtherLoads(ctx); err != nil {
			return err
		}
		if err := tx.lockUsed(ctx, im.used); err != nil {
			return err
		}
		if err := tx.sumStaged(ctx); err != nil {
			return err
		}
		if err := tx.checkStaged(ctx, &probs); err != nil {
			return err
		}
		if err := probs.Err(); err != nil {
			return err
		}
		var err error
		if res, err = tx.storeImport(ctx, actor, im.used, hex.EncodeToString(hash.Sum(nil)), fileName); err != nil {
			return err
		}
		return tx.clearStaged(ctx)
	})
	return res, err
}

// storeImport applies the staged totals, audits each profile's changes and records the file.
func (s *Store) storeImport(ctx context.Context, actor User, used map[int64]BillingProfile, sha, fileName string) (ImportResult, error) {
	res := ImportResult{Profiles: len(used)}
	var err error
	if res.Rows, err = s.stagedCount(ctx); err != nil {
		return res, err
	}
	changes, err := s.applyStaged(ctx, "import")
	if err != nil {
		return res, err
	}
	accounts, err := s.accountsOf(ctx, used)
	if err != nil {
		return res, err
	}
	for _, id := range sortedIDs(used) {
		p, c := used[id], changes[id]
		res.Added, res.Lowered, res.LoweredBy = res.Added+c.Added, res.Lowered+c.Lowered, res.LoweredBy.Add(c.LoweredBy)
		scope := Scope{Account: accounts[p.BillingAccountID], Profile: &p}
		err := s.audit(ctx, actor, AuditEntry{Action: AuditChargesImported, Scope: scope.ID(), Target: textOf(fileName),
			After: entriesAdded(c, p.Currency)})
		if err != nil {
			return res, err
		}
	}
	var n int64
	if err := s.conn(ctx).Table("cost_imports").Where("sha256 = ?", sha).Count(&n).Error; err != nil {
		return res, wrap("find cost import", err)
	}
	if res.Repeated = n > 0; res.Repeated {
		return res, nil
	}
	return res, wrap("record cost import", s.conn(ctx).Exec(
		"INSERT INTO cost_imports (sha256, file_name, rows, actor, created_at) VALUES (?, ?, ?, ?, ?)",
		sha, fileName, res.Rows, actor.Email, s.now().UTC()).Error)
}

// accountsOf returns the accounts of the profiles by id, in one query.
func (s *Store) accountsOf(ctx context.Context, profiles map[int64]BillingProfile) (map[int64]BillingAccount, error) {
	ids := make([]int64, 0, len(profiles))
	for _, p := range profiles {
		ids = append(ids, p.BillingAccountID)
	}
	return findKeyed(ctx, s, "import: accounts", "id", ids, func(a BillingAccount) int64 { return a.ID })
}

// lockUsed locks the profiles an import writes to, in id order (so that two imports cannot
// deadlock), and refreshes them: the totals an import compares with, and the month already
// invoiced, cannot change under it, neither by another import nor by a processing run.
func (s *Store) lockUsed(ctx context.Context, used map[int64]BillingProfile) error {
	for _, id := range sortedIDs(used) {
		p, err := s.lockProfile(ctx, id)
		if err != nil {
			return err
		}
		used[id] = p
	}
	return nil
}

func sortedIDs(m map[int64]BillingProfile) []int64 {
	ids := make([]int64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// entriesAdded is what the audit log says of an import's changes to a profile.
func entriesAdded(c ChargeChanges, currency string) fault.Message {
	if c.Lowered > 0 {
		return fault.Say(KeyAuditChargesLowered, c.Added, c.Lowered, fault.Money{Amount: c.LoweredBy, Currency: currency})
	}
	return fault.Say(KeyAuditChargesAdded, c.Added)
}
