package ledger

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/money"
)

// Cadence independence (issue 8, M11, M12, M13): the ledger depends on the dates of lots,
// charges, adjustments and cancellations, never on when processing runs. Each scenario is played
// three times: processed once at the end, every day, and at its random checkpoints (and the end).

// The cadences compared, by index.
const (
	once = iota
	daily
	atRandom
)

var cadenceNames = [...]string{"once at the end", "daily", "at random instants"}

// cadenceEnd is the last day played: after every charge and adjustment of genScenario.
var cadenceEnd = propBase.AddDays(430)

// firstPeriod is the month a profile's ledger starts in, as the store chooses it: that of the
// earliest lot start, charge or adjustment.
func firstPeriod(sc scenario) Period {
	first := cadenceEnd
	earliest := func(d Date) {
		if d.Before(first) {
			first = d
		}
	}
	for _, l := range sc.lots {
		earliest(l.StartDate)
	}
	for _, c := range sc.charges {
		earliest(c.Date)
	}
	for _, a := range sc.adjs {
		earliest(a.Date)
	}
	return PeriodOf(first)
}

// cadenceMismatch plays sc under the three cadences and returns the first difference: in the
// balance summary on a day two cadences both processed, in the estimate (which never depends on
// processing) on every checkpoint and check day, or at the end in the invoices, allocations,
// events with their balances, lots and profiles. It also checks each ledger's shape (ledgerShape).
func cadenceMismatch(sc scenario, checks []Date) error {
	first := firstPeriod(sc)
	var books [3]*book
	for i := range books {
		p, err := NewProfile("EUR", sc.invoiceDay, first)
		if err != nil {
			return err
		}
		books[i] = &book{p: p, lots: slices.Clone(sc.lots), charges: sc.charges, adjs: sc.adjs}
	}
	at, check := map[Date]bool{}, map[Date]bool{cadenceEnd: true}
	for _, d := range sc.checkpoints {
		at[d], check[d] = true, true
	}
	for _, d := range checks {
		check[d] = true
	}
	for d := first.First(); !d.After(cadenceEnd); d = d.AddDays(1) {
		ran := [3]bool{d == cadenceEnd, true, at[d] || d == cadenceEnd}
		for i, b := range books {
			if ran[i] {
				if err := b.process(d); err != nil {
					return fmt.Errorf("processing %s, on %s: %w", cadenceNames[i], d, err)
				}
			}
		}
		if !check[d] {
			continue
		}
		var sums [3]Summary
		for i, b := range books {
			cs, as := b.pending()
			s, err := Summarize(SummaryInput{Profile: b.p, Lots: b.live(), Charges: cs, Adjustments: as, Now: d})
			if err != nil {
				return fmt.Errorf("summary processing %s, on %s: %w", cadenceNames[i], d, err)
			}
			sums[i] = s
		}
		want := sums[daily]
		for i, s := range sums {
			if s.EstimatedBalance != want.EstimatedBalance || !slices.Equal(s.Lots, want.Lots) {
				return fmt.Errorf("%s: estimate processing %s %s %v, daily %s %v", d, cadenceNames[i],
					s.EstimatedBalance, s.Lots, want.EstimatedBalance, want.Lots)
			}
			if ran[i] && !reflect.DeepEqual(s, want) {
				return fmt.Errorf("%s: balance summary processing %s\n%+v\ndaily\n%+v", d, cadenceNames[i], s, want)
			}
		}
	}
	want := books[daily]
	for i, b := range books {
		if err := ledgerShape(b, sc.invoiceDay); err != nil {
			return fmt.Errorf("processing %s: %w", cadenceNames[i], err)
		}
		switch {
		case !reflect.DeepEqual(b.invoices, want.invoices):
			return fmt.Errorf("invoices processing %s\n%+v\ndaily\n%+v", cadenceNames[i], b.invoices, want.invoices)
		case !reflect.DeepEqual(b.events, want.events):
			return fmt.Errorf("events processing %s\n%v\ndaily\n%v", cadenceNames[i], evs(b.events), evs(want.events))
		case !reflect.DeepEqual(b.lots, want.lots) || b.p != want.p:
			return fmt.Errorf("lots processing %s\n%+v %+v\ndaily\n%+v %+v", cadenceNames[i], b.p, b.lots, want.p, want.lots)
		}
	}
	return nil
}

// ledgerShape checks one processed ledger (M11, M13): every balance-after is the running sum;
// events are in date order except, at most, between the first of a month and its invoice day
// (the next invoice settles what is dated there); a lot is canceled or expires, never both; a
// canceled-credit event is dated its lot's cancellation day.
func ledgerShape(b *book, invoiceDay int) error {
	running, ended := money.Zero, map[string]EventKind{}
	for i, e := range b.events {
		running = running.Add(e.Amount)
		if e.Balance != running {
			return fmt.Errorf("event %d %+v: balance after should be %s", i, e, running)
		}
		if i > 0 && b.events[i-1].Date.DaysSince(e.Date) >= invoiceDay {
			return fmt.Errorf("event %d %+v comes after %+v", i, e, b.events[i-1])
		}
		if e.Kind != EventCanceledCredit && e.Kind != EventExpiredCredit {
			continue
		}
		l := b.lot(e.LotID)
		if k, twice := ended[e.LotID]; twice {
			return fmt.Errorf("lot %s has both %s and %s", e.LotID, k, e.Kind)
		}
		ended[e.LotID] = e.Kind
		if (e.Kind == EventCanceledCredit) != !l.CanceledOn.IsZero() || e.Kind == EventCanceledCredit && e.Date != l.CanceledOn {
			return fmt.Errorf("event %+v of lot %+v", e, l)
		}
	}
	if running != b.p.CurrentBalance {
		return fmt.Errorf("events sum to %s, current balance %s", running, b.p.CurrentBalance)
	}
	return nil
}

// without returns s less its i-th element, in a new slice.
func without[T any](s []T, i int) []T {
	return append(slices.Clone(s[:i]), s[i+1:]...)
}

// shrink makes a failing case smaller while it still fails: it drops lots, cancellations,
// charges, adjustments, checkpoints and check days one at a time, and returns the smallest
// case found with its error.
func shrink(sc scenario, checks []Date, err error) (scenario, []Date, error) {
	for {
		type cand struct {
			sc     scenario
			checks []Date
		}
		var cands []cand
		for i := range sc.lots {
			c := sc
			c.lots = without(sc.lots, i)
			cands = append(cands, cand{c, checks})
			if !sc.lots[i].CanceledOn.IsZero() {
				c.lots = slices.Clone(sc.lots)
				c.lots[i].CanceledOn = Date{}
				cands = append(cands, cand{c, checks})
			}
		}
		for i := range sc.charges {
			c := sc
			c.charges = without(sc.charges, i)
			cands = append(cands, cand{c, checks})
		}
		for i := range sc.adjs {
			c := sc
			c.adjs = without(sc.adjs, i)
			cands = append(cands, cand{c, checks})
		}
		for i := range sc.checkpoints {
			c := sc
			c.checkpoints = without(sc.checkpoints, i)
			cands = append(cands, cand{c, checks})
		}
		for i := range checks {
			cands = append(cands, cand{sc, without(checks, i)})
		}
		smaller := false
		for _, c := range cands {
			if e := cadenceMismatch(c.sc, c.checks); e != nil {
				sc, checks, err, smaller = c.sc, c.checks, e, true
				break
			}
		}
		if !smaller {
			return sc, checks, err
		}
	}
}

// String writes a scenario as a counterexample to read and turn into a regression test.
func (sc scenario) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invoice day %d\n", sc.invoiceDay)
	for _, l := range sc.lots {
		fmt.Fprintf(&b, "lot %s %s %s..%s", l.ID, l.OriginalAmount, l.StartDate, l.ExpirationDate)
		if !l.CanceledOn.IsZero() {
			fmt.Fprintf(&b, " canceled from %s", l.CanceledOn)
		}
		b.WriteString("\n")
	}
	for _, c := range sc.charges {
		fmt.Fprintf(&b, "charge %s %s %s eligible=%t\n", c.ID, c.Date, c.Amount, c.Eligible)
	}
	for _, a := range sc.adjs {
		fmt.Fprintf(&b, "adjustment %s %s %s\n", a.ID, a.Date, a.Amount)
	}
	fmt.Fprintf(&b, "processing at %v\n", sc.checkpoints)
	return b.String()
}

func TestPropertyCadence(t *testing.T) {
	eachSeed(t, 3000, 300, 0xcade0ce, func(t *testing.T, seed uint64, r *rand.Rand) {
		sc := genScenario(r, 4+int(seed%40))
		var checks []Date
		for range 4 {
			checks = append(checks, propBase.AddDays(r.IntN(430)))
		}
		if err := cadenceMismatch(sc, checks); err != nil {
			sc, checks, err = shrink(sc, checks, err)
			t.Fatalf("seed %d: %v\nshrunk counterexample:\n%schecked on %v", seed, err, sc, checks)
		}
	})
}
