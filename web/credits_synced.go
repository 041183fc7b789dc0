package web

import (
	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/views"
)

// syncedNotice is the notice of a profile whose ledger Azure keeps (issue 13), nil for another.
// Such a profile has no local invoices and its lots cannot be canceled here, so the page links
// no invoice and offers no Cancel.
func (v *creditsView) syncedNotice(c echo.Context) (*views.SyncedNotice, error) {
	st, ok, err := v.s.store.AzureSyncOf(v.ctx, v.bp.ID)
	if err != nil || !ok {
		return nil, err
	}
	v.canCancel, v.invoiceBase = false, ""
	n := &views.SyncedNotice{At: st.SyncedAt, Connected: st.Connected}
	if sc := currentScope(c); hasAccountRole(sc.Grants) && sc.Grants.Can(access.View) {
		n.Href = accountHref(sc.Account.Name) + "/azure"
	}
	return n, nil
}

// syncedRefusal is why a change to the billing profile's own ledger is refused when Azure keeps
// it, "" otherwise.
func (s *Server) syncedRefusal(c echo.Context) (string, error) {
	sc := currentScope(c)
	if sc.Profile == nil {
		return "", nil
	}
	_, ok, err := s.store.AzureSyncOf(c.Request().Context(), sc.Profile.ID)
	if err != nil || !ok {
		return "", err
	}
	return "This billing profile is synced from Azure, which keeps its charges: upload them in Azure Cost Management, and the next sync brings Azure's figures here.", nil
}

// azureHref is the Azure connection page of a billing account's scope, "" for a profile or an
// account that is not an MCA (M6: it has no credits to sync).
func azureHref(sc scopeContext) string {
	if sc.Profile != nil || !sc.Account.IsMCA() {
		return ""
	}
	return accountHref(sc.Account.Name) + "/azure"
}
