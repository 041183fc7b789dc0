// Package web is CreditDesk's HTTP layer: the echo server, its one route table, middleware,
// sessions, CSRF, the htmx page-or-fragment decision, the central error handler, and thin
// handlers that parse, authorise, call the store or a domain package, and render a view.
package web

import (
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/azsync"
	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/config"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/metrics"
	"github.com/creditdesk/creditdesk/internal/notify"
	"github.com/creditdesk/creditdesk/internal/password"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
	"github.com/creditdesk/creditdesk/web/armapi"
	"github.com/creditdesk/creditdesk/web/keptcache"
)

// Deps is what the server needs from the rest of the program.
type Deps struct {
	Store  *store.Store
	Config *config.Config
	Logger *slog.Logger
	Clocks clock.Clocks // the business day (-now) and the wall clock of sessions, lockouts, tokens
	Demo   bool         // the database holds the demo scenario: the sign-in page says so
	// Metrics receives the requests, sign-ins and throttled API calls; nil keeps them unexported.
	Metrics *metrics.Metrics
	// APIPageSize is the page size of the ARM API's lists; 0 means the default (100). Tests
	// set it small to page through a small scenario.
	APIPageSize int
	// Azure connects billing accounts to Azure and syncs them (Sync now); nil: one made from
	// Config and Clocks (azsync.FromConfig).
	Azure *azsync.Syncer
	// Alerts evaluates alert rules, creates webhooks and sends test messages; nil: one made
	// from Config, Clocks and Mail (notify.FromConfig).
	Alerts *notify.Service
	// Passwords are the hash costs of the users' passwords, which the sign-in's timing dummy
	// matches; the zero value is password.Production. Tests whose users have cheap hashes set
	// the same cheap costs.
	Passwords password.Params
	// Mail sends invitations, password resets and alerts; nil when no SMTP server is configured
	// (mail.FromSettings), and the pages say that no email can be sent.
	Mail mail.Sender
}

// ledgerCacheSize bounds the profiles each of the server's ledger caches keeps: those recently
// viewed.
const ledgerCacheSize = 512

// Server is the portal: an echo instance with every route registered.
type Server struct {
	store    *store.Store
	cfg      *config.Config
	log      *slog.Logger
	clocks   clock.Clocks
	demo     bool
	metrics  *metrics.Metrics
	sessions *sessions.CookieStore
	api      *armapi.API // the Azure-compatible API, mounted under armapi.Prefix
	azure    *azsync.Syncer
	mail     mail.Sender // nil: no SMTP server configured
	alerts   *notify.Service
	// passwords are the costs new passwords are hashed at (links, sign-in's dummy).
	passwords password.Params
	// background counts the emails sent after their response (inBackground).
	background sync.WaitGroup
	echo       *echo.Echo
	links      links // the paths of the named routes
	// chartsCache keeps the balance over time and the runway of the credits pages recently viewed,
	// creditsCache what their tables show, txTables their transactions tables rendered.
	chartsCache  *keptcache.Cache[keptcache.Day, struct{}, charts]
	creditsCache *keptcache.Cache[keptcache.Day, creditsQuery, creditsData]
	txTables     *keptcache.Cache[keptcache.Day, txView, string]
	accountRows  *keptcache.Cache[keptcache.Day, accountRowView, views.AccountCreditsRow] // the account summaries' rows
	// keptTotals keeps the benefit totals of the partner workspaces recently viewed, keptPages
	// the last page of each one's list.
	keptTotals *keptcache.Cache[keptcache.Span, struct{}, store.BenefitTotals]
	keptPages  *keptcache.Cache[keptcache.Span, benefitsQuery, store.BenefitPage]
	// dummyHash is verified against when an email is unknown, so that a sign-in attempt takes
	// the same time whether or not the account exists.
	dummyHash string
}

// New builds the server. Without a configured session key (allowed outside production mode) a
// random key is made, which signs everyone out at restart.
func New(d Deps) (*Server, error) {
	key := d.Config.SessionKey
	if len(key) == 0 {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("web: session key: %w", err)
		}
		d.Logger.Warn("no session key configured: using a random one, sessions end at restart")
	}
	dummy, err := d.Passwords.Hash("not a real password, only for timing")
	if err != nil {
		return nil, err
	}
	m := d.Metrics
	if m == nil {
		m = metrics.New()
	}
	if d.Azure == nil {
		if d.Azure, err = azsync.FromConfig(d.Store, d.Config, d.Clocks, d.Logger); err != nil {
			return nil, err
		}
	}
	if d.Alerts == nil {
		if d.Alerts, err = notify.FromConfig(d.Store, d.Config, d.Clocks, d.Mail, d.Logger); err != nil {
			return nil, err
		}
	}
	s := &Server{store: d.Store.WithCursorKey(key), // the portal's list cursors, signed like the API's
		cfg: d.Config, log: d.Logger, clocks: d.Clocks, demo: d.Demo, metrics: m, azure: d.Azure, mail: d.Mail, passwords: d.Passwords,
		alerts:       d.Alerts,
		chartsCache:  keptcache.New[keptcache.Day, struct{}, charts](ledgerCacheSize, 1),
		creditsCache: keptcache.New[keptcache.Day, creditsQuery, creditsData](ledgerCacheSize, 1),
		txTables:     keptcache.New[keptcache.Day, txView, string](ledgerCacheSize, 1),
		accountRows:  keptcache.New[keptcache.Day, accountRowView, views.AccountCreditsRow](ledgerCacheSize, accountRowViews),
		keptTotals:   keptcache.New[keptcache.Span, struct{}, store.BenefitTotals](benefitsCacheSize, 1),
		keptPages:    keptcache.New[keptcache.Span, benefitsQuery, store.BenefitPage](benefitsCacheSize, benefitsPages),
		sessions:     newSessionStore(key, d.Config.TLS() || d.Config.SecureCookie), dummyHash: dummy,
		api: armapi.New(armapi.Deps{Store: d.Store, Logger: d.Logger, Clocks: d.Clocks, Metrics: m, Secret: key,
			RateLimit: d.Config.APIRateLimit, PageSize: d.APIPageSize, ExpiryWindow: d.Config.ExpiryWindow,
			PublicURL: d.Config.PublicURL})}
	s.echo = echo.New()
	s.echo.HideBanner, s.echo.HidePort = true, true
	s.echo.HTTPErrorHandler = s.handleError
	s.echo.Server.ReadHeaderTimeout = 10 * time.Second
	s.useMiddleware()
	s.register()
	s.links = newLinks(s.echo)
	return s, nil
}

// businessTime reads the business clock (X3): the instant the benefits live in, which -now may fix.
func (s *Server) businessTime() time.Time { return s.clocks.Business().UTC() }

// today is the business day (X3): the ledger's "today", which -now may fix.
func (s *Server) today() ledger.Date { return ledger.DateOf(s.businessTime()) }

// wallTime reads the wall clock: real time whatever -now says, for session age, the sign-in
// lockout window and API token expiry.
func (s *Server) wallTime() time.Time { return s.clocks.Wall().UTC() }

// ServeHTTP makes the server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }
