package web

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// pendingEvent is a pending event with its keyset position: profile, then content key.
type pendingEvent struct {
	profile int64
	key     string
	in      arm.EventInput
}

// after reports whether the event comes after the cursor's position.
func (e pendingEvent) after(cur arm.Cursor) bool {
	return e.profile > cur.Profile || e.profile == cur.Profile && e.key > cur.Key
}

// pending computes the pending events of the scope's profiles from their maintained state (M12),
// keeps those the filter selects, and orders them by profile and key.
func (l eventLister) pending(ctx context.Context) ([]pendingEvent, error) {
	if l.filter.EventType != "" && !strings.HasPrefix(l.filter.EventType, "Pending") {
		return nil, nil
	}
	today := l.s.today()
	sums := map[int64]ledger.Summary{}
	if len(l.profiles) == 1 {
		for _, p := range l.profiles {
			sum, err := l.s.store.ProfileSummary(ctx, p, today)
			if err != nil {
				return nil, err
			}
			sums[p.ID] = sum
		}
	} else {
		all, err := l.s.store.AccountSummaries(ctx, l.account.ID, today)
		if err != nil {
			return nil, err
		}
		sums = all
	}
	var out []pendingEvent
	var lots []string
	for _, id := range sortedIDs(l.profiles) {
		for _, e := range sums[id].Events {
			if !l.keeps(e) {
				continue
			}
			in := l.input(l.profiles[id], e)
			key := arm.PendingKey(e)
			in.Name = arm.PendingName(in.ProfileID, key)
			out = append(out, pendingEvent{profile: id, key: key, in: in})
			if e.LotID != "" {
				lots = append(lots, e.LotID)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b pendingEvent) int {
		return cmp.Or(cmp.Compare(a.profile, b.profile), cmp.Compare(a.key, b.key))
	})
	return l.withSources(ctx, out, lots)
}

// keeps applies the filter to a pending event.
func (l eventLister) keeps(e ledger.Event) bool {
	f := l.filter
	return f.Days.Contains(e.Date) &&
		(f.EventType == "" || arm.EventType(e.Kind, true) == f.EventType) &&
		(l.lotName == "" || strings.ToLower(e.LotID) == l.lotName) &&
		(f.LotSource == "" || e.LotID != "")
}

// withSources fills in the source of each event's lot, and drops those a lotSource filter
// excludes.
func (l eventLister) withSources(ctx context.Context, events []pendingEvent, lots []string) ([]pendingEvent, error) {
	if len(lots) == 0 {
		return events, nil
	}
	sources, err := l.s.store.LotSources(ctx, sortedIDs(l.profiles), lots)
	if err != nil {
		return nil, err
	}
	out := events[:0]
	for _, e := range events {
		if e.in.LotID != "" {
			e.in.LotSource = sources[e.profile][lotNameOf(e.in.LotID)]
		}
		if l.filter.LotSource == "" || e.in.LotSource == l.filter.LotSource {
			out = append(out, e)
		}
	}
	return out, nil
}
