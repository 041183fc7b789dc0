package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/creditdesk/creditdesk/internal/benefits"
)

// statusSteps are benefits.StatusOf's conditions in its precedence: expired (P3), pending
// provisioning (P8), then by holder and redemption. A benefit has the status of the first step
// whose condition holds; the last holds always. Conditions marked now take the instant as their
// one parameter.
var statusSteps = []struct {
	status        benefits.Status
	cond, notCond string
	now           bool
}{
	{benefits.StatusExpired, "b.expires_at <= ?", "b.expires_at > ?", true},
	{benefits.StatusPendingProvisioning, "b.available_at > ?", "b.available_at <= ?", true},
	{benefits.StatusNotRedeemed, "b.assigned_user_id IS NULL", "b.assigned_user_id IS NOT NULL", false},
	{benefits.StatusAssigned, "b.redeemed_at IS NULL", "b.redeemed_at IS NOT NULL", false},
	{benefits.StatusRedeemed, "", "", false},
}

// statusCaseOf is the SQL CASE of statusSteps giving each status's value(st); it takes now
// as its first two parameters.
func statusCaseOf(value func(benefits.Status) string) string {
	var b strings.Builder
	b.WriteString("CASE")
	for _, s := range statusSteps[:len(statusSteps)-1] {
		b.WriteString(" WHEN " + s.cond + " THEN " + value(s.status))
	}
	b.WriteString(" ELSE " + value(statusSteps[len(statusSteps)-1].status) + " END")
	return b.String()
}

// rankCase is a benefit's benefits.Status.ActionRank at an instant (two parameters, both now).
// The ranks are written into the SQL: PostgreSQL cannot type a bare parameter there.
var rankCase = statusCaseOf(func(s benefits.Status) string { return strconv.Itoa(s.ActionRank()) })

// statusWhere is the condition that a benefit has the status of step i at now.
func statusWhere(i int, now time.Time) (string, []any) {
	var conds []string
	var args []any
	for j, s := range statusSteps[:i+1] {
		c := s.notCond
		if j == i {
			c = s.cond
		}
		if c == "" {
			continue
		}
		conds = append(conds, c)
		if s.now {
			args = append(args, now)
		}
	}
	return strings.Join(conds, " AND "), args
}

// byStatus reports whether a sort is the default, by what needs action first (an unknown
// column sorts so too, as orderBenefits does).
func byStatus(sort BenefitSort) bool {
	return sort == SortStatus || !slices.Contains(BenefitSorts(), sort)
}

// statusPageIDs pages the benefits of narrow in the default order (action rank, then tieBreak)
// without sorting them all: one grouped count gives the number of each status (and the total), or
// q.ByStatus when it may (no filter, no search), which places the page's window over the statuses;
// the ids of each status in the window are then read in tieBreak order from the index
// benefits_partner_order, with that status's condition, an offset and a limit, and the parts are
// joined with UNION ALL. A nil query means an empty page.
func (s *Store) statusPageIDs(ctx context.Context, narrow func() *gorm.DB, q BenefitQuery, now time.Time) (int64, *gorm.DB, error) {
	var total int64
	byRank := map[int]int{}
	if q.ByStatus != nil && q.Filter == benefits.FilterAll && strings.TrimSpace(q.Search) == "" {
		for st, n := range q.ByStatus {
			byRank[st.ActionRank()], total = byRank[st.ActionRank()]+n, total+int64(n)
		}
	} else {
		var counts []struct{ ActionRank, N int }
		err := narrow().Select(rankCase+" AS action_rank, COUNT(*) AS n", now, now).Group("action_rank").Scan(&counts).Error
		if err != nil {
			return 0, nil, wrap("count benefits by status", err)
		}
		for _, c := range counts {
			byRank[c.ActionRank], total = c.N, total+int64(c.N)
		}
	}
	steps := make([]int, len(statusSteps))
	for i := range steps {
		steps[i] = i
	}
	slices.SortFunc(steps, func(a, b int) int {
		d := statusSteps[a].status.ActionRank() - statusSteps[b].status.ActionRank()
		if q.Desc {
			return -d
		}
		return d
	})
	var parts []string
	var segs []any
	pos, from, to := 0, q.Offset, q.Offset+q.Limit
	for _, i := range steps {
		n := byRank[statusSteps[i].status.ActionRank()]
		if lo, hi := max(from, pos), min(to, pos+n); lo < hi {
			cond, args := statusWhere(i, now)
			seg := narrow().Select("b.id").Order(tieBreak).Offset(lo - pos).Limit(hi - lo)
			if cond != "" {
				seg = seg.Where(cond, args...)
			}
			parts = append(parts, "SELECT id FROM (?) AS s"+strconv.Itoa(len(parts)))
			segs = append(segs, seg)
		}
		pos += n
	}
	switch len(segs) {
	case 0:
		return total, nil, nil
	case 1:
		return total, segs[0].(*gorm.DB), nil
	}
	return total, s.conn(ctx).Raw(strings.Join(parts, " UNION ALL "), segs...), nil
}
