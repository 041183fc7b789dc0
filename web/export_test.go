package web

import (
	"context"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
)

// KeptBenefitTotals is benefitTotals, for the tests of package web_test: the totals a portal
// shows, kept or computed.
func (s *Server) KeptBenefitTotals(ctx context.Context, partnerID int64, now time.Time) (store.BenefitTotals, error) {
	t, _, err := s.benefitTotals(ctx, partnerID, now)
	return t, err
}
