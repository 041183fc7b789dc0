// Package armapi is CreditDesk's Azure-compatible REST API (docs/azure-api-contract.md): the
// Microsoft.Billing and Microsoft.Consumption reads the official Azure SDK for Go calls. It is
// mounted as its own echo group under /providers, with its own middleware: bearer-token
// authentication (never the session cookie), a per-token rate limit, and ARM JSON errors. Its
// handlers are thin: they parse with internal/arm, read the store and shape with internal/arm.
package armapi

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/metrics"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/web/detach"
	"github.com/creditdesk/creditdesk/web/keptcache"
)

// Deps is what the API needs from the server that mounts it.
type Deps struct {
	Store   *store.Store
	Logger  *slog.Logger
	Clocks  clock.Clocks     // the business day of balances and statuses; the wall clock of tokens and rates
	Metrics *metrics.Metrics // counts throttled requests
	// Secret is the server's session key, from which the key of the paging cursors derives, so
	// every instance with the same key reads every other's nextLinks.
	Secret []byte
	// RateLimit is how many requests a minute each token may make (-api-rate-limit); 0: no limit.
	RateLimit int
	// PageSize is the page size of the lists; 0 means the default (100).
	PageSize int
	// ExpiryWindow is the days before expiry in which a lot is "expiring" (M8).
	ExpiryWindow int
	// PublicURL (-public-url) starts every nextLink; nil: the request's own scheme and host.
	PublicURL *url.URL
}

// defaultPageSize is how many lots or events a page holds.
const defaultPageSize = 100

// API serves the ARM routes.
type API struct {
	store        *store.Store
	log          *slog.Logger
	clocks       clock.Clocks
	metrics      *metrics.Metrics
	cursors      arm.Sealer
	limiter      limiter // nil: no limit
	pageSize     int
	expiryWindow int
	publicURL    *url.URL
	eventPages   *keptcache.Cache[keptcache.Day, eventsQuery, keptPage] // a page of E1 per profile recently read
}

// New builds the API.
func New(d Deps) *API {
	size := d.PageSize
	if size <= 0 {
		size = defaultPageSize
	}
	return &API{store: d.Store, log: d.Logger, clocks: d.Clocks, metrics: d.Metrics, cursors: arm.NewSealer(d.Secret),
		limiter: newLimiter(d.Store, d.RateLimit), pageSize: size, expiryWindow: d.ExpiryWindow, publicURL: d.PublicURL,
		eventPages: keptcache.New[keptcache.Day, eventsQuery, keptPage](keptEventPages, 1)}
}

// Prefix is the path of the group the API is mounted on: every ARM path starts with it.
const Prefix = "/providers"

// The ARM paths of the API (contract §2); CanonicalPath fixes their case before routing.
const (
	// AccountsPath is B1, the billing accounts the caller reaches, and where every ARM id begins.
	AccountsPath = Prefix + "/Microsoft.Billing/billingAccounts"
	account      = AccountsPath + "/:account"
	profile      = account + "/billingProfiles/:profile"
	consumption  = "/providers/Microsoft.Consumption"
)

// Route is one entry of the API's route table: a GET of the contract, with the permission the
// caller's roles must grant on the scope of the path (0 for a list of what the caller reaches).
// Reach lets a caller holding the permission only on profiles of the account in the path pass,
// for a list that shows them just those profiles (M3).
type Route struct {
	Method     string
	Path       string
	Permission access.Permission
	Reach      bool
	handler    echo.HandlerFunc
}

// Routes is the API's route table, by the contract's numbers.
func (a *API) Routes() []Route {
	return []Route{
		{"GET", AccountsPath, 0, false, a.accountsList},                                                       // B1
		{"GET", account, access.View, false, a.accountGet},                                                    // B2
		{"GET", account + "/billingProfiles", access.View, true, a.profilesList},                              // B3
		{"GET", profile, access.View, false, a.profileGet},                                                    // B4
		{"GET", profile + consumption + "/credits/balanceSummary", access.View, false, a.balance},             // C1
		{"GET", profile + consumption + "/lots", access.View, false, a.lots},                                  // L1
		{"GET", account + consumption + "/lots", access.View, false, a.lots},                                  // L2
		{"GET", account + "/customers/:customer" + consumption + "/lots", access.View, false, a.customerLots}, // L3
		{"GET", profile + consumption + "/events", access.View, false, a.events},                              // E1
		{"GET", account + consumption + "/events", access.View, false, a.events},                              // E2
	}
}

// Mount registers the API on g, a group at Prefix: errors and panics answered as ARM JSON for
// every path of the group, reads finished when a client leaves (detach.Reads), noRoute
// answering the paths no route serves (404, or 405 for a method a route does not take), and on
// each route the bearer token, its rate limit and the route's permission. A GET route answers
// HEAD too.
func (a *API) Mount(g *echo.Group, noRoute echo.HandlerFunc) {
	g.Use(a.answerErrors, a.recoverPanics(), detach.Reads(nil))
	g.RouteNotFound("", noRoute)
	g.RouteNotFound("/*", noRoute)
	for _, r := range a.Routes() {
		g.Add(r.Method, strings.TrimPrefix(r.Path, Prefix), r.handler, a.authenticate, a.authorize(r))
		if r.Method == http.MethodGet { // HEAD as GET (RFC 9110 9.3.2), without the body
			g.Add(http.MethodHead, strings.TrimPrefix(r.Path, Prefix), r.handler, a.authenticate, a.authorize(r))
		}
	}
}

// today is the business day (X3), which -now may fix.
func (a *API) today() ledger.Date { return ledger.DateOf(a.clocks.Business().UTC()) }

// wallTime is real time whatever -now says: token expiry.
func (a *API) wallTime() time.Time { return a.clocks.Wall().UTC() }

// requestID returns the id the RequestID middleware gave the request.
func requestID(c echo.Context) string { return c.Response().Header().Get(echo.HeaderXRequestID) }
