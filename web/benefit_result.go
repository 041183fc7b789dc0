package web

import (
	"errors"
	"net/http"
	"reflect"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
	"github.com/creditdesk/creditdesk/web/status"
)

// paneFields are the form fields the Activate benefits tab shows, where a refusal about them
// appears: the benefit's own always, the user with the search or the one member left, the new
// user's name and email with Add a new user.
func paneFields(p views.BenefitPane) map[string]bool {
	search := p.CanAssign || p.CanReassign
	return map[string]bool{"benefit": true, "user": search || p.AssignOnly != "", "name": search, "email": search}
}

// paneResult answers a change made in the side pane. With htmx: the pane on its Activate
// benefits tab with the outcome and the list's row refreshed in place out of band, the URL
// replaced by that tab's. Without JavaScript: a redirect back to the pane after a success, or
// the pane page with the refusal. A refusal is shown once: under its field when the tab shows
// that field, else in the banner. A benefit that is not the organisation's is a 404.
func (s *Server) paneResult(c echo.Context, err error, done fault.Message, form views.BenefitPane) error {
	code, onForm := formStatus(err)
	switch {
	case errors.Is(err, fault.ErrNotFound):
		return errNoBenefit
	case err != nil && !onForm:
		return err
	case err == nil && !htmxOf(c.Request()).Fragment():
		if err := s.addSaid(c, done); err != nil {
			return err
		}
		return seeOther(c, paneTabHref(s.links.benefit(currentPartner(c).ExternalID, benefitParam(c)), "activate",
			listStateOf(c.QueryParam(listParam)).query()))
	}
	p, perr := s.paneProps(c, "activate", "")
	if perr != nil {
		return perr
	}
	p.RefreshRow, p.Flash = true, done
	if err != nil {
		p.Name, p.Email, p.Flash, p.FlashError = form.Name, form.Email, fault.Message{}, true
		shown := paneFields(p)
		for _, re := range benefits.RuleErrors(err) {
			f := ruleField(re.Field)
			switch {
			case shown[f] && p.Errors[f].IsZero():
				p.Errors[f] = re.Message
			case !shown[f] && p.Flash.IsZero():
				p.Flash = re.Message
			}
		}
		if len(benefits.RuleErrors(err)) == 0 { // a refusal of the store's, about no field
			p.Flash = status.Said(err)
		}
		if reflect.DeepEqual(p.Notice, p.Errors["benefit"]) || reflect.DeepEqual(p.Notice, p.Flash) { // said once
			p.Notice = fault.Message{}
		}
	} else {
		code = http.StatusOK
	}
	if htmxOf(c.Request()).Fragment() {
		hxResponse{ReplaceURL: paneTabHref(p.PaneHref, "activate", p.ListState)}.Apply(c)
	}
	return s.render(c, code, views.BenefitPanePage(p), views.BenefitPaneFragment(p))
}
