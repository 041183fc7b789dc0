package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// ImportResult says what a cost import stored.
type ImportResult struct {
	Profiles int // billing profiles the file has charges for
	Rows     int // aggregated charge totals in the file
	Added    int // charge entries added (0 when every total was already stored)
	Lowered  int // of those, day totals the file lowered: it replaced a higher earlier total
	// LoweredBy is how much those totals went down in all, in micro-units of the currency.
	LoweredBy int64
	Repeated  bool // the very same file was imported before
}

// ImportCharges stores the aggregated rows of a cost export in one transaction: each row states a
// profile's total for a day, product, publisher type and eligibility, so a file imported twice,
// or an export overlapping an earlier one, adds only what changed. When only is set (an upload
// on a profile's page) every row must be for that profile. Rows for an unknown or ambiguous
// profile, in another currency than the profile's, or changing an invoiced month are refused as
// costcsv.Problems naming their lines and column, and nothing of the file is stored (X2).
func (s *Store) ImportCharges(ctx context.Context, actor User, rows []costcsv.Row, only *BillingProfile, sha256, fileName string) (ImportResult, error) {
	res := ImportResult{Rows: len(rows)}
	err := s.Tx(ctx, func(tx *Store) error {
		profiles, probs, err := tx.importProfiles(ctx, rows, only)
		if err != nil {
			return err
		}
		if len(probs) > 0 {
			return probs
		}
		if err := tx.lockProfiles(ctx, profiles); err != nil {
			return err
		}
		byProfile := map[int64][]ChargeTotal{}
		lines := map[int64][]int{}
		for _, r := range rows {
			p := profiles[r.Profile]
			byProfile[p.ID] = append(byProfile[p.ID], ChargeTotal{Date: r.Date.String(), Product: r.Product,
				PublisherType: string(r.Publisher), Eligible: r.Eligible, Amount: r.Amount.Micros()})
			lines[p.ID] = append(lines[p.ID], r.Lines...)
		}
		names := make([]string, 0, len(profiles))
		for name := range profiles {
			names = append(names, name)
		}
		sort.Strings(names)
		accounts, err := tx.accountsOf(ctx, profiles)
		if err != nil {
			return err
		}
		for _, name := range names {
			p := profiles[name]
			changes, err := tx.SetChargeTotals(ctx, p, byProfile[p.ID], "import")
			if r, ok := asRefusal(err); ok {
				sort.Ints(lines[p.ID])
				return costcsv.Problems{{Line: lines[p.ID][0], Column: "date", Message: r.Message}}
			} else if err != nil {
				return err
			}
			res.Added += changes.Added
			res.Lowered += changes.Lowered
			res.LoweredBy += changes.LoweredBy
			scope := Scope{Account: accounts[p.BillingAccountID], Profile: &p}
			if err := tx.RecordAudit(ctx, actor, "charges.imported", scope.ID(), fileName, "", entriesAdded(changes)); err != nil {
				return err
			}
		}
		res.Profiles = len(profiles)
		var n int64
		if err := tx.conn(ctx).Table("cost_imports").Where("sha256 = ?", sha256).Count(&n).Error; err != nil {
			return wrap("find cost import", err)
		}
		res.Repeated = n > 0
		if n > 0 {
			return nil
		}
		return wrap("record cost import", tx.conn(ctx).Exec(
			"INSERT INTO cost_imports (sha256, file_name, rows, actor, created_at) VALUES (?, ?, ?, ?, ?)",
			sha256, fileName, len(rows), actor.Email, tx.now().UTC()).Error)
	})
	return res, err
}

// importProfiles resolves the profile names of the rows, checking currency and scope.
func (s *Store) importProfiles(ctx context.Context, rows []costcsv.Row, only *BillingProfile) (map[string]BillingProfile, costcsv.Problems, error) {
	names := map[string]bool{}
	for _, r := range rows {
		names[r.Profile] = true
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	var found []BillingProfile
	if err := s.conn(ctx).Where("name IN ?", list).Find(&found).Error; err != nil {
		return nil, nil, wrap("import: profiles", err)
	}
	byName := map[string][]BillingProfile{}
	for _, p := range found {
		byName[p.Name] = append(byName[p.Name], p)
	}
	profiles := map[string]BillingProfile{}
	var probs costcsv.Problems
	today := ledger.DateOf(s.now())
	for _, r := range rows {
		matches := byName[r.Profile]
		if r.Date.After(today) {
			probs = append(probs, costcsv.Problem{Line: r.Lines[0], Column: "date",
				Message: fmt.Sprintf("%s is after today (%s): charges are imported once they have happened", r.Date, today)})
			continue
		}
		switch {
		case only != nil && r.Profile != only.Name:
			probs = append(probs, costcsv.Problem{Line: r.Lines[0], Column: "billingProfileId",
				Message: fmt.Sprintf("%s is not this billing profile (%s): upload each profile's charges on its own page", r.Profile, only.Name)})
		case only == nil && len(matches) == 0:
			probs = append(probs, costcsv.Problem{Line: r.Lines[0], Column: "billingProfileId", Message: fmt.Sprintf("no billing profile %s", r.Profile)})
		case only == nil && len(matches) > 1:
			probs = append(probs, costcsv.Problem{Line: r.Lines[0], Column: "billingProfileId", Message: fmt.Sprintf("%s names billing profiles of several accounts", r.Profile)})
		default:
			p := matches[0]
			if only != nil {
				p = *only
			}
			if !strings.EqualFold(r.Currency, p.Currency) {
				probs = append(probs, costcsv.Problem{Line: r.Lines[0], Column: "billingCurrency",
					Message: fmt.Sprintf("%s, but billing profile %s is billed in %s", r.Currency, p.Name, p.Currency)})
				continue
			}
			profiles[r.Profile] = p
		}
	}
	sort.Slice(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	return profiles, probs, nil
}

// accountsOf returns the accounts of the profiles by id, in one query.
func (s *Store) accountsOf(ctx context.Context, profiles map[string]BillingProfile) (map[int64]BillingAccount, error) {
	ids := make([]int64, 0, len(profiles))
	for _, p := range profiles {
		ids = append(ids, p.BillingAccountID)
	}
	var accounts []BillingAccount
	if err := s.conn(ctx).Where("id IN ?", ids).Find(&accounts).Error; err != nil {
		return nil, wrap("import: accounts", err)
	}
	out := make(map[int64]BillingAccount, len(accounts))
	for _, a := range accounts {
		out[a.ID] = a
	}
	return out, nil
}

// asRefusal returns the domain refusal inside err, if any.
func asRefusal(err error) (fault.Refusal, bool) {
	var r fault.Refusal
	ok := err != nil && errors.As(err, &r)
	return r, ok
}

// entriesAdded words an import's changes for the audit log.
func entriesAdded(c ChargeChanges) string {
	noun := "entries"
	if c.Added == 1 {
		noun = "entry"
	}
	msg := fmt.Sprintf("%d charge %s added", c.Added, noun)
	if c.Lowered > 0 {
		msg += fmt.Sprintf(", %d day totals lowered by %s in all", c.Lowered, amount(c.LoweredBy))
	}
	return msg
}

// lockProfiles locks the profiles' rows in id order (so that two imports cannot deadlock) and
// refreshes them: the charge totals an import compares with, and the month already invoiced,
// cannot change under it, neither by another import nor by a processing run.
func (s *Store) lockProfiles(ctx context.Context, profiles map[string]BillingProfile) error {
	names := make([]string, 0, len(profiles))
	for name := range profiles {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool { return profiles[names[i]].ID < profiles[names[j]].ID })
	for _, name := range names {
		p, err := s.lockProfile(ctx, profiles[name].ID)
		if err != nil {
			return err
		}
		profiles[name] = p
	}
	return nil
}
