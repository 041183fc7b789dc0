package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/azsync"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// azureSave connects the billing account to Azure, or changes its connection (owners only).
// The secret or certificate is sealed before it is stored and is never sent back: after an
// error the form asks for it again.
func (s *Server) azureSave(c echo.Context) error {
	sc := currentScope(c)
	ctx := c.Request().Context()
	in := azsync.ConnectInput{AzureAccount: c.FormValue("azureAccount"), Kind: c.FormValue("kind"),
		TenantID: c.FormValue("tenantId"), ClientID: c.FormValue("clientId"), ClientSecret: c.FormValue("clientSecret"),
		Certificate: []byte(strings.TrimSpace(c.FormValue("certificate"))), CertificatePassword: c.FormValue("certificatePassword"),
		Cloud: c.FormValue("cloud")}
	if in.Cloud == customCloud {
		old, err := s.store.AzureConnectionOf(ctx, sc.Account.ID)
		if err == nil && azsync.CloudOf(old.ARMEndpoint, old.AuthorityHost).Custom() {
			in.Cloud, in.ARMEndpoint, in.AuthorityHost = "", old.ARMEndpoint, old.AuthorityHost
		}
	}
	_, change, err := s.azure.Connect(ctx, *currentUser(c), sc.Account, in)
	if invalid, ok := fault.AsInvalid(err); ok {
		p, perr := s.azureProps(c)
		if perr != nil {
			return perr
		}
		p.Form.AzureAccount, p.Form.TenantID, p.Form.ClientID = in.AzureAccount, in.TenantID, in.ClientID
		p.Form = selectChoice(p.Form, in.Kind, c.FormValue("cloud"))
		showInvalid(p.Errors, invalid)
		return s.render(c, http.StatusUnprocessableEntity, views.AzureConnectionPage(p), nil)
	}
	if err != nil {
		return err
	}
	msg := "The billing account is connected to Azure: the periodic run syncs it at least hourly, or choose Sync now."
	if change == store.Updated {
		msg = "The connection is saved."
	}
	if err := s.addFlash(c, msg); err != nil {
		return err
	}
	return seeOther(c, s.links.to(routeAzure, sc.Account.Name))
}

// selectChoice selects the submitted kind and cloud in the form's selects.
func selectChoice(f views.AzureForm, kind, cloud string) views.AzureForm {
	for i := range f.Kinds {
		f.Kinds[i].Selected = f.Kinds[i].Value == kind
	}
	for i := range f.Clouds {
		f.Clouds[i].Selected = f.Clouds[i].Value == cloud
	}
	return f
}
