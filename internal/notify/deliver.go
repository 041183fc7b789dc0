package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/store"
)

// claimLease is how long a claimed message is left to its deliverer: longer than a webhook
// call, so that only a deliverer that died lets another retry it.
const claimLease = 5 * time.Minute

// errNoMailer is an email message while no SMTP server is configured: it is retried, so that
// configuring one in time still sends it.
var errNoMailer = errors.New("no SMTP server is configured")

// Deliver sends every due message of the outbox, claiming them a batch at a time, and records
// each attempt; a failure is retried with exponential back-off for 24 hours.
func (s *Service) Deliver(ctx context.Context, rep *Report) error {
	for {
		ds, err := s.o.Store.ClaimAlertDeliveries(ctx, s.o.Clocks.Wall().UTC(), claimLease, claimBatch)
		if err != nil || len(ds) == 0 {
			return err
		}
		for _, d := range ds {
			if err := ctx.Err(); err != nil {
				return err // the claims lapse and the messages are retried
			}
			if err := s.deliver(ctx, d, rep); err != nil {
				return err
			}
		}
	}
}

// deliver sends one claimed message and records the attempt.
func (s *Service) deliver(ctx context.Context, d store.AlertDelivery, rep *Report) error {
	var code int
	var err error
	switch {
	case d.EventType == DigestType && d.UserID != nil:
		err = s.mailDigest(ctx, *d.UserID, d.Event)
	case d.WebhookID != nil:
		code, err = s.callWebhook(ctx, *d.WebhookID, []byte(d.Event))
	case d.UserID != nil:
		var ev alerts.Event
		if err = json.Unmarshal([]byte(d.Event), &ev); err == nil {
			err = s.mailEvent(ctx, *d.UserID, ev)
		}
	default:
		err = fmt.Errorf("message %d has no recipient", d.ID)
	}
	now := s.o.Clocks.Wall().UTC()
	if errors.Is(err, errNothingToSend) {
		rep.Dropped++
		return s.o.Store.DropAlertDelivery(ctx, d, store.AlertAttempt{At: now, Error: err.Error()})
	}
	a := store.AlertAttempt{At: now, OK: err == nil, Code: code}
	next := now
	if err != nil {
		a.Error = truncate(err.Error(), 500)
		next = now.Add(backoff(d.Attempts))
		if next.After(d.GiveUpAt) {
			rep.GivenUp++
		} else {
			rep.Retrying++
		}
		s.o.Log.Warn("alert message not delivered", "delivery", d.ID, "target", d.Target, "attempt", d.Attempts, "error", err)
	} else {
		rep.Sent++
	}
	return s.o.Store.RecordAlertAttempt(ctx, d, a, next)
}

// backoff is the wait after the attempt-th failed attempt: 30 s, doubling, at most an hour.
func backoff(attempt int) time.Duration {
	d := firstRetry
	for i := 1; i < attempt && d < maxRetryDelay; i++ {
		d *= 2
	}
	return min(d, maxRetryDelay)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
