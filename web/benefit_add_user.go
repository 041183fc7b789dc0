package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
)

// benefitAddUser is Add a new user (P4): a user of a company domain of the organisation (P10)
// is created without a usable password, made a member and assigned the benefit, or with
// mode=reassign given the monthly credit in place of its holder (P6), all or nothing. A user
// created here is then emailed an invitation to choose a password (issue 12); without a mail
// server the tab says that an operator passes the link on.
func (s *Server) benefitAddUser(c echo.Context) error {
	ctx := c.Request().Context()
	form := views.BenefitPane{Name: strings.TrimSpace(c.FormValue("name")), Email: strings.TrimSpace(c.FormValue("email"))}
	reassign := c.FormValue("mode") == "reassign"
	ch, err := s.store.AddMemberAndAssign(ctx, *currentUser(c), currentPartner(c).Partner,
		benefitParam(c), form.Name, form.Email, reassign)
	done := ch.Summary
	if err == nil {
		u, err := s.store.UserByEmail(ctx, strings.ToLower(form.Email))
		if err != nil {
			return err
		}
		if !u.HasPassword() { // an existing user who joined keeps their password
			sent, err := s.invite(c, u)
			if err != nil {
				return err
			}
			done = fault.Say(views.KeyAnd, done, sent)
		}
	}
	return s.paneResult(c, err, done, form)
}
