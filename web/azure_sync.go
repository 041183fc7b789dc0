package web

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
)

// syncNowTimeout bounds a sync an owner waits for: the server's write timeout is a minute. A
// longer sync is given up and the periodic run finishes the work.
const syncNowTimeout = 45 * time.Second

// errNoConnection is Sync now or Disconnect of an account that is not connected.
var errNoConnection = fault.New(fault.ErrNotFound, "This billing account is not connected to Azure.")

// azureSyncNow syncs the billing account's connection at once (owners only) and returns to the
// connection page, which shows how it went.
func (s *Server) azureSyncNow(c echo.Context) error {
	sc := currentScope(c)
	ctx, cancel := context.WithTimeout(c.Request().Context(), syncNowTimeout)
	defer cancel()
	res, err := s.azure.SyncAccount(ctx, sc.Account)
	if err != nil {
		return notFoundAs(err, errNoConnection)
	}
	var msg fault.Message
	switch {
	case res.Busy:
		msg = fault.Say(views.KeySyncBusy)
	case res.Err != nil:
		msg = fault.Say(views.KeySyncFailed, views.SyncProblemText(string(res.Err.Problem)))
	default:
		events, lots := 0, 0
		for _, p := range res.Profiles {
			events, lots = events+p.Changes.Events, lots+p.Changes.LotsAdded
		}
		msg = fault.Say(views.KeySynced, len(res.Profiles), events, lots)
	}
	if err := s.addSaid(c, msg); err != nil {
		return err
	}
	return seeOther(c, s.links.to(routeAzure, sc.Account.Name))
}

// azureDelete disconnects the billing account from Azure (owners only): the credential is
// deleted; the synced profiles keep their history.
func (s *Server) azureDelete(c echo.Context) error {
	sc := currentScope(c)
	if err := s.azure.Disconnect(c.Request().Context(), *currentUser(c), sc.Account); err != nil {
		return notFoundAs(err, errNoConnection)
	}
	if err := s.addFlash(c, "The billing account is disconnected from Azure and its credential deleted. The synced billing profiles keep their history."); err != nil {
		return err
	}
	return seeOther(c, s.links.to(routeAzure, sc.Account.Name))
}
