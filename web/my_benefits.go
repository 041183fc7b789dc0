package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/views"
	"github.com/creditdesk/creditdesk/web/status"
)

// myBenefits is "Benefits assigned to me" (P4, P5): every benefit the signed-in user holds,
// with Activate where the rules allow it now.
func (s *Server) myBenefits(c echo.Context) error {
	p, err := s.myBenefitsProps(c)
	if err != nil {
		return err
	}
	p.Flash = s.takeSaid(c)
	return s.render(c, http.StatusOK, views.MyBenefitsPage(p), views.MyBenefitsList(p))
}

// myBenefitsProps builds the page from the user's holdings at now.
func (s *Server) myBenefitsProps(c echo.Context) (views.MyBenefits, error) {
	now := s.businessTime()
	held, err := s.store.BenefitsAssignedTo(c.Request().Context(), currentUser(c).ID)
	if err != nil {
		return views.MyBenefits{}, err
	}
	p := views.MyBenefits{Shell: s.shell(c, "Benefits assigned to me"), Loc: readerLocale(c)}
	p.Shell.Crumbs = []views.Crumb{{Label: "Benefits", Href: s.links.to(routePartners)}, {Label: "Benefits assigned to me"}}
	for _, d := range held {
		b := d.Benefit
		st := benefits.StatusOf(b, now)
		r := views.MyBenefit{DOMID: "my-benefit-" + strconv.FormatInt(d.RowID, 10), ID: b.ID, Partner: d.PartnerName,
			Kind: b.Kind.Label(), Amount: views.Money(b.Amount, b.Currency), PerMonth: b.Kind.Monthly(),
			Start: ledger.DateOf(b.StartDate), End: ledger.DateOf(b.EndDate), Status: string(st), StatusLabel: st.Label(),
			Subscription: b.SubscriptionID, Validity: benefits.Validity(b), RedeemAction: s.links.to(routeRedeem, b.ID)}
		if err := benefits.Check(b, d.History, benefits.ActionRedeem, now); err != nil {
			if st != benefits.StatusRedeemed { // the subscription above says it all
				r.Notice = status.Said(err)
			}
		} else {
			r.CanRedeem = true
		}
		p.Rows = append(p.Rows, r)
	}
	return p, nil
}
