// Package migrations embeds the versioned SQL schema of CreditDesk. Each database dialect has its
// own folder with the same versions and the same tables and columns; only the dialect's spelling
// of types and identity columns differs. The store suite proves the two schemas match.
package migrations

import "embed"

// SQLite holds the migrations for the embedded SQLite database, in folder sqlite/.
//
//go:embed sqlite/*.sql
var SQLite embed.FS

// Postgres holds the migrations for PostgreSQL, in folder postgres/.
//
//go:embed postgres/*.sql
var Postgres embed.FS
