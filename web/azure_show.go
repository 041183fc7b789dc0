package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/azsync"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// azureShow is the Azure connection page of a billing account (issue 13): every role sees the
// connection and how its syncs went; owners also get the form, Sync now and Disconnect.
func (s *Server) azureShow(c echo.Context) error {
	p, err := s.azureProps(c)
	if err != nil {
		return err
	}
	p.Flash = s.takeFlash(c)
	return s.render(c, http.StatusOK, views.AzureConnectionPage(p), nil)
}

// azureProps reads the connection, its synced profiles and the form's defaults.
func (s *Server) azureProps(c echo.Context) (views.AzureConnection, error) {
	sc := currentScope(c)
	ctx := c.Request().Context()
	p := views.AzureConnection{Shell: s.scopeShell(c, "Azure connection", "Azure connection"), Loc: readerLocale(c),
		CanManage: sc.Grants.Can(access.ManageConnections), CanSeal: s.azure.CanSeal(),
		FormAction: s.links.to(routeAzure, sc.Account.Name), Errors: map[string]string{}}
	if !sc.Account.IsMCA() {
		p.NotMCA, p.Agreement, p.CanManage = true, sc.Account.AgreementType, false
		return p, nil
	}
	conn, err := s.store.AzureConnectionOf(ctx, sc.Account.ID)
	if err != nil && !errors.Is(err, fault.ErrNotFound) {
		return p, err
	}
	p.Connected = err == nil
	form := azureFormOf(conn)
	if p.Connected {
		kind, _ := azsync.ParseAuthKind(conn.AuthKind)
		p.Azure = views.AzureDetails{Account: conn.AzureAccount, DisplayName: conn.AzureDisplayName, TenantID: conn.TenantID,
			ClientID: conn.ClientID, Kind: kind.Label(), Sealed: kind.Sealed(), Cloud: cloudLabel(azsync.CloudOf(conn.ARMEndpoint, conn.AuthorityHost))}
		p.State = views.SyncState{LastAttempt: conn.LastAttemptAt, LastSuccess: conn.LastSuccessAt, Problem: conn.Problem,
			Detail: conn.ProblemDetail, Running: s.azure.Running(conn)}
	}
	synced, err := s.store.AzureSyncsOfAccount(ctx, sc.Account.ID)
	if err != nil {
		return p, err
	}
	for _, sp := range synced {
		p.Profiles = append(p.Profiles, views.SyncedProfile{Name: sp.Profile, Href: s.links.profileCredits(sc.Account.Name, sp.Profile),
			SyncedAt: sp.SyncedAt})
	}
	p.Form = s.azureFormOptions(conn, form)
	return p, nil
}

// azureFormOf is the form as the stored connection fills it.
func azureFormOf(conn store.AzureConnection) views.AzureForm {
	f := views.AzureForm{AzureAccount: conn.AzureAccount, Kind: conn.AuthKind, TenantID: conn.TenantID, ClientID: conn.ClientID,
		Cloud: azsync.CloudOf(conn.ARMEndpoint, conn.AuthorityHost).Name}
	if conn.ID == 0 {
		f.Kind, f.Cloud = string(azsync.ClientSecret), "public"
	} else if f.Cloud == "" {
		f.Cloud = customCloud
	}
	return f
}

// customCloud is the cloud select's value for the stored custom endpoints, which only an
// operator sets (creditdesk azure connect -arm-endpoint): the form can keep them, not enter them.
const customCloud = "custom"

// azureFormOptions fills in the choices of the form's selects.
func (s *Server) azureFormOptions(conn store.AzureConnection, f views.AzureForm) views.AzureForm {
	for _, k := range azsync.AuthKinds {
		if k.Sealed() && !s.azure.CanSeal() && conn.AuthKind != string(k) {
			continue
		}
		f.Kinds = append(f.Kinds, views.Option{Value: string(k), Label: k.Label(), Selected: string(k) == f.Kind})
	}
	for _, cl := range azsync.Clouds {
		f.Clouds = append(f.Clouds, views.Option{Value: cl.Name, Label: cloudLabel(cl), Selected: cl.Name == f.Cloud})
	}
	if cl := azsync.CloudOf(conn.ARMEndpoint, conn.AuthorityHost); conn.ID != 0 && cl.Custom() {
		f.Clouds = append(f.Clouds, views.Option{Value: customCloud, Label: cloudLabel(cl), Selected: f.Cloud == customCloud})
	}
	return f
}

// cloudLabel names a cloud on the page.
func cloudLabel(cl azsync.Cloud) string {
	switch cl.Name {
	case "public":
		return "Azure (public cloud)"
	case "usgov":
		return "Azure Government"
	case "china":
		return "Azure operated by 21Vianet (China)"
	}
	return "Custom endpoint " + cl.ARMEndpoint + " (set by an operator)"
}
