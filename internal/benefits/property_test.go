package benefits

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/money"
)

// TestPropertyAssignments drives random sequences of assign, reassign, remove and redeem on
// every kind and checks the invariants the store relies on: never more than five
// reassignments (P6); a yearly benefit never has a second holder (P6, P7); a refusal is always
// a RuleError and leaves the state alone; the count shown equals the events flagged (P12);
// the activation, once set, never moves (P11).
func TestPropertyAssignments(t *testing.T) {
	users := []string{"a", "b", "c", "d"}
	reachedLimit := false // the walk must actually test the boundary
	for seed := uint64(1); seed <= 200; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		for _, k := range Kinds() {
			b := benefit("b", k)
			var history []Event
			now := day("2026-02-06")
			var activated time.Time
			for step := 0; step < 40; step++ {
				now = now.Add(time.Duration(rng.IntN(72)+1) * time.Hour)
				user := users[rng.IntN(len(users))] + "@fabrikam.example"
				req := AssignRequest{Benefit: b, History: history, User: user, Domains: fabrikam, Actor: admin, Now: now}
				var ch Change
				var err error
				switch rng.IntN(4) {
				case 0:
					ch, err = Assign(Policy{}, req)
				case 1:
					ch, err = Reassign(Policy{}, req)
				case 2:
					ch, err = Remove(RemoveRequest{Benefit: b, History: history, Actor: admin, Now: now})
				case 3:
					ch, err = Redeem(RedeemRequest{Benefit: b, User: b.AssignedTo, Now: now}, fixedRandom())
				}
				where := fmt.Sprintf("seed %d kind %s step %d", seed, k, step)
				if err != nil {
					if RuleErrors(err) == nil {
						t.Fatalf("%s: refusal is not a RuleError: %v", where, err)
					}
					continue
				}
				if ch.Before != b {
					t.Fatalf("%s: change does not start from the given state", where)
				}
				b = ch.After
				if ch.Event != nil {
					history = append(history, *ch.Event)
				}
				if !activated.IsZero() && !b.ActivatedAt.Equal(activated) {
					t.Fatalf("%s: activation moved from %s to %s", where, activated, b.ActivatedAt)
				}
				activated = b.ActivatedAt
			}
			used := CountReassignments(history)
			if used > MaxReassignments || Reassignments(k, history).Used != used {
				t.Fatalf("seed %d kind %s: %d reassignments", seed, k, used)
			}
			reachedLimit = reachedLimit || used == MaxReassignments
			if k.Yearly() && len(history) > 1 {
				t.Fatalf("seed %d kind %s: yearly benefit has history %+v", seed, k, history)
			}
		}
	}
	if !reachedLimit {
		t.Error("no sequence reached five reassignments; the property is not exercised")
	}
}

// TestPropertyMonthlyHistory: for random usage, every month satisfies
// used + lapsed + remaining = allotment, used <= allotment, and used + uncovered equals the
// month's usage (P3: nothing carries over, nothing is lost).
func TestPropertyMonthlyHistory(t *testing.T) {
	for seed := uint64(1); seed <= 200; seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		act := day("2026-01-01").Add(time.Duration(rng.IntN(400*24)) * time.Hour)
		allot := money.FromMicros(rng.Int64N(500_000_000) + 1)
		var usage []Usage
		for range rng.IntN(60) {
			usage = append(usage, Usage{At: act.Add(time.Duration(rng.IntN(420*24)) * time.Hour),
				Amount: money.FromMicros(rng.Int64N(100_000_000))})
		}
		now := act.Add(time.Duration(rng.IntN(450*24)) * time.Hour)
		months, err := MonthlyHistory(monthly(allot, act), usage, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range months {
			total := money.Zero
			for _, u := range usage {
				if !u.At.Before(m.Start) && u.At.Before(m.End) && !u.At.After(now) {
					total = total.Add(u.Amount)
				}
			}
			if m.Used.Add(m.Lapsed).Add(m.Remaining) != allot || m.Used.Cmp(allot) > 0 ||
				m.Used.Add(m.Uncovered) != total || m.Lapsed.IsPositive() && m.Remaining.IsPositive() {
				t.Fatalf("seed %d month %d: %+v (usage %s)", seed, m.Number, m, total)
			}
		}
	}
}
