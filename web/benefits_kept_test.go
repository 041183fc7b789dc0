package web_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// statusCount is the count of a status in an overview's chart table.
func statusCount(t *testing.T, overview string, st benefits.Status) string {
	t.Helper()
	m := regexp.MustCompile(`<tr data-status="` + string(st) + `">.*?<td class="num">([0-9]+)</td></tr>`).FindStringSubmatch(overview)
	if m == nil {
		t.Fatalf("no count of %s in the overview\n%.2000s", st, overview)
	}
	return m[1]
}

// listed is the ids, statuses and holders of a workspace page's rows, in order.
func listed(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	doc(t, page).Find(testid("benefit-row")).Each(func(_ int, r *goquery.Selection) {
		st, _ := r.Attr("data-status")
		holder := strings.Join(strings.Fields(r.Find(testid("benefit-holder")).Text()), " ")
		out = append(out, r.Find(testid("open-benefit")).Text()+" "+st+" "+holder)
	})
	return out
}

// TestBenefitTotalsKeptAcrossPortals (issue 10): a portal shows the overview of an organisation
// whose benefits have not moved from its kept totals, reading the benefits version and not the
// benefits; a benefit assigned through a second portal over the same database shows at once in
// the first's overview and in its workspace's default order (P4: b-001 goes from not redeemed
// to assigned), as does a holder's new name in the list, and so does a benefit reaching its
// available instant on the business clock (P8: b-005, bought 2026-06-13, is available on
// 2026-06-17).
func TestBenefitTotalsKeptAcrossPortals(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h := newHarness(t, d, "testdata/roles.json", false)
		var n atomic.Int64
		if err := h.store.CountStatements(&n); err != nil {
			t.Fatal(err)
		}
		first, second := h.client(t), h.secondPortal(t).client(t)
		first.signIn(partnerAdmin)
		second.signIn(partnerAdmin)
		overview := func() (int64, string) {
			before := n.Load()
			resp, body := first.do("GET", partPath+"/overview", nil, htmxHeaders)
			if resp.StatusCode != ok {
				t.Fatalf("overview: status %d", resp.StatusCode)
			}
			return n.Load() - before, body
		}
		fresh := func() []string { // the workspace of a portal that keeps nothing yet
			c := h.secondPortal(t).signedIn(t, partnerAdmin)
			_, body := c.get(partPath + "/benefits")
			return listed(t, body)
		}
		check := func(step string, notRedeemed, assigned, pending string) {
			t.Helper()
			_, o := overview()
			got := []string{statusCount(t, o, benefits.StatusNotRedeemed), statusCount(t, o, benefits.StatusAssigned),
				statusCount(t, o, benefits.StatusPendingProvisioning)}
			if want := []string{notRedeemed, assigned, pending}; !reflect.DeepEqual(got, want) {
				t.Errorf("%s: not redeemed, assigned, pending %v, want %v", step, got, want)
			}
			_, page := first.get(partPath + "/benefits")
			if got, want := listed(t, page), fresh(); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: the workspace lists %v, a fresh portal %v", step, got, want)
			}
		}
		check("at first", "2", "2", "1")
		computed, _ := overview()
		if kept, _ := overview(); kept != computed || kept != 3 {
			t.Errorf("the overview again: %d statements (then %d), want 3: the user, the organisation, the version", kept, computed)
		}
		resp, _ := second.post(partPath+"/benefits/b-001/assign", url.Values{"user": {partnerMember}})
		if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != ok {
			t.Fatalf("assign through the second portal: status %d", resp.StatusCode)
		}
		check("after an assignment through the second portal", "1", "3", "1")
		if err := h.store.SetUserName(context.Background(), tester, h.user(t, partnerHolder), "Renamed Holder"); err != nil {
			t.Fatal(err)
		}
		check("after the holder's new name", "1", "3", "1")
		h.clock.T = time.Date(2026, 6, 17, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
		check("an instant before b-005 is available", "1", "3", "1")
		h.clock.T = time.Date(2026, 6, 17, 0, 0, 0, 0, time.UTC)
		check("when b-005 is available", "2", "3", "0")
	})
}

// TestKeptBenefitTotalsAreFresh (issue 10), a property: after any sequence of assignments,
// removals, redemptions, new benefits (some still being provisioned, P8), renames of a holder and
// moves of the business clock, by hours, by days, or onto the instant a benefit becomes available
// or expires (P8, P3, P11), the totals a portal shows equal a recomputation from the benefits, and
// its workspace's first two pages in the default order, and the first in another, are those of a
// portal that keeps nothing.
func TestKeptBenefitTotalsAreFresh(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h := newHarness(t, d, "testdata/roles.json", false)
		ctx := context.Background()
		p, err := h.store.PartnerByExternalID(ctx, "4390934")
		if err != nil {
			t.Fatal(err)
		}
		admin, holder := h.user(t, partnerAdmin), h.user(t, partnerHolder)
		c := h.signedIn(t, partnerAdmin)
		rng := mrand.New(mrand.NewPCG(10, 24))
		ids := []string{"b-001", "b-002", "b-003", "b-004", "b-005", "b-006", "b-007"}
		kinds := []benefits.Kind{benefits.AzureMonthlyCredit, benefits.AzureBulkCredit, benefits.GitHubEnterpriseMetered}
		create := func(id string, now time.Time) error {
			bought := now.Truncate(24*time.Hour).AddDate(0, 0, rng.IntN(40)-36)
			b := benefits.Benefit{ID: id, Kind: kinds[rng.IntN(len(kinds))], Amount: money.FromUnits(int64(10 + rng.IntN(90))),
				Currency: []string{"USD", "EUR"}[rng.IntN(2)], PurchaseDate: bought, StartDate: bought.AddDate(0, 0, 4),
				EndDate: bought.AddDate(0, 1+rng.IntN(14), 3)}
			ids = append(ids, id)
			return h.store.CreateBenefit(ctx, admin, p, b, nil)
		}
		for i := range 30 { // two pages and more
			if err := create(fmt.Sprintf("s-%03d", i), h.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		for step := range 150 {
			now, op := h.clock.Now(), ""
			err = nil
			switch r := rng.IntN(9); r {
			case 0, 1:
				id := ids[rng.IntN(len(ids))]
				op = "assign " + id
				_, err = h.store.AssignBenefit(ctx, admin, p, id, []string{partnerHolder, partnerMember}[rng.IntN(2)], rng.IntN(2) == 0)
			case 2:
				id := ids[rng.IntN(len(ids))]
				op = "remove the user of " + id
				_, err = h.store.RemoveBenefitUser(ctx, admin, p, id)
			case 3:
				id := ids[rng.IntN(len(ids))]
				op = "redeem " + id
				_, err = h.store.RedeemBenefit(ctx, holder, id, rand.Reader)
			case 4:
				op = fmt.Sprintf("create n-%03d", step)
				err = create(fmt.Sprintf("n-%03d", step), now)
			case 5:
				op = "an hour later"
				h.clock.T = now.Add(time.Duration(1+rng.IntN(60)) * time.Hour)
			case 6:
				op = "days later"
				h.clock.T = now.AddDate(0, 0, 1+rng.IntN(20))
			case 8:
				op = "rename the holder"
				err = h.store.SetUserName(ctx, admin, holder, fmt.Sprintf("Holder %d", step))
			case 7:
				t0, err := h.store.BenefitTotalsOf(ctx, p.ID, now)
				if err != nil {
					t.Fatal(err)
				}
				if t0.Until.IsZero() {
					continue // no benefit changes status any more
				}
				op = "onto the next status change"
				h.clock.T = t0.Until
			}
			if err != nil && len(benefits.RuleErrors(err)) == 0 && !errors.Is(err, fault.ErrNotFound) {
				t.Fatalf("step %d, %s: %v", step, op, err)
			}
			now = h.clock.Now()
			kept, err := h.web.KeptBenefitTotals(ctx, p.ID, now)
			if err != nil {
				t.Fatal(err)
			}
			fresh, err := h.store.BenefitTotalsOf(ctx, p.ID, now)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(kept, fresh) {
				t.Fatalf("step %d, %s, at %s: kept %+v, fresh %+v", step, op, now, kept, fresh)
			}
			if step%3 == 2 {
				other := h.secondPortal(t).signedIn(t, partnerAdmin)
				for _, path := range []string{partPath + "/benefits", partPath + "/benefits?page=2", partPath + "/benefits?sort=user&q=holder"} {
					_, mine := c.get(path)
					_, theirs := other.get(path)
					if got, want := listed(t, mine), listed(t, theirs); !reflect.DeepEqual(got, want) {
						t.Fatalf("step %d, %s: %s lists %v, a fresh portal %v", step, op, path, got, want)
					}
				}
			}
		}
	})
}

// TestRenameDuringAssignmentKeepsNoOldName (issue 10, PostgreSQL, where writes run side by
// side): a holder's new name not committed yet while an assignment to the holder is under way
// never leaves a portal keeping the old name under the organisation's newest version. The
// assignment waits for the new name (both take the holder's memberships), so the version it moves
// is read with the new name.
func TestRenameDuringAssignmentKeepsNoOldName(t *testing.T) {
	t.Parallel()
	storetest.RequirePostgres(t, "SQLite runs one write at a time")
	url := storetest.MigratedURL(t, store.Postgres)
	h := newHarnessAt(t, url, store.Pool{}, "testdata/roles.json", false)
	ctx := context.Background()
	p, err := h.store.PartnerByExternalID(ctx, partnerID)
	if err != nil {
		t.Fatal(err)
	}
	first := h.signedIn(t, partnerAdmin)
	first.get(partPath + "/benefits")
	assigned := make(chan error, 1)
	err = h.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.SetUserName(ctx, tester, h.user(t, partnerMember), "Renamed Member"); err != nil {
			return err
		}
		go func() { // another connection
			_, err := h.store.AssignBenefit(ctx, h.user(t, partnerAdmin), p, "b-001", partnerMember, false)
			assigned <- err
		}()
		waitForLockWait(t, url, assigned) // the assignment waits for the new name's memberships
		first.get(partPath + "/benefits") // kept at the version of this instant
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := <-assigned; err != nil {
		t.Fatal(err)
	}
	_, mine := first.get(partPath + "/benefits")
	other := h.secondPortal(t).signedIn(t, partnerAdmin)
	_, theirs := other.get(partPath + "/benefits")
	if got, want := listed(t, mine), listed(t, theirs); !reflect.DeepEqual(got, want) {
		t.Errorf("the first portal lists %v, a fresh one %v", got, want)
	}
	if !strings.Contains(mine, "Renamed Member") {
		t.Errorf("the new holder's new name is not listed")
	}
}

// waitForLockWait returns once a session of the database at url waits for a lock, or fails the
// test when the other side has finished first (done) or after ten seconds.
func waitForLockWait(t *testing.T, url string, done <-chan error) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		waiting := storetest.Rows(t, url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
		if len(waiting) == 1 && waiting[0] != "0" {
			return
		}
		select {
		case err := <-done:
			t.Fatalf("the assignment finished without waiting for the new name (%v)", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("no session waits for a lock after 10 s")
}
