package arm

import (
	"cmp"
	"slices"
	"strings"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// EventScope is what the events of one request are shaped and filtered by (E1, E2): the shape of
// its api-version, the scope it names, the profiles that scope reaches, and its $filter and
// dates. A page of events gives the settled ones first (M13), keyset-paged by the store on
// (profile, date, seq), then the pending ones the next invoice would settle (M12), recomputed on
// every request and paged on their content key, so no event is given twice and none that
// existed when the client started is skipped.
type EventScope struct {
	Shape    Shape
	Account  string // the billing account's name
	ScopeID  string // the ARM id of the scope the request names
	Profiles map[int64]EventProfile
	Filter   EventFilter
}

// EventProfile is what an event shows of its billing profile.
type EventProfile struct {
	Name, DisplayName, Currency string
}

// ProfileIDs returns the ids of the scope's profiles in order.
func (s EventScope) ProfileIDs() []int64 {
	ids := make([]int64, 0, len(s.Profiles))
	for id := range s.Profiles {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// LotName is the lot of the lotId filter, lower-case: a lot's name, or the name at the end of
// its full ARM id; "" for all lots.
func (f EventFilter) LotName() string { return lotName(f.LotID) }

// lotName is the name of a lot given by its name or its full ARM id.
func lotName(id string) string {
	if i := strings.LastIndex(id, "/lots/"); i >= 0 {
		return id[i+len("/lots/"):]
	}
	return id
}

// SettledKinds are the ledger kinds of the settled events the filter's eventType selects: nil for
// any, none for a pending type.
func (f EventFilter) SettledKinds() []ledger.EventKind {
	if f.EventType == "" {
		return nil
	}
	kinds := []ledger.EventKind{}
	for _, k := range []ledger.EventKind{ledger.EventNewCredit, ledger.EventSettledCharges, ledger.EventAdjustment,
		ledger.EventExpiredCredit, ledger.EventCanceledCredit} {
		if EventType(k, false) == f.EventType {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

// Settled is a stored (settled) event of profile as the API shows it: e with the sequence number
// it was booked under and the source of its lot.
func (s EventScope) Settled(profile int64, seq int64, e ledger.Event, lotSource string) EventInput {
	in := s.input(profile, e)
	in.Name, in.LotSource = SettledName(in.ProfileID, seq), lotSource
	return in
}

// SettledCursor is the position after the last settled event of a page that has more.
func SettledCursor(profile int64, date ledger.Date, seq int64) Cursor {
	return Cursor{Profile: profile, Date: date, After: seq}
}

// input is the shape-independent part of an event of a profile.
func (s EventScope) input(profile int64, e ledger.Event) EventInput {
	p := s.Profiles[profile]
	pid := ProfileID(s.Account, p.Name)
	in := EventInput{ScopeID: s.ScopeID, Kind: e.Kind, Pending: e.Pending, Date: e.Date, Description: e.Description,
		InvoiceNumber: e.InvoiceNumber, Currency: p.Currency, Amount: e.Amount, Balance: e.Balance,
		ProfileID: pid, ProfileDisplay: p.DisplayName}
	if e.LotID != "" {
		in.LotID = ConsumptionID(pid, "lots", e.LotID)
	}
	return in
}

// WantsPending reports whether the filter's eventType can select a pending event at all.
func (f EventFilter) WantsPending() bool {
	return f.EventType == "" || strings.HasPrefix(f.EventType, "Pending")
}

// PendingEvent is a pending event with its keyset position: profile, then content key.
type PendingEvent struct {
	Profile int64
	Key     string
	In      EventInput
}

// after reports whether the event comes after the cursor's position.
func (e PendingEvent) after(cur Cursor) bool {
	return e.Profile > cur.Profile || e.Profile == cur.Profile && e.Key > cur.Key
}

// Pending returns the pending events of the profiles' summaries (by profile id) that the filter
// keeps, ordered by profile and key, and the names of the lots they name, whose sources
// WithSources then needs.
func (s EventScope) Pending(sums map[int64]ledger.Summary) ([]PendingEvent, []string) {
	var out []PendingEvent
	var lots []string
	for _, id := range s.ProfileIDs() {
		for _, e := range sums[id].Events {
			if !s.keeps(e) {
				continue
			}
			in := s.input(id, e)
			key := PendingKey(e)
			in.Name = PendingName(in.ProfileID, key)
			out = append(out, PendingEvent{Profile: id, Key: key, In: in})
			if e.LotID != "" {
				lots = append(lots, e.LotID)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b PendingEvent) int {
		return cmp.Or(cmp.Compare(a.Profile, b.Profile), cmp.Compare(a.Key, b.Key))
	})
	return out, lots
}

// keeps applies the filter to a pending event; the source of its lot is WithSources's.
func (s EventScope) keeps(e ledger.Event) bool {
	f := s.Filter
	lot := f.LotName()
	return f.Days.Contains(e.Date) &&
		(f.EventType == "" || EventType(e.Kind, true) == f.EventType) &&
		(lot == "" || strings.ToLower(e.LotID) == lot) &&
		(f.LotSource == "" || e.LotID != "")
}

// WithSources fills in the source of each event's lot from sources (by profile, then lot name)
// and drops the events a lotSource filter excludes.
func (s EventScope) WithSources(events []PendingEvent, sources map[int64]map[string]string) []PendingEvent {
	out := events[:0]
	for _, e := range events {
		if e.In.LotID != "" {
			e.In.LotSource = sources[e.Profile][lotName(e.In.LotID)]
		}
		if s.Filter.LotSource == "" || e.In.LotSource == s.Filter.LotSource {
			out = append(out, e)
		}
	}
	return out
}

// PendingPage returns the pending events after the cursor, at most room of them, and the cursor
// of the page after (nil when these are the last). A page full of settled events (room 0) hands
// on the cursor it was given.
func PendingPage(events []PendingEvent, cur Cursor, room int) ([]PendingEvent, *Cursor) {
	start := 0
	for start < len(events) && !events[start].after(cur) {
		start++
	}
	end := min(len(events), start+max(room, 0))
	if end == len(events) {
		return events[start:end], nil
	}
	if end > start {
		cur = Cursor{Phase: 1, Profile: events[end-1].Profile, Key: events[end-1].Key}
	}
	return events[start:end], &cur
}
