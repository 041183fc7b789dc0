package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/store"
)

// race runs fn(i) for i in 0..n-1 in n goroutines released together and returns their errors.
func race(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(n)
	done.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			errs[i] = fn(i)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
	return errs
}

// TestConcurrentReassignmentsStopAtFive: 20 reassignments of one monthly credit fired at once
// apply exactly five and refuse fifteen by P6, on every database (on PostgreSQL the benefit's
// row lock, SELECT ... FOR UPDATE, serialises them; on SQLite the IMMEDIATE transaction).
func TestConcurrentReassignmentsStopAtFive(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		d.assign(t, "m-1", fabRaj, false)
		errs := race(20, func(i int) error {
			_, err := d.s.AssignBenefit(context.Background(), d.admin, d.partner, "m-1", fmt.Sprintf("u%d@fabrikam.example", i+1), true)
			return err
		})
		applied, refused := 0, 0
		for _, err := range errs {
			switch rule := ruleOf(t, err); rule {
			case "":
				applied++
			case "P6":
				refused++
			default:
				t.Errorf("unexpected refusal %s: %v", rule, err)
			}
		}
		b := d.benefit(t, "m-1")
		if applied != benefits.MaxReassignments || refused != 15 || b.Reassignments != 5 || len(b.History) != 6 {
			t.Errorf("applied %d, refused %d, stored %d reassignments in %d events; want 5, 15, 5, 6",
				applied, refused, b.Reassignments, len(b.History))
		}
		if got := b.History[len(b.History)-1].To; got != b.Benefit.AssignedTo {
			t.Errorf("holder %s is not the last event's user %s", b.Benefit.AssignedTo, got)
		}
	})
}

// TestConcurrentBulkAssignmentsToOneUser: two admins assign two different bulk credits to the
// same user at once; one wins and the other is refused by P9 (the user's membership rows are
// locked after the benefit's). Five rounds, each with a fresh user and pair of bulk credits.
func TestConcurrentBulkAssignmentsToOneUser(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		for round := 1; round <= 5; round++ {
			user := fmt.Sprintf("u%d@fabrikam.example", round)
			pair := []string{"k-1", "k-2"}
			if round > 1 {
				pair = []string{fmt.Sprintf("kb-%d-a", round), fmt.Sprintf("kb-%d-b", round)}
				for _, id := range pair {
					mustOK(t, d.s.CreateBenefit(ctx, d.admin, d.partner, newBenefit(id, benefits.AzureBulkCredit), nil))
				}
			}
			errs := race(2, func(i int) error {
				_, err := d.s.AssignBenefit(ctx, d.admin, d.partner, pair[i], user, false)
				return err
			})
			rules := []string{ruleOf(t, errs[0]), ruleOf(t, errs[1])}
			if !(rules[0] == "" && rules[1] == "P9" || rules[0] == "P9" && rules[1] == "") {
				t.Fatalf("round %d: refusals %q, want exactly one P9", round, rules)
			}
			held := 0
			for _, id := range pair {
				if d.benefit(t, id).Benefit.AssignedTo == user {
					held++
				}
			}
			if held != 1 {
				t.Fatalf("round %d: %s holds %d bulk credits, want 1", round, user, held)
			}
		}
	})
}

// TestConcurrentBenefitWritesMoveTheVersion (issue 10): a renewal (the organisation's row
// first, then the rows it renews), assignments of the benefits it renews (each benefit's row
// first), a holder's and the organisation's new names, fired at once, all apply without a
// deadlock, since the benefits version is every write's last lock, and each moves the version
// once.
func TestConcurrentBenefitWritesMoveTheVersion(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		d.assign(t, "m-1", fabAna, false)
		d.assign(t, "g-1", fabRaj, false) // whose new name the workspace shows
		before, err := d.s.BenefitsVersion(ctx, d.partner.ID)
		mustOK(t, err)
		assign := func(id, email string, reassign bool) func() error {
			return func() error { _, err := d.s.AssignBenefit(ctx, d.admin, d.partner, id, email, reassign); return err }
		}
		writes := []func() error{
			func() error { _, err := d.s.RenewPartner(ctx, d.admin, d.partner, benefitsNow); return err },
			assign("m-1", "u4@fabrikam.example", true), assign("m-2", "u1@fabrikam.example", false),
			assign("m-3", "u2@fabrikam.example", false), assign("k-1", "u3@fabrikam.example", false),
			func() error { return d.s.SetUserName(ctx, d.admin, d.users[fabRaj], "Raj R.") },
			func() error {
				_, _, err := d.s.SavePartner(ctx, d.admin, store.Partner{ExternalID: d.partner.ExternalID, Name: "Fabrikam Ltd"})
				return err
			},
		}
		for i, err := range race(len(writes), func(i int) error { return writes[i]() }) {
			if err != nil {
				t.Errorf("write %d: %v", i, err)
			}
		}
		after, err := d.s.BenefitsVersion(ctx, d.partner.ID)
		mustOK(t, err)
		if after != before+int64(len(writes)) {
			t.Errorf("version %d, then %d; want %d more", before, after, len(writes))
		}
	})
}
