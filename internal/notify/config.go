package notify

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/config"
	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/secrets"
	"github.com/creditdesk/creditdesk/internal/store"
)

// FromConfig returns the Service of the configuration: its -secrets-key seals webhook secrets,
// -webhooks-allow-private opens private targets, -public-url starts every link and
// -expiry-window sets the digest's expiries; sender sends the emails (nil: none).
func FromConfig(st *store.Store, cfg *config.Config, clocks clock.Clocks, sender mail.Sender, log *slog.Logger) (*Service, error) {
	var sealer *secrets.Sealer
	if cfg.SecretsKey != "" {
		var err error
		if sealer, err = secrets.New(cfg.SecretsKey); err != nil {
			return nil, fmt.Errorf("-secrets-key: %w", err)
		}
	}
	public := ""
	if cfg.PublicURL != nil {
		public = strings.TrimSuffix(cfg.PublicURL.String(), "/")
	}
	return New(Options{Store: st, Sealer: sealer, Clocks: clocks, Mailer: sender, AllowPrivate: cfg.WebhooksAllowPrivate,
		PublicURL: public, ExpiryWindow: cfg.ExpiryWindow, Log: log}), nil
}
