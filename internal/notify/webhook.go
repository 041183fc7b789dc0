package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
)

// errPrivateTarget is a webhook whose host resolved, at dial time, to an address webhooks may
// not call.
var errPrivateTarget = errors.New("the webhook's host resolves to an address that is not publicly reachable (loopback, private, link-local or another special-purpose network)")

// webhookClient calls webhooks: no proxy, no redirects followed (a redirect could lead to a
// private address), and unless allowPrivate a dialer that refuses non-public addresses after
// resolution, so that a name resolving elsewhere later is still refused.
func webhookClient(allowPrivate bool, timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: timeout}
	if !allowPrivate {
		d.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !alerts.Public(ap.Addr()) {
				return errPrivateTarget
			}
			return nil
		}
	}
	tr := &http.Transport{DialContext: d.DialContext, TLSHandshakeTimeout: timeout, ResponseHeaderTimeout: timeout,
		MaxIdleConns: 10, IdleConnTimeout: 30 * time.Second}
	return &http.Client{Transport: tr, Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// CheckURL validates a webhook URL as the form submitted it (alerts.CheckURL).
func (s *Service) CheckURL(ctx context.Context, raw string) (*url.URL, error) {
	return alerts.CheckURL(ctx, raw, s.o.AllowPrivate, func(ctx context.Context, host string) ([]netip.Addr, error) {
		return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	})
}

// CreateWebhook validates the URL, makes the webhook's secret and stores it sealed; the secret
// is returned to be shown once.
func (s *Service) CreateWebhook(ctx context.Context, actor store.User, sc store.AlertScope, ruleID int64, raw string) (store.AlertWebhook, string, error) {
	if s.o.Sealer == nil {
		return store.AlertWebhook{}, "", fault.Field("url", "Webhooks need a -secrets-key to keep their signing secrets: ask the operator to set one.")
	}
	u, err := s.CheckURL(ctx, raw)
	if err != nil {
		return store.AlertWebhook{}, "", err
	}
	secret, err := alerts.NewSecret()
	if err != nil {
		return store.AlertWebhook{}, "", err
	}
	sealed, err := s.o.Sealer.Seal([]byte(secret), store.WebhookSecretContext(sc, u.String()))
	if err != nil {
		return store.AlertWebhook{}, "", err
	}
	w, err := s.o.Store.CreateAlertWebhook(ctx, actor, sc, ruleID, u.String(), sealed)
	return w, secret, err
}

// callWebhook posts a signed event to a webhook and returns the response's status code.
func (s *Service) callWebhook(ctx context.Context, id int64, body []byte) (int, error) {
	w, err := s.o.Store.AlertWebhookByID(ctx, id)
	if err != nil {
		return 0, err
	}
	secret, err := s.o.Sealer.Open(w.Secret, w.SecretContext())
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/cloudevents+json; charset=utf-8")
	req.Header.Set("User-Agent", "CreditDesk-Webhook/1")
	req.Header.Set(alerts.SignatureHeader, alerts.Sign(string(secret), body))
	resp, err := s.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("the webhook answered %s", resp.Status)
	}
	return resp.StatusCode, nil
}
