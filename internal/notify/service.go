// Package notify evaluates the alert rules (package alerts) on the numbers the credits page and
// the Benefits workspace show, writes the weekly digests, and delivers their messages: signed
// CloudEvents webhooks and emails, through an outbox that several instances share without
// sending a message twice. The periodic run and `creditdesk alerts run` call the same Run.
package notify

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/secrets"
	"github.com/creditdesk/creditdesk/internal/store"
)

// The defaults of delivery.
const (
	DefaultTimeout = 10 * time.Second // a webhook call that takes longer fails and is retried
	firstRetry     = 30 * time.Second // the back-off doubles from this ...
	maxRetryDelay  = time.Hour        // ... up to this
	retryFor       = 24 * time.Hour   // a message not delivered within this is given up
	claimBatch     = 20
)

// Options is what a Service needs.
type Options struct {
	Store  *store.Store
	Sealer *secrets.Sealer // nil without -secrets-key: no webhook can be created or signed
	// Clocks: the business day the rules are checked on (-now), and the wall clock of
	// firings, retries and the delivery log.
	Clocks clock.Clocks
	Mailer mail.Sender // nil: no email is sent (no SMTP configured)
	// AllowPrivate lets webhooks call private, loopback and link-local addresses
	// (-webhooks-allow-private); otherwise they are refused when saved and when dialled.
	AllowPrivate bool
	// PublicURL is the portal's address for the links of messages ("" leaves them relative).
	PublicURL string
	// ExpiryWindow: the weekly digest lists the credits expiring within this many days
	// (-expiry-window, as the credits page's Expiring status).
	ExpiryWindow int
	Timeout      time.Duration // of one webhook call; 0: DefaultTimeout
	Log          *slog.Logger
}

// Service evaluates rules and delivers their messages. It is safe for concurrent use.
type Service struct {
	o    Options
	http *http.Client
}

// New returns a Service.
func New(o Options) *Service {
	if o.Clocks.Wall == nil {
		o.Clocks.Wall = clock.Real().Wall
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	return &Service{o: o, http: webhookClient(o.AllowPrivate, o.Timeout)}
}

// CanSeal reports whether webhooks can be created: their secrets need -secrets-key.
func (s *Service) CanSeal() bool { return s.o.Sealer != nil }

// CanMail reports whether emails can be sent.
func (s *Service) CanMail() bool { return s.o.Mailer != nil }

// Report is what one Run did.
type Report struct {
	Rules    int // rules evaluated
	Fired    int // subjects whose condition became true
	Resolved int // subjects whose condition became false
	Sent     int // messages delivered
	Retrying int // messages that failed and will be tried again
	GivenUp  int // messages given up after retrying for 24 hours
	Digests  int // weekly digests queued
	Dropped  int // weekly digests not sent: their user no longer saw anything of them
}

// Run evaluates every live rule once, queues the weekly digests due, then delivers what is due,
// also when some rules or digests could not be done (their errors are returned).
func (s *Service) Run(ctx context.Context) (Report, error) {
	rep, err := s.Evaluate(ctx)
	err = errors.Join(err, s.QueueDigests(ctx, &rep))
	return rep, errors.Join(err, s.Deliver(ctx, &rep))
}
