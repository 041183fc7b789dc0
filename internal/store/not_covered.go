package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// notCoveredRow is one entry of the installation's not-covered product list (M10). The
// migrations seed the list from M10; operators edit it with creditdesk not-covered.
type notCoveredRow struct {
	ID   int64
	Name string
}

// TableName is the row's table.
func (notCoveredRow) TableName() string { return "not_covered_products" }

// NotCovered returns the installation's not-covered product list (M10), sorted by name: the one
// list that decides the eligibility of scenario charges, uploads and imports alike.
func (s *Store) NotCovered(ctx context.Context) (ledger.NotCovered, error) {
	rows, err := s.notCoveredRows(ctx)
	if err != nil {
		return ledger.NotCovered{}, err
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Name
	}
	return ledger.NewNotCovered(names), nil
}

// notCoveredRows reads the list sorted by name in Go, case-insensitively, so that both
// databases give one order whatever their collation.
func (s *Store) notCoveredRows(ctx context.Context) ([]notCoveredRow, error) {
	var rows []notCoveredRow
	if err := s.conn(ctx).Find(&rows).Error; err != nil {
		return nil, wrap("not-covered products", err)
	}
	slices.SortFunc(rows, func(a, b notCoveredRow) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Name, b.Name))
	})
	return rows, nil
}

// AddNotCovered adds a product to the not-covered list and audits it; it returns the name as
// stored (white space folded). A bad name is a *ledger.InputError for field "name" (of kind fault.ErrInvalid); a name the list
// already has, in any case, spacing or plural, is a refusal naming the entry.
func (s *Store) AddNotCovered(ctx context.Context, actor User, name string) (string, error) {
	clean, err := ledger.CleanProductName(name)
	if err != nil {
		return "", err
	}
	err = s.Tx(ctx, func(tx *Store) error {
		if err := tx.lockNotCovered(ctx); err != nil {
			return err
		}
		list, err := tx.NotCovered(ctx)
		if err != nil {
			return err
		}
		if i := list.Find(clean); i >= 0 {
			return refuse("M10", KeyNotCoveredAlready, clean, list.Names()[i])
		}
		if err := tx.conn(ctx).Create(&notCoveredRow{Name: clean}).Error; err != nil {
			return wrap("add not-covered product", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditNotCoveredAdded, Target: textOf(clean), After: fault.Say(KeyAuditNotCovered)})
	})
	return clean, err
}

// RemoveNotCovered removes the entry of the not-covered list that names the same product as
// name (in any case, spacing or plural) and audits it; it returns the entry as it was stored.
// A name the list does not have is fault.Invalid for field "name".
func (s *Store) RemoveNotCovered(ctx context.Context, actor User, name string) (string, error) {
	var removed string
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.lockNotCovered(ctx); err != nil {
			return err
		}
		rows, err := tx.notCoveredRows(ctx)
		if err != nil {
			return err
		}
		names := make([]string, len(rows))
		for i, r := range rows {
			names[i] = r.Name
		}
		i := ledger.NewNotCovered(names).Find(name)
		if i < 0 {
			return fault.Field("name", fmt.Sprintf("%q is not on the not-covered list", name))
		}
		removed = rows[i].Name
		if err := tx.conn(ctx).Delete(&notCoveredRow{}, rows[i].ID).Error; err != nil {
			return wrap("remove not-covered product", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditNotCoveredRemoved, Target: textOf(removed), Before: fault.Say(KeyAuditNotCovered)})
	})
	return removed, err
}

// lockNotCovered keeps other writers of the list out for the rest of the transaction, so two
// operators cannot add one product twice in different spellings. SQLite needs no lock: its
// transactions begin IMMEDIATE and so already exclude other writers.
func (s *Store) lockNotCovered(ctx context.Context) error {
	if s.dialect != Postgres {
		return nil
	}
	return wrap("lock not-covered products", s.conn(ctx).Exec("LOCK TABLE not_covered_products IN SHARE ROW EXCLUSIVE MODE").Error)
}
