package notify

import (
	"context"
	"net/url"
	"strings"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/store"
)

// partnerFacts is a partner organisation with what its rules check, read once per evaluation.
type partnerFacts struct {
	partner store.Partner
	facts   alerts.PartnerFacts
}

// partnerOf reads a partner organisation's live benefits and their histories at the business
// time, the same the Benefits workspace shows (package benefits decides their states).
func (e *evaluation) partnerOf(ctx context.Context, id int64) (*partnerFacts, error) {
	if pf, ok := e.partners[id]; ok {
		return pf, nil
	}
	p, err := e.s.o.Store.PartnerByID(ctx, id)
	if err != nil {
		return nil, err
	}
	f, err := e.s.factsOfPartner(ctx, id)
	if err != nil {
		return nil, err
	}
	pf := &partnerFacts{partner: p, facts: f}
	e.partners[id] = pf
	return pf, nil
}

// factsOfPartner reads what the rules of an organisation check at the business time: its live
// benefits and their histories, the same the Benefits workspace shows.
func (s *Service) factsOfPartner(ctx context.Context, id int64) (alerts.PartnerFacts, error) {
	now := s.o.Clocks.Business()
	ds, err := s.o.Store.LiveBenefitsOfPartner(ctx, id, now)
	f := alerts.PartnerFacts{Now: now}
	for _, d := range ds {
		f.Benefits = append(f.Benefits, alerts.BenefitFacts{Benefit: d.Benefit, History: d.History})
	}
	return f, err
}

// partnerRule checks one rule of a partner organisation and moves the states that changed, as
// rule does for a billing scope: a subject fires once when its condition becomes true and is
// resolved when it stops holding.
func (e *evaluation) partnerRule(ctx context.Context, r store.AlertRule, rep *Report) error {
	pf, err := e.partnerOf(ctx, *r.PartnerID)
	if err != nil {
		return err
	}
	var q *queue
	queue := func() (*queue, error) {
		if q != nil {
			return q, nil
		}
		var err error
		q, err = e.queueOf(ctx, r, func(u store.User) (bool, error) {
			g, err := e.s.o.Store.PartnerGrantsOf(ctx, pf.partner.ID, u.ID)
			return g.Admin(), err
		})
		return q, err
	}
	orgID := pf.partner.ScopeID()
	hits := map[string]bool{}
	for _, h := range alerts.CheckPartner(r.Rule(), pf.facts) {
		subject := orgID
		if h.Benefit != "" {
			subject = orgID + "/benefits/" + h.Benefit
		}
		hits[subject] = true
		if e.active[r.ID][subject] {
			continue
		}
		q, err := queue()
		if err != nil {
			return err
		}
		if err := e.transition(ctx, r.ID, subject, true, q.partnerBuild(pf.partner, subject, h, false), rep); err != nil {
			return err
		}
	}
	for subject := range e.active[r.ID] {
		if hits[subject] {
			continue
		}
		q, err := queue()
		if err != nil {
			return err
		}
		build := nothing
		if r.NotifyResolved {
			h := alerts.Hit{}
			if b, ok := benefitOf(orgID, subject); ok {
				h.Benefit, h.Values.Benefit = b, b
			}
			build = q.partnerBuild(pf.partner, subject, h, true)
		}
		if err := e.transition(ctx, r.ID, subject, false, build, rep); err != nil {
			return err
		}
	}
	return nil
}

// benefitOf is the benefit a subject under the organisation orgID names, if it names one.
func benefitOf(orgID, subject string) (string, bool) {
	b, ok := strings.CutPrefix(subject, orgID+"/benefits/")
	return b, ok && b != ""
}

// partnerBuild returns the messages of one crossing of a partner organisation's rule: the link
// is the benefit's side pane, or the Membership page.
func (q *queue) partnerBuild(p store.Partner, subject string, h alerts.Hit, resolved bool) func(int) ([]store.AlertDelivery, error) {
	base := "/partners/" + url.PathEscape(p.ExternalID)
	link := base + "/membership"
	if h.Benefit != "" {
		link = benefitPane(p, h.Benefit)
	}
	return q.messages(subject, resolved, base+"/alerts", alerts.EventData{RuleID: q.rule.ID, Rule: q.rule.Rule(),
		Partner: p.ExternalID, PartnerName: p.Name, Link: q.s.o.PublicURL + link, Values: h.Values})
}

// benefitPane is the path of a benefit's side pane in its organisation's Benefits workspace.
func benefitPane(p store.Partner, benefit string) string {
	return "/partners/" + url.PathEscape(p.ExternalID) + "/benefits/" + url.PathEscape(benefit)
}
