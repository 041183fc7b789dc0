package store

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"

	"github.com/creditdesk/creditdesk/migrations"
)

// Migrate applies every migration not yet applied, in version order, and returns the versions
// it applied. It is safe to run at every start and from several instances: goose takes a lock
// on PostgreSQL and SQLite serialises writers.
func (s *Store) Migrate(ctx context.Context) ([]int64, error) {
	p, err := s.migrator()
	if err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	applied := make([]int64, len(results))
	for i, r := range results {
		applied[i] = r.Source.Version
	}
	return applied, nil
}

// SchemaVersion returns the newest applied migration version, 0 on an empty database.
func (s *Store) SchemaVersion(ctx context.Context) (int64, error) {
	p, err := s.migrator()
	if err != nil {
		return 0, err
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}

// Migrations returns the migration files of the dialect, one SQL file per version. The test
// databases of package storetest are copies of a template named after their digest.
func Migrations(d Dialect) (fs.FS, error) {
	files, dir := fs.FS(migrations.SQLite), "sqlite"
	if d == Postgres {
		files, dir = migrations.Postgres, "postgres"
	}
	sub, err := fs.Sub(files, dir)
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	return sub, nil
}

func (s *Store) migrator() (*goose.Provider, error) {
	db, err := s.sqlDB()
	if err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	dialect := goose.DialectSQLite3
	if s.dialect == Postgres {
		dialect = goose.DialectPostgres
	}
	sub, err := Migrations(s.dialect)
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{}
	if s.dialect == Postgres {
		locker, err := postgresLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, db, sub, opts...)
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	return p, nil
}
