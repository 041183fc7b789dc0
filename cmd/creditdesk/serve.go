package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/creditdesk/creditdesk/internal/azsync"
	"github.com/creditdesk/creditdesk/internal/config"
	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/metrics"
	"github.com/creditdesk/creditdesk/internal/notify"
	"github.com/creditdesk/creditdesk/internal/password"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/web"
)

// serve runs the portal until ctx ends (SIGINT or SIGTERM), then drains requests gracefully.
func serve(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
	var demo bool
	cmd, err := parseNoArgs("serve", args, env, out, func(fs *flag.FlagSet) {
		fs.BoolVar(&demo, "demo", false, "load the embedded demo scenario when the database has no users")
	})
	if err != nil {
		return err
	}
	cfg := cmd.cfg
	log := newLogger(cfg, out)
	return cmd.withStore(ctx, log, func(s *store.Store) error {
		if demo {
			if err := loadDemo(ctx, s, cfg, cfg.Clocks().Business(), out); err != nil {
				return err
			}
		}
		m := metrics.New()
		m.WatchPool(s.PoolStats)
		stopMetrics, err := serveMetrics(cfg.MetricsAddr, m.Handler(), log)
		if err != nil {
			return err
		}
		defer stopMetrics()
		clocks := cfg.Clocks()
		az, err := azsync.FromConfig(s, cfg, clocks, log)
		if err != nil {
			return err
		}
		sender, err := mail.FromSettings(cfg.SMTP)
		if err != nil {
			return err
		}
		al, err := notify.FromConfig(s, cfg, clocks, sender, log)
		if err != nil {
			return err
		}
		srv, err := web.New(web.Deps{Store: s, Config: cfg, Logger: log, Clocks: clocks, Demo: demo, Metrics: m, Azure: az, Mail: sender, Alerts: al})
		if err != nil {
			return err
		}
		workCtx, stopWork := context.WithCancel(ctx)
		worked, delivered := make(chan struct{}), make(chan struct{})
		r := newRunner(s, cfg.ProcessInterval, m, log)
		go func() { defer close(worked); processPeriodically(workCtx, s, r, az, al, clocks.Business, log) }()
		go func() { defer close(delivered); deliverPeriodically(workCtx, al, log) }()
		defer func() { stopWork(); <-worked; <-delivered }() // the store closes only after the last run stopped
		defer srv.WaitBackground()                           // emails answered already still go out
		return listen(ctx, cfg, srv, log)
	})
}

// loadDemo loads the embedded demo scenario, moved to the business day today (every status
// present on any day), into an empty database and prints its sign-ins.
func loadDemo(ctx context.Context, s *store.Store, cfg *config.Config, today time.Time, out io.Writer) error {
	n, err := s.UserCount(ctx)
	if err != nil {
		return err
	}
	demo, err := scenario.DemoAt(today)
	if err != nil {
		return err
	}
	if n == 0 {
		if _, err := scenario.Load(ctx, s, demo, password.Production()); err != nil {
			return fmt.Errorf("load demo scenario: %w", err)
		}
	}
	scheme := "http"
	if cfg.TLS() {
		scheme = "https"
	}
	fmt.Fprintf(out, "\nCreditDesk demo is at %s://%s\nSign in as any of these (password for all: %q):\n", scheme, cfg.Addr, scenario.DemoPassword)
	for _, line := range scenario.DemoSignIns(demo) {
		fmt.Fprintln(out, "  "+line)
	}
	printDemoTokens(out, demo, scheme+"://"+cfg.Addr)
	fmt.Fprintln(out)
	return nil
}

// listen serves HTTP (or HTTPS with -tls-cert) until ctx ends, then gives in-flight requests
// cfg.ShutdownWait to finish.
func listen(ctx context.Context, cfg *config.Config, h http.Handler, log *slog.Logger) error {
	httpServer := &http.Server{
		Addr:              cfg.Addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	errc := make(chan error, 1)
	go func() {
		if cfg.TLS() {
			errc <- httpServer.ServeTLS(ln, cfg.TLSCert, cfg.TLSKey)
		} else {
			errc <- httpServer.Serve(ln)
		}
	}()
	log.Info("serving", "addr", ln.Addr().String(), "tls", cfg.TLS())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", cfg.ShutdownWait.String())
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownWait)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
