package arm

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// eventScope is a scope of two profiles of one account, filtered by f.
func eventScope(f EventFilter) EventScope {
	return EventScope{Shape: Consumption2021, Account: "acct", ScopeID: AccountID("acct"), Filter: f,
		Profiles: map[int64]EventProfile{7: {Name: "P7", Currency: "USD"}, 3: {Name: "P3", Currency: "EUR"}}}
}

// pendingOf draws n pending events spread over the two profiles of eventScope.
func pendingOf(r *rand.Rand, n int) map[int64]ledger.Summary {
	kinds := []ledger.EventKind{ledger.EventNewCredit, ledger.EventAdjustment, ledger.EventExpiredCredit,
		ledger.EventCanceledCredit, ledger.EventPendingCharges}
	sums := map[int64]ledger.Summary{}
	for i := range n {
		id := []int64{3, 7}[r.IntN(2)]
		e := ledger.Event{Kind: kinds[r.IntN(len(kinds))], Pending: true, Date: ledger.NewDate(2026, time.March, 1+r.IntN(28)),
			Amount: money.FromMicros(int64(r.IntN(1_000_000_000))), Description: fmt.Sprint("event ", i)}
		if e.Kind != ledger.EventPendingCharges {
			e.LotID = fmt.Sprintf("lot-%d", r.IntN(4))
		}
		s := sums[id]
		s.Events = append(s.Events, e)
		sums[id] = s
	}
	return sums
}

// TestPendingPagesGiveEachEventOnce (M12, contract §1.6): paging through the pending events of a
// scope with any page size gives each exactly once, ordered by profile then key, whatever order
// the summaries list them in; an event added between pages is never the reason one is skipped.
func TestPendingPagesGiveEachEventOnce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		sums := pendingOf(r, r.IntN(30))
		es := eventScope(EventFilter{})
		all, _ := es.Pending(sums)
		for id, s := range sums { // the same events listed in another order: the same pages
			r.Shuffle(len(s.Events), func(i, j int) { s.Events[i], s.Events[j] = s.Events[j], s.Events[i] })
			sums[id] = s
		}
		shuffled, _ := es.Pending(sums)
		if !slices.Equal(pendingKeys(all), pendingKeys(shuffled)) {
			t.Fatalf("trial %d: order depends on the summaries' order", trial)
		}
		size := 1 + r.IntN(7)
		cur, seen := Cursor{Phase: 1}, []PendingEvent{}
		for pages := 0; ; pages++ {
			events := all
			if pages == 1 { // an event arrives after the first page
				more := pendingOf(r, 1)
				events, _ = es.Pending(mergeSums(sums, more))
			}
			page, next := PendingPage(events, cur, size)
			if len(page) > size {
				t.Fatalf("trial %d: page of %d, size %d", trial, len(page), size)
			}
			seen = append(seen, page...)
			if next == nil {
				break
			}
			cur = *next
			if pages > len(all)+2 {
				t.Fatalf("trial %d: paging does not end", trial)
			}
		}
		for _, e := range all {
			if n := timesGiven(seen, e.Key, e.Profile); n != 1 {
				t.Fatalf("trial %d: event %s of profile %d given %d times", trial, e.Key, e.Profile, n)
			}
		}
		if !slices.IsSortedFunc(seen, func(a, b PendingEvent) int {
			return cmp.Or(cmp.Compare(a.Profile, b.Profile), cmp.Compare(a.Key, b.Key))
		}) {
			t.Fatalf("trial %d: pages out of order", trial)
		}
	}
}

// TestPendingPageAfterFullSettledPage: a page the settled events filled (no room) hands on the
// cursor it was given, or none when no pending event is left.
func TestPendingPageAfterFullSettledPage(t *testing.T) {
	all, _ := eventScope(EventFilter{}).Pending(pendingOf(rand.New(rand.NewPCG(3, 4)), 3))
	page, next := PendingPage(all, Cursor{Phase: 1}, 0)
	if len(page) != 0 || next == nil || *next != (Cursor{Phase: 1}) {
		t.Errorf("no room: %d events, next %v", len(page), next)
	}
	if page, next := PendingPage(nil, Cursor{Phase: 1}, 0); len(page) != 0 || next != nil {
		t.Errorf("nothing pending: %d events, next %v", len(page), next)
	}
}

// TestPendingFilters: the filter keeps pending events by day, pending event type and lot (by its
// name or its ARM id); a lotSource filter keeps only events of a lot with that source.
func TestPendingFilters(t *testing.T) {
	march := func(d int) ledger.Date { return ledger.NewDate(2026, time.March, d) }
	sums := map[int64]ledger.Summary{3: {Events: []ledger.Event{
		{Kind: ledger.EventNewCredit, Pending: true, Date: march(2), LotID: "Lot-A"},
		{Kind: ledger.EventExpiredCredit, Pending: true, Date: march(5), LotID: "lot-b"},
		{Kind: ledger.EventPendingCharges, Pending: true, Date: march(9)},
	}}}
	sources := map[int64]map[string]string{3: {"Lot-A": "PromotionalCredit", "lot-b": "PurchasedCredit"}}
	for _, tt := range []struct {
		name string
		f    EventFilter
		want []ledger.EventKind
	}{
		{"all", EventFilter{}, []ledger.EventKind{ledger.EventNewCredit, ledger.EventExpiredCredit, ledger.EventPendingCharges}},
		{"days", EventFilter{Days: DaysFrom(march(3))}, []ledger.EventKind{ledger.EventExpiredCredit, ledger.EventPendingCharges}},
		{"type", EventFilter{EventType: "PendingExpiredCredit"}, []ledger.EventKind{ledger.EventExpiredCredit}},
		{"lot by id", EventFilter{LotID: ConsumptionID(ProfileID("acct", "P3"), "lots", "lot-a")}, []ledger.EventKind{ledger.EventNewCredit}},
		{"lot source", EventFilter{LotSource: "PurchasedCredit"}, []ledger.EventKind{ledger.EventExpiredCredit}},
	} {
		es := eventScope(tt.f)
		events, lots := es.Pending(sums)
		events = es.WithSources(events, sources)
		var got []ledger.EventKind
		for _, e := range events {
			got = append(got, e.In.Kind)
			if e.In.LotID != "" && e.In.LotSource != sources[3][lotName(e.In.LotID)] {
				t.Errorf("%s: lot %s has source %q", tt.name, e.In.LotID, e.In.LotSource)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: kinds %v, want %v (lots %v)", tt.name, got, tt.want, lots)
		}
	}
	if (EventFilter{EventType: "NewCredit"}).WantsPending() || !(EventFilter{}).WantsPending() {
		t.Error("WantsPending")
	}
}

// TestSettledKinds: an API eventType selects the ledger kinds of settled events it names (a
// settled adjustment is SettledCharges), none for a pending type, all for none.
func TestSettledKinds(t *testing.T) {
	for _, tt := range []struct {
		eventType string
		want      []ledger.EventKind
	}{
		{"", nil},
		{"PendingCharges", []ledger.EventKind{}},
		{"NewCredit", []ledger.EventKind{ledger.EventNewCredit}},
		{"SettledCharges", []ledger.EventKind{ledger.EventSettledCharges, ledger.EventAdjustment}},
		{"CreditExpired", []ledger.EventKind{ledger.EventExpiredCredit}},
	} {
		got := EventFilter{EventType: tt.eventType}.SettledKinds()
		if !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("%q: %v, want %v", tt.eventType, got, tt.want)
		}
	}
}

// TestSettledEvent: a settled event carries its profile's ARM id, currency and the stable name
// of its sequence number.
func TestSettledEvent(t *testing.T) {
	es := eventScope(EventFilter{})
	in := es.Settled(7, 42, ledger.Event{Kind: ledger.EventNewCredit, LotID: "lot-1"}, "PromotionalCredit")
	pid := ProfileID("acct", "P7")
	if in.ProfileID != pid || in.Currency != "USD" || in.Name != SettledName(pid, 42) ||
		in.LotID != ConsumptionID(pid, "lots", "lot-1") || in.LotSource != "PromotionalCredit" || in.ScopeID != es.ScopeID {
		t.Errorf("settled event %+v", in)
	}
	if c := SettledCursor(7, ledger.MustDate("2026-03-01"), 42); c.Phase != 0 || c.Profile != 7 || c.After != 42 || c.Date.String() != "2026-03-01" {
		t.Errorf("cursor %+v", c)
	}
}

// pendingKeys lists the positions of the events in order.
func pendingKeys(es []PendingEvent) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = fmt.Sprint(e.Profile, e.Key)
	}
	return out
}

// timesGiven counts the events of es at one position.
func timesGiven(es []PendingEvent, key string, profile int64) int {
	n := 0
	for _, e := range es {
		if e.Key == key && e.Profile == profile {
			n++
		}
	}
	return n
}

// mergeSums returns the events of a and b together.
func mergeSums(a, b map[int64]ledger.Summary) map[int64]ledger.Summary {
	out := map[int64]ledger.Summary{}
	for _, m := range []map[int64]ledger.Summary{a, b} {
		for id, s := range m {
			o := out[id]
			o.Events = append(slices.Clone(o.Events), s.Events...)
			out[id] = o
		}
	}
	return out
}
