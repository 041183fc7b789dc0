package store

import (
	"context"
	"errors"
	"strings"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/money"
)

// ChargeTotal is the total of a profile's charges for one day, product, publisher type and
// eligibility, as a source states it.
type ChargeTotal struct {
	Date          string
	Product       string
	PublisherType string
	Eligible      bool
	Amount        int64
}

// ChargeRefusals refuses charge totals (X2): every one of them, so that a caller can name each
// line at fault; errors.As finds each one's fault.Refusal. A total is refused when it changes a
// month already invoiced (X1) or takes its month's charges to ledger.MonthLimit (M16).
type ChargeRefusals []ChargeRefusal

// ChargeRefusal is one refused total and the reason.
type ChargeRefusal struct {
	Total   ChargeTotal
	Refusal fault.Refusal
}

// Error returns the refusals' messages, one per line.
func (rs ChargeRefusals) Error() string {
	msgs := make([]string, len(rs))
	for i, r := range rs {
		msgs[i] = r.Refusal.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap returns each refusal.
func (rs ChargeRefusals) Unwrap() []error {
	errs := make([]error, len(rs))
	for i, r := range rs {
		errs[i] = r.Refusal
	}
	return errs
}

// ChargeChanges counts what setting charge totals changed.
type ChargeChanges struct {
	Added     int          // correction entries added (totals that were new or different)
	Lowered   int          // of those, totals that went down: a later source replaced a higher one
	LoweredBy money.Amount // how much those totals went down in all
}

// SetChargeTotals records that the profile's charges for each key total what totals say. Keys
// already at that total are left alone, so loading or importing the same data twice adds
// nothing; a different total adds a correction entry (X1), and one that went down is counted
// so the caller can say so. A total dated in an invoiced month that differs from what was
// invoiced, and a total taking its month's charges to ledger.MonthLimit (M16), are refused as
// ChargeRefusals naming every such total (the first costcsv.MaxProblems), and then nothing is
// stored. The totals go through the same staging and checks as a cost import (ImportCharges),
// in a transaction of their own (a savepoint within the caller's).
func (s *Store) SetChargeTotals(ctx context.Context, p BillingProfile, totals []ChargeTotal, origin string) (ChargeChanges, error) {
	if len(totals) == 0 {
		return ChargeChanges{}, nil
	}
	var changes ChargeChanges
	err := s.Tx(ctx, func(tx *Store) error {
		st := newChargeStage(tx)
		for i, t := range totals {
			err := st.add(ctx, stagedLine{Line: i + 1, ProfileID: p.ID, Date: t.Date, Product: t.Product,
				Publisher: t.PublisherType, Eligible: t.Eligible, Amount: t.Amount})
			if err != nil {
				return err
			}
		}
		if err := st.flush(ctx); err != nil {
			return err
		}
		if err := tx.sumStaged(ctx); err != nil {
			return err
		}
		var probs costcsv.Collector
		if err := tx.checkStaged(ctx, &probs); err != nil {
			return err
		}
		if refused := refusals(&probs, totals); len(refused) > 0 {
			return refused
		}
		byProfile, err := tx.applyStaged(ctx, origin)
		if err != nil {
			return err
		}
		changes = byProfile[p.ID]
		return tx.clearStaged(ctx)
	})
	return changes, err
}

// refusals turns the problems of staged totals into ChargeRefusals: each problem's line is the
// 1-based index of its total (a problem counting those not kept has none).
func refusals(probs *costcsv.Collector, totals []ChargeTotal) ChargeRefusals {
	var ps costcsv.Problems
	if !errors.As(probs.Err(), &ps) {
		return nil
	}
	var out ChargeRefusals
	for _, p := range ps {
		if p.Line < 1 || p.Line > len(totals) {
			continue
		}
		rule := "M16"
		if p.Column == colInvoiced {
			rule = "X1"
		}
		out = append(out, ChargeRefusal{Total: totals[p.Line-1], Refusal: fault.Refusal{Rule: rule, Said: p.Said}})
	}
	return out
}
