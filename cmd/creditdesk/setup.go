package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/creditdesk/creditdesk/internal/config"
	"github.com/creditdesk/creditdesk/internal/store"
)

// command is a parsed subcommand: its configuration, its own flags and its positional args.
type command struct {
	cfg  *config.Config
	fs   *flag.FlagSet
	args []string
}

// parse reads the configuration flags plus the subcommand's own (added by extra) from args and
// the environment.
func parse(name string, args []string, env func(string) (string, bool), out io.Writer, extra func(fs *flag.FlagSet)) (command, error) {
	fs := flag.NewFlagSet("creditdesk "+name, flag.ContinueOnError)
	fs.SetOutput(out)
	cfg := config.Bind(fs)
	if extra != nil {
		extra(fs)
	}
	if err := config.Parse(fs, cfg, args, env); err != nil {
		return command{}, err
	}
	return command{cfg: cfg, fs: fs, args: fs.Args()}, nil
}

// parseNoArgs is parse for a subcommand that takes flags only: a word left over (a typo, a
// value without its flag) is an error rather than ignored.
func parseNoArgs(name string, args []string, env func(string) (string, bool), out io.Writer, extra func(fs *flag.FlagSet)) (command, error) {
	cmd, err := parse(name, args, env, out, extra)
	if err == nil && len(cmd.args) > 0 {
		err = fmt.Errorf("creditdesk %s takes no arguments, only flags: %q is left over", name, cmd.args[0])
	}
	return cmd, err
}

// withExistingStore is withStore for the subcommands that work on data already there
// (processing, alerts, imports, users and tokens): an SQLite file that does not exist is a
// mistyped -database, refused, instead of a new empty database in which they find nothing.
func (c command) withExistingStore(ctx context.Context, log *slog.Logger, fn func(s *store.Store) error) error {
	if path, missing := store.MissingFile(c.cfg.DatabaseURL); missing {
		return fmt.Errorf("database %s does not exist: check -database (creditdesk migrate creates a new one)", path)
	}
	return c.withStore(ctx, log, fn)
}

// withStore is how every subcommand reaches the database: it opens the configured one with the
// configured clocks and connection pool, applies the pending migrations (logging them to log),
// runs fn on it, and closes it whatever fn returns.
func (c command) withStore(ctx context.Context, log *slog.Logger, fn func(s *store.Store) error) error {
	cfg := c.cfg
	pool := store.Pool{MaxOpen: cfg.DBMaxOpen, MaxIdle: cfg.DBMaxIdle, MaxLifetime: cfg.DBConnLifetime, MaxIdleTime: cfg.DBConnIdleTime}
	s, err := store.OpenPool(ctx, cfg.DatabaseURL, cfg.Clocks(), pool)
	if err != nil {
		return err
	}
	defer s.Close()
	applied, err := s.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(applied) > 0 {
		log.Info("migrations applied", "database", string(s.Dialect()), "versions", fmt.Sprint(applied))
	}
	p := s.PoolStats().Pool
	log.Debug("database pool", "database", string(s.Dialect()), "max_open", p.MaxOpen, "max_idle", p.MaxIdle,
		"conn_lifetime", p.MaxLifetime.String(), "conn_idle_time", p.MaxIdleTime.String())
	return fn(s)
}

// newLogger returns the structured logger the configuration asks for, writing to out.
func newLogger(cfg *config.Config, out io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel)) // validated by config
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(out, opts))
	}
	return slog.New(slog.NewTextHandler(out, opts))
}
