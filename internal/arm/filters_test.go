package arm

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

func filterQuery(f string) url.Values { return url.Values{"$filter": {f}} }

// TestLotFilterOf: the spec's example, case-insensitive names and values in canonical spelling,
// date comparisons by whole days, contradictions matching nothing (contract §2, §9.12).
func TestLotFilterOf(t *testing.T) {
	f, err := LotFilterOf(filterQuery("status eq 'active' AND source eq 'consumptioncommitment'"))
	if err != nil || f.Status != "Active" || f.Source != "ConsumptionCommitment" || f.None {
		t.Errorf("spec example: %+v %v", f, err)
	}
	f, err = LotFilterOf(url.Values{"filter": {"Properties/Status EQ 'EXPIRED'"}})
	if err != nil || f.Status != "Expired" {
		t.Errorf("filter without $, properties/ prefix: %+v %v", f, err)
	}
	f, _ = LotFilterOf(filterQuery("status eq 'active' and status eq 'expired'"))
	if !f.None {
		t.Error("two statuses at once match something")
	}
	f, _ = LotFilterOf(filterQuery("expirationDate lt 2026-07-01 and expirationDate ge 2026-06-01"))
	if from, to := f.Expiration.Bounds(); from.String() != "2026-06-01" || to.String() != "2026-06-30" || f.None {
		t.Errorf("June expirations: %s..%s", from, to)
	}
	// A lot expires at 23:59:59 of its last day: "lt 2026-06-30T23:59:59Z" excludes the 30th.
	f, _ = LotFilterOf(filterQuery("expirationDate lt '2026-06-30T23:59:59Z'"))
	if _, to := f.Expiration.Bounds(); to.String() != "2026-06-29" {
		t.Errorf("date-time bound on expiration: to %s", to)
	}
	f, _ = LotFilterOf(filterQuery("expirationDate eq '2026-06-30T23:59:59Z'"))
	if from, to := f.Expiration.Bounds(); from.String() != "2026-06-30" || to.String() != "2026-06-30" {
		t.Errorf("exact expiration instant: %s..%s", from, to)
	}
	f, _ = LotFilterOf(filterQuery("startDate eq '2026-06-30T12:00:00Z'"))
	if !f.None {
		t.Error("a start instant no lot has matches something")
	}
	f, _ = LotFilterOf(filterQuery("startDate gt 2026-06-30 and startDate le 2026-06-30"))
	if !f.None {
		t.Error("disjoint start bounds match something")
	}
	for filter, want := range map[string]string{
		"status eq 'open'":        `"open" is not a value of status: use one of None, Active`,
		"source lt 'x'":           "source can only be compared with eq",
		"owner eq 'ana'":          `lots cannot be filtered by "owner"`,
		"startDate gt 'tomorrow'": `"tomorrow" is not a date`,
		"status eq 'a' or x":      "'or' is not supported",
	} {
		_, err := LotFilterOf(filterQuery(filter))
		wantARM(t, err, http.StatusBadRequest, CodeBadRequest, want)
	}
}

// TestEventFilterOf: the spec's events example and the MACC docs' one.
func TestEventFilterOf(t *testing.T) {
	f, err := EventFilterOf(filterQuery("lotid eq 'G202001083926600XXXXX' AND lotsource eq 'consumptioncommitment'"))
	if err != nil || f.LotID != "g202001083926600xxxxx" || f.LotSource != "ConsumptionCommitment" {
		t.Errorf("spec example: %+v %v", f, err)
	}
	f, err = EventFilterOf(filterQuery("eventType eq 'settledcharges' and transactionDate ge 2026-05-01"))
	if from, _ := f.Days.Bounds(); err != nil || f.EventType != "SettledCharges" || from.String() != "2026-05-01" {
		t.Errorf("eventType and date: %+v %v", f, err)
	}
	if f, _ := EventFilterOf(url.Values{}); f.None || f.LotID != "" || f.Days != AllDays {
		t.Errorf("no filter: %+v", f)
	}
	_, err = EventFilterOf(filterQuery("status eq 'active'"))
	wantARM(t, err, http.StatusBadRequest, CodeBadRequest, "events cannot be filtered by \"status\"")
	if d := ledger.MustDate("2026-05-01"); !f.Days.Contains(d) {
		t.Error("open range misses a day")
	}
}
