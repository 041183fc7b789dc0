package store_test

import (
	"context"
	"crypto/rand"
	"testing"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestBenefitsVersionMovesWithEveryWrite (issue 10): every write of what an organisation's
// Benefits workspace shows of its benefits (the benefits, a holder's name, its own name) moves
// its benefits version, in the write's transaction, so that a portal keeping totals
// labelled with the version never shows them after a write; a refused attempt (P9: a second
// bulk credit) writes nothing and moves nothing, and another organisation's version stays.
func TestBenefitsVersionMovesWithEveryWrite(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		version := func(id int64) int64 {
			t.Helper()
			v, err := d.s.BenefitsVersion(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		other := version(d.other.ID)
		for _, w := range []struct {
			name  string
			write func() error
			moves bool
		}{
			{"create", func() error {
				return d.s.CreateBenefit(ctx, d.admin, d.partner, newBenefit("m-9", benefits.AzureMonthlyCredit), nil)
			}, true},
			{"assign", func() error { _, err := d.s.AssignBenefit(ctx, d.admin, d.partner, "k-1", fabRaj, false); return err }, true},
			{"refused: P9", func() error { _, err := d.s.AssignBenefit(ctx, d.admin, d.partner, "k-2", fabRaj, false); return err }, false},
			{"assign a monthly credit", func() error { _, err := d.s.AssignBenefit(ctx, d.admin, d.partner, "m-1", fabRaj, false); return err }, true},
			{"reassign", func() error { _, err := d.s.AssignBenefit(ctx, d.admin, d.partner, "m-1", fabAna, true); return err }, true},
			{"remove", func() error { _, err := d.s.RemoveBenefitUser(ctx, d.admin, d.partner, "m-1"); return err }, true},
			{"add a member and assign", func() error {
				_, err := d.s.AddMemberAndAssign(ctx, d.admin, d.partner, "m-2", "Nora", "nora@fabrikam.example", false)
				return err
			}, true},
			{"redeem", func() error { _, err := d.s.RedeemBenefit(ctx, d.users[fabRaj], "k-1", rand.Reader); return err }, true},
			{"the holder's new name", func() error { return d.s.SetUserName(ctx, d.admin, d.users[fabRaj], "Raj R.") }, true},
			{"the organisation's new name", func() error {
				_, _, err := d.s.SavePartner(ctx, d.admin, store.Partner{ExternalID: d.partner.ExternalID, Name: "Fabrikam Ltd"})
				return err
			}, true},
			{"renew", func() error {
				d.clock.T = day("2027-02-05")
				_, err := d.s.RenewPartner(ctx, d.admin, d.partner, day("2027-02-05"))
				return err
			}, true},
		} {
			before := version(d.partner.ID)
			err := w.write()
			if (err == nil) != w.moves {
				t.Fatalf("%s: %v", w.name, err)
			}
			if after := version(d.partner.ID); (after > before) != w.moves {
				t.Errorf("%s: version %d, then %d; want it moved: %v", w.name, before, after, w.moves)
			}
		}
		if v := version(d.other.ID); v != other {
			t.Errorf("the other organisation's version: %d, then %d", other, v)
		}
	})
}
