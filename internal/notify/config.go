package notify

import (
	"fmt"
	"log/slog"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/config"
	"github.com/creditdesk/creditdesk/internal/secrets"
	"github.com/creditdesk/creditdesk/internal/store"
)

// FromConfig returns the Service of the configuration: its -secrets-key seals webhook secrets
// and -webhooks-allow-private opens private targets; mailer sends the emails (nil: none).
func FromConfig(st *store.Store, cfg *config.Config, clocks clock.Clocks, mailer Mailer, log *slog.Logger) (*Service, error) {
	var sealer *secrets.Sealer
	if cfg.SecretsKey != "" {
		var err error
		if sealer, err = secrets.New(cfg.SecretsKey); err != nil {
			return nil, fmt.Errorf("-secrets-key: %w", err)
		}
	}
	return New(Options{Store: st, Sealer: sealer, Clocks: clocks, Mailer: mailer, AllowPrivate: cfg.WebhooksAllowPrivate, Log: log}), nil
}
