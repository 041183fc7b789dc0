package web

import (
	"errors"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
)

// What a route is about, resolved from its path by authorize before the handler runs: a billing
// scope (an account, or a profile of it) or a partner organisation, each with what the caller
// holds on it. The handlers read it with currentScope and currentPartner.
type (
	// scopeContext is the billing scope a request is about, with what the caller holds on it.
	scopeContext struct {
		store.Scope
		Grants access.Grants
	}
	// partnerContext is the partner organisation a request is about, with the caller's grants.
	partnerContext struct {
		store.Partner
		Grants access.PartnerGrants
	}
)

// currentScope returns the scope that authorize resolved for the route.
func currentScope(c echo.Context) scopeContext { return scopeKey.Get(c) }

// currentPartner returns the organisation that authorizePartner resolved for the route.
func currentPartner(c echo.Context) partnerContext { return partnerKey.Get(c) }

// The refusals of a route's subject. A scope or an organisation that does not exist and one the
// caller holds no role on (is not a member of) get the same 404, so that their existence is
// never revealed (M3, P1).
var (
	errNoScope   = fault.New(fault.ErrNotFound, "This billing scope does not exist, or you have no role on it.")
	errNoPartner = fault.New(fault.ErrNotFound, "This partner organisation does not exist, or you are not a member of it.")
	// errForbidden is a scope the caller may see but not act on this way.
	errForbidden = fault.New(fault.ErrForbidden, "Your role on this billing scope does not allow this.")
	// errNotPartnerAdmin answers a member without the partner admin role (P1).
	errNotPartnerAdmin = fault.New(fault.ErrForbidden,
		"Only a partner admin of this organisation can open its Benefits workspace. Your own benefits are under Benefits assigned to me.")
)

// resolveScope finds the account (and profile) named in the path and the caller's grants on it.
func (s *Server) resolveScope(c echo.Context) (scopeContext, error) {
	ctx := c.Request().Context()
	accountName, err := url.PathUnescape(c.Param("account"))
	if err != nil {
		return scopeContext{}, errNoScope
	}
	// The account, the profile and the caller's grants on them: one statement.
	scope, grants, err := s.store.ScopeGrants(ctx, currentUser(c).ID, accountName, c.Param("profile"))
	if err != nil {
		return scopeContext{}, notFoundAs(err, errNoScope)
	}
	sc := scopeContext{Scope: scope, Grants: grants}
	if !sc.Grants.Any() {
		return scopeContext{}, errNoScope // as for a missing scope (M3)
	}
	return sc, nil
}

// authorizePartner is authorize for a route under /partners/:partner: the organisation is
// resolved from the path, and the caller's partner roles must grant the permission (P1). A
// non-member gets the 404 of a missing organisation; a member without the role gets 403.
func (s *Server) authorizePartner(c echo.Context, perm access.PartnerPermission, next echo.HandlerFunc) error {
	ctx := c.Request().Context()
	id, err := url.PathUnescape(c.Param("partner"))
	if err != nil {
		return errNoPartner
	}
	p, grants, err := s.store.PartnerAccessOf(ctx, id, currentUser(c).ID)
	if err != nil {
		return notFoundAs(err, errNoPartner)
	}
	if !grants.Member {
		return errNoPartner
	}
	if !grants.Can(perm) {
		return errNotPartnerAdmin
	}
	partnerKey.Set(c, partnerContext{Partner: p, Grants: grants})
	return next(c)
}

// notFoundAs replaces a not-found error with the given one and keeps any other error.
func notFoundAs(err error, replacement error) error {
	if errors.Is(err, fault.ErrNotFound) {
		return replacement
	}
	return err
}
