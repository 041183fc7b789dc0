package web

import (
	"crypto/rand"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
	"github.com/creditdesk/creditdesk/web/status"
)

// benefitRedeem activates a benefit for the signed-in user who holds it: a new Azure
// subscription is created and its id shown (P5); a monthly credit is then valid 13 months
// (P11). A benefit the user does not hold is a 404, whoever holds it.
func (s *Server) benefitRedeem(c echo.Context) error {
	ch, err := s.store.RedeemBenefit(c.Request().Context(), *currentUser(c), benefitParam(c), rand.Reader)
	code, onForm := formStatus(err)
	switch {
	case errors.Is(err, fault.ErrNotFound):
		return fault.New(fault.ErrNotFound, "No benefit with this id is assigned to you.")
	case err != nil && !onForm:
		return err
	}
	var msg fault.Message
	if err == nil {
		code = http.StatusOK
		msg = fault.Say(views.KeyActivated, ch.After.ID, ch.After.SubscriptionID, benefits.Validity(ch.After))
		if !htmxOf(c.Request()).Fragment() {
			if err := s.addSaid(c, msg); err != nil {
				return err
			}
			return seeOther(c, s.links.to(routeMyBenefits))
		}
	}
	p, perr := s.myBenefitsProps(c)
	if perr != nil {
		return perr
	}
	p.Flash = msg
	if err != nil {
		p.Flash, p.FlashError = status.Said(err), true
	}
	return s.render(c, code, views.MyBenefitsPage(p), views.MyBenefitsList(p))
}
