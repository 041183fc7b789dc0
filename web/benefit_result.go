package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
)

// ruleStatus is the status of a refusal by the rules: 422 when every problem is malformed
// input (X2), 409 when a rule refused a well-formed request (P4-P11); 0 when err is not one.
func ruleStatus(err error) int {
	res := benefits.RuleErrors(err)
	if len(res) == 0 || !errors.Is(err, benefits.ErrRuleViolation) {
		return 0
	}
	for _, re := range res {
		if re.Rule != benefits.RuleInput {
			return http.StatusConflict
		}
	}
	return http.StatusUnprocessableEntity
}

// paneResult answers a change made in the side pane. With htmx: the pane on its Activate
// benefits tab with the outcome (each refusal under its field) and the list's row refreshed
// in place out of band. Without JavaScript: a redirect back to the pane after a success, or the
// pane page with the refusal. A benefit that is not the organisation's is a 404.
func (s *Server) paneResult(c echo.Context, err error, done string, form views.BenefitPane) error {
	status := ruleStatus(err)
	switch {
	case errors.Is(err, fault.ErrNotFound):
		return errNoBenefit
	case err != nil && status == 0:
		return err
	case err == nil && !isFragment(c.Request()):
		if err := s.addFlash(c, done); err != nil {
			return err
		}
		return seeOther(c, benefitHref(currentPartner(c).ExternalID, benefitParam(c))+"?tab=activate")
	}
	p, perr := s.paneProps(c, "activate", "")
	if perr != nil {
		return perr
	}
	p.RefreshRow, p.Flash = true, done
	if err != nil {
		p.Name, p.Email, p.Flash, p.FlashError = form.Name, form.Email, "", true
		for _, re := range benefits.RuleErrors(err) {
			if f := ruleField(re.Field); p.Errors[f] == "" {
				p.Errors[f] = re.Message
			}
			if p.Flash == "" {
				p.Flash = re.Message
			}
		}
	} else {
		status = http.StatusOK
	}
	return s.render(c, status, views.BenefitPanePage(p), views.BenefitPaneFragment(p))
}
