package web

import (
	"context"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/web/keptcache"
)

// benefitsCacheSize bounds the organisations each of the server's benefits caches keeps: those
// recently viewed. They keep, per partner organisation, what the Benefits workspace shows of its
// benefits for one query (issue 10): the totals of its charts and default order, or a page of its
// list, so that neither is read from a thousand benefits on every request.
const benefitsCacheSize = 256

// benefitsPages is how many pages of an organisation's list the portal keeps: its admins' latest
// pages, filters and orders.
const benefitsPages = 8

// benefitTotals is an organisation's benefit totals at now and their label: kept, when the
// portal computed them at the benefits version the database has now and they still hold, or
// computed and kept. The version is read before the totals, so kept totals are never older than
// their label.
func (s *Server) benefitTotals(ctx context.Context, partnerID int64, now time.Time) (store.BenefitTotals, keptcache.Span, error) {
	version, err := s.store.BenefitsVersion(ctx, partnerID)
	if err != nil {
		return store.BenefitTotals{}, keptcache.Span{}, err
	}
	if t, ok := s.keptTotals.Get(partnerID, keptcache.Span{Version: version, At: now}, struct{}{}); ok {
		return t, keptcache.Span{Version: version, At: now, Until: t.Until}, nil
	}
	t, err := s.store.BenefitTotalsOf(ctx, partnerID, now)
	if err != nil {
		return store.BenefitTotals{}, keptcache.Span{}, err
	}
	l := keptcache.Span{Version: version, At: now, Until: t.Until}
	s.keptTotals.Put(partnerID, l, struct{}{}, t)
	return t, l, nil
}
