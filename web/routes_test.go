package web_test

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/store"
)

// The callers of the matrix: anonymous, then each role of testdata/roles.json, then a user with a
// role on another account only.
var callers = []struct{ name, email string }{
	{"anonymous", ""},
	{"account owner", "account.owner@northwind.example"},
	{"account contributor", "account.contributor@northwind.example"},
	{"account reader", "account.reader@northwind.example"},
	{"profile owner", "profile.owner@northwind.example"},
	{"profile contributor", "profile.contributor@northwind.example"},
	{"profile reader", "profile.reader@northwind.example"},
	{"profile invoice manager", "profile.invoicemanager@northwind.example"},
	{"outsider", "outsider@elsewhere.example"},
}

// matrixRow is the expected status of one route for each caller, in the order of callers.
type matrixRow struct {
	path    string // the concrete path requested; {acct} and {prof} assignment ids are filled in
	form    url.Values
	mutates bool // the request changes data: each caller gets a fresh database
	want    [9]int
}

const (
	ok   = http.StatusOK
	see  = http.StatusSeeOther
	bad  = http.StatusUnprocessableEntity
	no   = http.StatusForbidden
	gone = http.StatusNotFound
	unav = http.StatusServiceUnavailable
)

// matrix lists every route of the router (M3): a route missing here fails the test. Columns:
// anonymous, account owner/contributor/reader, profile owner/contributor/reader/invoice manager,
// outsider. Anonymous callers of signed-in routes are sent to sign in (303). A scope the caller
// holds no role on is 404, never 403, so its existence is not revealed.
var matrix = map[string]matrixRow{
	"GET /healthz":               {path: "/healthz", want: [9]int{ok, ok, ok, ok, ok, ok, ok, ok, ok}},
	"GET /readyz":                {path: "/readyz", want: [9]int{ok, ok, ok, ok, ok, ok, ok, ok, ok}},
	"GET /static*":               {path: "/static/css/app.css", want: [9]int{ok, ok, ok, ok, ok, ok, ok, ok, ok}},
	"HEAD /static*":              {path: "/static/css/app.css", want: [9]int{ok, ok, ok, ok, ok, ok, ok, ok, ok}},
	"GET /schemas/scenario.json": {path: "/schemas/scenario.json", want: [9]int{ok, ok, ok, ok, ok, ok, ok, ok, ok}},
	"GET /signin":                {path: "/signin", want: [9]int{ok, see, see, see, see, see, see, see, see}},
	"POST /signin":               {path: "/signin", form: url.Values{"email": {"nobody@example.com"}, "password": {""}}, want: [9]int{bad, bad, bad, bad, bad, bad, bad, bad, bad}},
	"POST /signout":              {path: "/signout", want: [9]int{see, see, see, see, see, see, see, see, see}},
	// Forgot password and the one-time links (issue 12) are for anyone; without a mail server
	// (this harness) a reset cannot be sent (503); an unknown link is 404.
	"GET /password/forgot":      {path: "/password/forgot", want: [9]int{ok, ok, ok, ok, ok, ok, ok, ok, ok}},
	"POST /password/forgot":     {path: "/password/forgot", form: url.Values{"email": {"nobody@example.com"}}, want: [9]int{unav, unav, unav, unav, unav, unav, unav, unav, unav}},
	"GET /password/set/:token":  {path: "/password/set/no-such-link", want: [9]int{gone, gone, gone, gone, gone, gone, gone, gone, gone}},
	"POST /password/set/:token": {path: "/password/set/no-such-link", form: url.Values{"password": {"a-good-password-1"}, "confirm": {"a-good-password-1"}}, want: [9]int{gone, gone, gone, gone, gone, gone, gone, gone, gone}},
	"GET /":                     {path: "/", want: [9]int{see, see, see, see, see, see, see, see, see}},
	"GET /scopes":               {path: "/scopes", want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, ok}},
	"GET " + acctRP:             {path: accountPath, want: [9]int{see, ok, ok, ok, gone, gone, gone, gone, gone}},
	"GET " + acctRP + "/access": {path: accountPath + "/access",
		want: [9]int{see, ok, ok, ok, gone, gone, gone, gone, gone}},
	"POST " + acctRP + "/access": {path: accountPath + "/access", mutates: true, form: url.Values{"email": {"profile.reader@northwind.example"}, "role": {"reader"}},
		want: [9]int{see, see, no, no, gone, gone, gone, gone, gone}},
	"POST " + acctRP + "/access/:assignment/remove": {path: accountPath + "/access/{acct}/remove", mutates: true,
		want: [9]int{see, see, no, no, gone, gone, gone, gone, gone}},
	"GET " + acctRP + "/audit": {path: accountPath + "/audit",
		want: [9]int{see, ok, ok, no, gone, gone, gone, gone, gone}},
	// The Azure connection (issue 13): every account role sees it; only owners connect (here
	// with a managed identity, which needs no secret), sync and disconnect. The roles scenario has
	// no connection, so an owner's Sync now and Disconnect are the 404 of a missing one.
	"GET " + acctRP + "/azure": {path: accountPath + "/azure",
		want: [9]int{see, ok, ok, ok, gone, gone, gone, gone, gone}},
	"POST " + acctRP + "/azure": {path: accountPath + "/azure", mutates: true,
		form: url.Values{"azureAccount": {"5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31"},
			"kind": {"managedIdentity"}, "cloud": {"public"}},
		want: [9]int{see, see, no, no, gone, gone, gone, gone, gone}},
	"POST " + acctRP + "/azure/sync": {path: accountPath + "/azure/sync",
		want: [9]int{see, gone, no, no, gone, gone, gone, gone, gone}},
	"POST " + acctRP + "/azure/delete": {path: accountPath + "/azure/delete",
		want: [9]int{see, gone, no, no, gone, gone, gone, gone, gone}},
	"GET " + profRP: {path: profilePath, want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, gone}},
	"GET " + profRP + "/access": {path: profilePath + "/access",
		want: [9]int{see, ok, ok, ok, ok, ok, ok, no, gone}},
	"POST " + profRP + "/access": {path: profilePath + "/access", mutates: true, form: url.Values{"email": {"account.reader@northwind.example"}, "role": {"invoiceManager"}},
		want: [9]int{see, see, no, no, see, no, no, no, gone}},
	"POST " + profRP + "/access/:assignment/remove": {path: profilePath + "/access/{prof}/remove", mutates: true,
		want: [9]int{see, see, no, no, see, no, no, no, gone}},
	"GET " + profRP + "/audit": {path: profilePath + "/audit",
		want: [9]int{see, ok, ok, no, ok, ok, no, no, gone}},
	// Azure credits and invoices: every role may view them (M3). The invoice number is one the
	// profile does not have, so a caller who may look gets the invoice's 404; invoices_test.go
	// checks the roles on a real invoice.
	"GET " + acctRP + "/credits": {path: accountPath + "/credits",
		want: [9]int{see, ok, ok, ok, gone, gone, gone, gone, gone}},
	"GET " + profRP + "/credits": {path: profilePath + "/credits",
		want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, gone}},
	"GET " + profRP + "/credits/charts": {path: profilePath + "/credits/charts",
		want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, gone}},
	"GET " + profRP + "/credits/lots.csv": {path: profilePath + "/credits/lots.csv",
		want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, gone}},
	"GET " + profRP + "/credits/transactions.csv": {path: profilePath + "/credits/transactions.csv",
		want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, gone}},
	"GET " + profRP + "/invoices": {path: profilePath + "/invoices",
		want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, gone}},
	"GET " + profRP + "/invoices/:invoice": {path: profilePath + "/invoices/INV-202601-000001",
		want: [9]int{see, gone, gone, gone, gone, gone, gone, gone, gone}},
	"GET " + profRP + "/charges/upload": {path: profilePath + "/charges/upload",
		want: [9]int{see, ok, ok, no, ok, ok, no, no, gone}},
	// The roles scenario has no lots: a caller allowed to cancel gets 404 for the missing lot.
	"POST " + profRP + "/credits/lots/:lot/cancel": {path: profilePath + "/credits/lots/no-such-lot/cancel", mutates: true,
		want: [9]int{see, gone, gone, no, gone, gone, no, no, gone}},
	// Without a file the upload is refused (422) once the caller may upload at all (M3).
	"POST " + profRP + "/charges/upload": {path: profilePath + "/charges/upload", mutates: true,
		want: [9]int{see, bad, bad, no, bad, bad, no, no, gone}},
	// Alerts (issue 12): every role sees them; owners and contributors manage them (a rule the
	// roles scenario lacks is 404 once the caller may act); without -secrets-key a webhook is
	// refused naming its field (422). Subscribing takes only View: the missing rule's 404.
	"GET /notifications":         {path: "/notifications", want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, ok}},
	"POST /notifications/test":   {path: "/notifications/test", want: [9]int{see, see, see, see, see, see, see, see, see}},
	"POST /notifications/digest": {path: "/notifications/digest", form: url.Values{"digest": {"on"}}, want: [9]int{see, see, see, see, see, see, see, see, see}},
	"GET " + acctRP + "/alerts":  {path: accountPath + "/alerts", want: [9]int{see, ok, ok, ok, gone, gone, gone, gone, gone}},
	"POST " + acctRP + "/alerts": {path: accountPath + "/alerts", mutates: true, form: url.Values{"kind": {"credit.expiring"}, "days": {"30"}},
		want: [9]int{see, see, see, no, gone, gone, gone, gone, gone}},
	"POST " + acctRP + "/alerts/:rule":           {path: accountPath + "/alerts/999999", form: url.Values{"kind": {"runway.short"}, "days": {"9"}}, want: [9]int{see, gone, gone, no, gone, gone, gone, gone, gone}},
	"POST " + acctRP + "/alerts/:rule/pause":     {path: accountPath + "/alerts/999999/pause", want: [9]int{see, gone, gone, no, gone, gone, gone, gone, gone}},
	"POST " + acctRP + "/alerts/:rule/delete":    {path: accountPath + "/alerts/999999/delete", want: [9]int{see, gone, gone, no, gone, gone, gone, gone, gone}},
	"POST " + acctRP + "/alerts/:rule/subscribe": {path: accountPath + "/alerts/999999/subscribe", want: [9]int{see, gone, gone, gone, gone, gone, gone, gone, gone}},
	"POST " + acctRP + "/alerts/webhooks": {path: accountPath + "/alerts/webhooks", form: url.Values{"url": {"https://hooks.example.com/x"}},
		want: [9]int{see, bad, bad, no, gone, gone, gone, gone, gone}},
	"POST " + acctRP + "/alerts/webhooks/:webhook/delete": {path: accountPath + "/alerts/webhooks/999999/delete", want: [9]int{see, gone, gone, no, gone, gone, gone, gone, gone}},
	"GET " + profRP + "/alerts":                           {path: profilePath + "/alerts", want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, gone}},
	"POST " + profRP + "/alerts": {path: profilePath + "/alerts", mutates: true, form: url.Values{"kind": {"balance.low"}, "amount": {"500"}},
		want: [9]int{see, see, see, no, see, see, no, no, gone}},
	"POST " + profRP + "/alerts/:rule":           {path: profilePath + "/alerts/999999", form: url.Values{"kind": {"runway.short"}, "days": {"9"}}, want: [9]int{see, gone, gone, no, gone, gone, no, no, gone}},
	"POST " + profRP + "/alerts/:rule/pause":     {path: profilePath + "/alerts/999999/pause", want: [9]int{see, gone, gone, no, gone, gone, no, no, gone}},
	"POST " + profRP + "/alerts/:rule/delete":    {path: profilePath + "/alerts/999999/delete", want: [9]int{see, gone, gone, no, gone, gone, no, no, gone}},
	"POST " + profRP + "/alerts/:rule/subscribe": {path: profilePath + "/alerts/999999/subscribe", want: [9]int{see, gone, gone, gone, gone, gone, gone, gone, gone}},
	"POST " + profRP + "/alerts/webhooks": {path: profilePath + "/alerts/webhooks", form: url.Values{"url": {"https://hooks.example.com/x"}},
		want: [9]int{see, bad, bad, no, bad, bad, no, no, gone}},
	"POST " + profRP + "/alerts/webhooks/:webhook/delete": {path: profilePath + "/alerts/webhooks/999999/delete", want: [9]int{see, gone, gone, no, gone, gone, no, no, gone}},
	// The partner Benefits workspace: none of these callers is a partner member, so every
	// workspace route is the 404 of a missing organisation (P1); partner callers are in
	// partner_routes_test.go.
	"GET /partners":                                       {path: "/partners", want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, ok}},
	"GET /benefits":                                       {path: "/benefits", want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, ok}},
	"POST /benefits/:benefit/redeem":                      {path: "/benefits/b-002/redeem", want: [9]int{see, gone, gone, gone, gone, gone, gone, gone, gone}},
	"GET " + partRP + "/benefits":                         {path: partPath + "/benefits", want: notMember},
	"GET " + benRP:                                        {path: partPath + "/benefits/b-001", want: notMember},
	"GET " + benRP + "/members":                           {path: partPath + "/benefits/b-001/members", want: notMember},
	"POST " + benRP + "/assign":                           {path: partPath + "/benefits/b-001/assign", form: url.Values{"user": {"partner.member@fabrikam.example"}}, want: notMember},
	"POST " + benRP + "/reassign":                         {path: partPath + "/benefits/b-002/reassign", form: url.Values{"user": {"partner.member@fabrikam.example"}}, want: notMember},
	"POST " + benRP + "/remove":                           {path: partPath + "/benefits/b-002/remove", want: notMember},
	"POST " + benRP + "/add-user":                         {path: partPath + "/benefits/b-001/add-user", form: url.Values{"name": {"New"}, "email": {"new@fabrikam.example"}}, want: notMember},
	"POST " + benRP + "/invitation":                       {path: partPath + "/benefits/b-002/invitation", want: notMember},
	"POST " + benRP + "/invitation/revoke":                {path: partPath + "/benefits/b-002/invitation/revoke", want: notMember},
	"GET " + partRP + "/membership":                       {path: partPath + "/membership", want: notMember},
	"GET " + partRP + "/overview":                         {path: partPath + "/overview", want: notMember},
	"POST " + partRP + "/renew":                           {path: partPath + "/renew", form: url.Values{"renewalDate": {"2026-06-15"}}, want: notMember},
	"GET " + partRP + "/audit":                            {path: partPath + "/audit", want: notMember},
	"GET " + partRP + "/alerts":                           {path: partPath + "/alerts", want: notMember},
	"POST " + partRP + "/alerts":                          {path: partPath + "/alerts", form: url.Values{"kind": {"benefit.unused"}, "days": {"30"}}, want: notMember},
	"POST " + partRP + "/alerts/:rule":                    {path: partPath + "/alerts/999999", form: url.Values{"kind": {"membership.ending"}, "days": {"9"}}, want: notMember},
	"POST " + partRP + "/alerts/:rule/pause":              {path: partPath + "/alerts/999999/pause", want: notMember},
	"POST " + partRP + "/alerts/:rule/delete":             {path: partPath + "/alerts/999999/delete", want: notMember},
	"POST " + partRP + "/alerts/:rule/subscribe":          {path: partPath + "/alerts/999999/subscribe", want: notMember},
	"POST " + partRP + "/alerts/webhooks":                 {path: partPath + "/alerts/webhooks", form: url.Values{"url": {"https://hooks.example.com/x"}}, want: notMember},
	"POST " + partRP + "/alerts/webhooks/:webhook/delete": {path: partPath + "/alerts/webhooks/999999/delete", want: notMember},
	// Personal API tokens: every signed-in user has a Tokens page; revoking a token one does not
	// own is 404. The ARM API reads no cookie: signed in or not, a caller without a bearer token
	// gets 401 (arm_roles_test.go checks the API's roles with tokens).
	"GET /tokens":                       {path: "/tokens", want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, ok}},
	"POST /tokens":                      {path: "/tokens", form: url.Values{"name": {"ci"}, "expires": {"30"}}, want: [9]int{see, ok, ok, ok, ok, ok, ok, ok, ok}},
	"POST /tokens/:token/revoke":        {path: "/tokens/999999/revoke", want: [9]int{see, gone, gone, gone, gone, gone, gone, gone, gone}},
	"GET " + armAccountsRP:              {path: armAccountsRP + "?api-version=2020-05-01", want: noToken},
	"GET " + armRP:                      {path: armAcc + "?api-version=2020-05-01", want: noToken},
	"GET " + armRP + "/billingProfiles": {path: armAcc + "/billingProfiles?api-version=2020-05-01", want: noToken},
	"GET " + armPP:                      {path: profilePathARM + "?api-version=2020-05-01", want: noToken},
	"GET " + armPP + cons + "/credits/balanceSummary":        {path: profilePathARM + cons + "/credits/balanceSummary?api-version=2021-10-01", want: noToken},
	"GET " + armPP + cons + "/lots":                          {path: profilePathARM + cons + "/lots?api-version=2021-10-01", want: noToken},
	"GET " + armRP + cons + "/lots":                          {path: armAcc + cons + "/lots?api-version=2021-10-01", want: noToken},
	"GET " + armRP + "/customers/:customer" + cons + "/lots": {path: armAcc + "/customers/c1" + cons + "/lots?api-version=2021-10-01", want: noToken},
	"GET " + armPP + cons + "/events":                        {path: profilePathARM + cons + "/events?api-version=2021-10-01&startDate=2026-01-01&endDate=2026-12-31", want: noToken},
	"GET " + armRP + cons + "/events":                        {path: armAcc + cons + "/events?api-version=2021-10-01", want: noToken},
}

// The route patterns of the two scope kinds, and of a partner organisation and its benefits.
const (
	acctRP = "/accounts/:account"
	profRP = acctRP + "/profiles/:profile"
	partRP = "/partners/:partner"
	benRP  = partRP + "/benefits/:benefit"
)

// notMember is a partner route for the matrix's callers: sign in, then 404 for everyone.
var notMember = [9]int{see, gone, gone, gone, gone, gone, gone, gone, gone}

// TestRoleRouteMatrix requests every route as every caller and checks the status (M3): the one
// authorisation path of the router, end to end.
func TestRoleRouteMatrix(t *testing.T) {
	t.Parallel()
	shared := rolesHarness(t)
	checkEveryRouteListed(t, shared)
	for route, row := range matrix {
		for i, caller := range callers {
			t.Run(route+"/"+caller.name, func(t *testing.T) {
				h := shared
				if row.mutates {
					h = rolesHarness(t)
				}
				method, _, _ := strings.Cut(route, " ")
				path := fillAssignments(t, h, row.path)
				resp, body := requestAs(t, h, caller.email, method, path, row.form)
				if resp.StatusCode != row.want[i] {
					t.Errorf("%s %s as %s: status %d, want %d\n%.300s", method, path, caller.name, resp.StatusCode, row.want[i], body)
				}
				if resp.StatusCode == gone && strings.Contains(body, "Northwind") {
					t.Errorf("the 404 for %s names the scope (M3)", caller.name)
				}
			})
		}
	}
}

// requestAs sends method to path from a new client of h signed in as email, anonymous for "":
// a POST sends a copy of form with the CSRF token.
func requestAs(t *testing.T, h *harness, email, method, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	c := h.client(t)
	if email != "" {
		c.signIn(email)
	}
	switch method {
	case http.MethodPost:
		return c.post(path, maps.Clone(form))
	case http.MethodHead:
		return c.do(method, path, nil, nil)
	default:
		return c.get(path)
	}
}

// checkEveryRouteListed fails for a route the router serves that the matrix does not list, and
// for a matrix row whose route no longer exists.
func checkEveryRouteListed(t *testing.T, h *harness) {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range h.web.Registered() {
		seen[r] = true
		if path, ok := strings.CutPrefix(r, http.MethodHead+" "); ok && matrix[r].path == "" {
			r = http.MethodGet + " " + path // the twin of a GET route, by its rule (TestHeadAnswersAsGet)
		}
		if _, ok := matrix[r]; !ok {
			t.Errorf("route %q is not in the authorisation matrix: add a row for it", r)
		}
	}
	for r := range matrix {
		if !seen[r] {
			t.Errorf("matrix row %q matches no route", r)
		}
	}
}

// fillAssignments replaces {acct} with the id of the account reader's assignment and {prof} with
// the profile reader's, both removable by an owner.
func fillAssignments(t *testing.T, h *harness, path string) string {
	t.Helper()
	ctx := context.Background()
	prof := profileScope(t, h.store)
	find := func(sc store.Scope, email string) string {
		rows, err := h.store.AssignmentsOn(ctx, sc)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.UserEmail == email && !r.Inherited {
				return strconv.FormatInt(r.ID, 10)
			}
		}
		return fmt.Sprintf("no-assignment-of-%s", email)
	}
	path = strings.ReplaceAll(path, "{acct}", find(store.Scope{Account: prof.Account}, "account.reader@northwind.example"))
	return strings.ReplaceAll(path, "{prof}", find(prof, "profile.reader@northwind.example"))
}

// TestNoRoute: a path no route serves is a 404 page that still knows who is signed in; a path
// served with another method is 405 naming the methods it takes (as OPTIONS does), after the
// CSRF check like any other portal request.
func TestNoRoute(t *testing.T) {
	t.Parallel()
	_, c := rolesAs(t, "account.owner@northwind.example")
	if resp, body := c.get("/no/such/page"); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "account.owner@northwind.example") {
		t.Errorf("missing page: %d, signed-in user shown %t", resp.StatusCode, strings.Contains(body, "account.owner@northwind.example"))
	}
	if resp, _ := c.get("/signout"); resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "OPTIONS, POST" {
		t.Errorf("GET /signout: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	if resp, _ := c.post("/scopes", nil); resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "OPTIONS, GET, HEAD" {
		t.Errorf("POST /scopes: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	if resp, _ := c.do("OPTIONS", "/scopes", nil, nil); resp.StatusCode != http.StatusNoContent || resp.Header.Get("Allow") != "OPTIONS, GET, HEAD" {
		t.Errorf("OPTIONS /scopes: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	if resp, _ := c.do("POST", "/scopes", nil, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST /scopes without a CSRF token: %d, want 403", resp.StatusCode)
	}
}
