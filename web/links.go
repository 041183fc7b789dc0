package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/store"
)

// The names of the routes that pages link to (the route table gives each route its name).
const (
	routeSignIn              = "signin"
	routeScopes              = "scopes"
	routeTokens              = "tokens"
	routeTokenRevoke         = "token.revoke"
	routeAccount             = "account"
	routeAccountAccess       = "account.access"
	routeAccountAccessRemove = "account.access.remove"
	routeProfileAccessRemove = "profile.access.remove"
	routeAccountAudit        = "account.audit"
	routeAccountCredits      = "account.credits"
	routeAzure               = "account.azure"
	routeProfile             = "profile"
	routeProfileAccess       = "profile.access"
	routeProfileAudit        = "profile.audit"
	routeCredits             = "profile.credits"
	routeCreditsCharts       = "profile.credits.charts"
	routeLotsCSV             = "profile.credits.lots.csv"
	routeTransactionsCSV     = "profile.credits.transactions.csv"
	routeInvoices            = "profile.invoices"
	routeInvoice             = "profile.invoice"
	routeUpload              = "profile.upload"
	routeLotCancel           = "profile.lot.cancel"
	routePartners            = "partners"
	routeMyBenefits          = "benefits.mine"
	routeBenefits            = "partner.benefits"
	routeBenefitsOverview    = "partner.benefits.overview"
	routeBenefit             = "partner.benefit"
	routeBenefitMembers      = "partner.benefit.members"
	routeBenefitAssign       = "partner.benefit.assign"
	routeBenefitReassign     = "partner.benefit.reassign"
	routeBenefitRemove       = "partner.benefit.remove"
	routeBenefitAddUser      = "partner.benefit.add-user"
	routeInvitation          = "partner.benefit.invitation"
	routeInvitationRevoke    = "partner.benefit.invitation.revoke"
	routeForgot              = "password.forgot"
	routeSetPassword         = "password.set"
	routeRedeem              = "benefit.redeem"
	routeMembership          = "partner.membership"
	routeRenew               = "partner.renew"
	routePartnerAudit        = "partner.audit"
)

// links builds the portal's paths from the route table by route name, as echo's Reverse does,
// each parameter path-escaped, so that no page writes a path of its own. The paths are read
// from the router and cut at their parameters once (newLinks): Reverse looks through every route
// and reads its path at each call, which was a twentieth of the account summary's 50 rows
// (issue 10).
type links struct{ paths map[string]routePath }

// routePath is a route's path cut at its parameters: literal pieces around them, one more piece
// than parameters, and each parameter's own text (":name", or "*"), kept where a caller gives no
// value for it, as Reverse keeps it.
type routePath struct {
	pieces, params []string
}

// newLinks reads the path of each named route of e, once its routes are registered.
func newLinks(e *echo.Echo) links {
	paths := map[string]routePath{}
	for _, r := range e.Routes() {
		if _, seen := paths[r.Name]; !seen && r.Name != "" {
			paths[r.Name] = cutPath(r.Path)
		}
	}
	return links{paths}
}

// cutPath cuts a route's path as echo's Reverse reads it: a parameter is ":name" or "*" up to
// the next slash, and a backslash before a colon makes the colon literal.
func cutPath(path string) routePath {
	var rp routePath
	var piece strings.Builder
	for i := 0; i < len(path); i++ {
		escaped := path[i] == '\\'
		if escaped && i+1 < len(path) && path[i+1] == ':' {
			i++
		}
		if path[i] == '*' || (!escaped && path[i] == ':') {
			end := strings.IndexByte(path[i:], '/')
			if end < 0 {
				end = len(path) - i
			}
			rp.pieces = append(rp.pieces, piece.String())
			rp.params = append(rp.params, path[i:i+end])
			piece.Reset()
			i += end - 1
			continue
		}
		piece.WriteByte(path[i])
	}
	rp.pieces = append(rp.pieces, piece.String())
	return rp
}

// to is the path of the named route with these parameters, in the order of the path, each
// path-escaped; "" for a name no route has.
func (l links) to(name string, params ...string) string {
	rp := l.paths[name]
	if len(rp.pieces) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(rp.pieces[0])
	for i, param := range rp.params {
		if i < len(params) {
			b.WriteString(url.PathEscape(params[i]))
		} else {
			b.WriteString(param)
		}
		b.WriteString(rp.pieces[i+1])
	}
	return b.String()
}

// account is the page of a billing account.
func (l links) account(name string) string { return l.to(routeAccount, name) }

// profile is the page of a billing profile.
func (l links) profile(account, profile string) string { return l.to(routeProfile, account, profile) }

// scope is the page of a billing scope.
func (l links) scope(sc store.Scope) string { return l.onScope(sc, routeAccount, routeProfile) }

// onScope is the page of a scope named account on an account, profile on a profile.
func (l links) onScope(sc store.Scope, account, profile string) string {
	if sc.Profile != nil {
		return l.to(profile, sc.Account.Name, sc.Profile.Name)
	}
	return l.to(account, sc.Account.Name)
}

// access is the access control page of a scope.
func (l links) access(sc store.Scope) string {
	return l.onScope(sc, routeAccountAccess, routeProfileAccess)
}

// audit is the audit log of a scope.
func (l links) audit(sc store.Scope) string {
	return l.onScope(sc, routeAccountAudit, routeProfileAudit)
}

// credits is the Azure credits page of a scope, "" for an account that is not an MCA: only MCA
// accounts have Azure credits (M6), so the menu leaves the entry out.
func (l links) credits(sc store.Scope) string {
	if !sc.Account.IsMCA() {
		return ""
	}
	return l.onScope(sc, routeAccountCredits, routeCredits)
}

// profileCredits is the Azure credits page of a profile.
func (l links) profileCredits(account, profile string) string {
	return l.to(routeCredits, account, profile)
}

// invoices is the invoice list of an MCA billing profile, "" elsewhere: invoices belong to
// billing profiles (M2).
func (l links) invoices(sc store.Scope) string {
	if sc.Profile == nil || !sc.Account.IsMCA() {
		return ""
	}
	return l.to(routeInvoices, sc.Account.Name, sc.Profile.Name)
}

// upload is the cost upload page of a profile of an MCA account, "" elsewhere.
func (l links) upload(sc store.Scope) string {
	if sc.Profile == nil || !sc.Account.IsMCA() {
		return ""
	}
	return l.to(routeUpload, sc.Account.Name, sc.Profile.Name)
}

// azure is the Azure connection page of a billing account's scope, "" for a profile or an
// account that is not an MCA (M6: it has no credits to sync).
func (l links) azure(sc store.Scope) string {
	if sc.Profile != nil || !sc.Account.IsMCA() {
		return ""
	}
	return l.to(routeAzure, sc.Account.Name)
}

// partner is the page of a partner organisation named by its route under /partners/:partner.
func (l links) partner(name, externalID string) string { return l.to(name, externalID) }

// benefit is the side pane of a benefit.
func (l links) benefit(partnerID, benefitID string) string {
	return l.to(routeBenefit, partnerID, benefitID)
}

// onBenefit is the named route of a benefit's pane (its members, its actions).
func (l links) onBenefit(name, partnerID, benefitID string) string {
	return l.to(name, partnerID, benefitID)
}

// accessRemove is the removal of an assignment on a scope.
func (l links) accessRemove(sc store.Scope, assignment int64) string {
	id := strconv.FormatInt(assignment, 10)
	if sc.Profile != nil {
		return l.to(routeProfileAccessRemove, sc.Account.Name, sc.Profile.Name, id)
	}
	return l.to(routeAccountAccessRemove, sc.Account.Name, id)
}
