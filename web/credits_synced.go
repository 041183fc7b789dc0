package web

import (
	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// syncedNotice is the notice of a profile whose ledger Azure keeps (issue 13), linking the
// account's Azure connection page when href is not "". Such a profile has no local invoices and
// its lots cannot be canceled here, so the page links no invoice and offers no Cancel.
func syncedNotice(st store.AzureProfileSync, href string) *views.SyncedNotice {
	return &views.SyncedNotice{At: st.SyncedAt, Connected: st.Connected, Href: href}
}

// azureLink is the Azure connection page of the scope's account for a caller with a role on the
// account that lets them see it, "" for anyone else.
func (s *Server) azureLink(sc scopeContext) string {
	if !hasAccountRole(sc.Grants) || !sc.Grants.Can(access.View) {
		return ""
	}
	return s.links.to(routeAzure, sc.Account.Name)
}

// syncedRefusal is why an upload of charges to the billing profile is refused when Azure keeps
// its ledger (views.KeyUploadSynced), nothing otherwise.
func (s *Server) syncedRefusal(c echo.Context) (fault.Message, error) {
	sc := currentScope(c)
	if sc.Profile == nil {
		return fault.Message{}, nil
	}
	_, ok, err := s.store.AzureSyncOf(c.Request().Context(), sc.Profile.ID)
	if err != nil || !ok {
		return fault.Message{}, err
	}
	return fault.Say(views.KeyUploadSynced), nil
}
