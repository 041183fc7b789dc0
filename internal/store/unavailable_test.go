package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// sqliteError is an error of the SQLite driver: a message and a result code.
type sqliteError int

func (e sqliteError) Error() string { return fmt.Sprintf("sqlite error %d", int(e)) }
func (e sqliteError) Code() int     { return int(e) }

// TestIsUnavailable: the database's own failures (connection, server, file) are unavailability;
// a bad request (a duplicate, a missing row, a bad value) is not (issue 8, item 9).
func TestIsUnavailable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"breaker", errBackingOff, true},
		{"bad connection", driver.ErrBadConn, true},
		{"connection done", sql.ErrConnDone, true},
		{"connection cut", io.ErrUnexpectedEOF, true},
		{"refused", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, true},
		{"terminated by an administrator", &pgconn.PgError{Code: "57P01"}, true},
		{"server shutting down", &pgconn.PgError{Code: "57P02"}, true},
		{"server starting", &pgconn.PgError{Code: "57P03"}, true},
		{"too many connections", &pgconn.PgError{Code: "53300"}, true},
		{"connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"statement canceled", &pgconn.PgError{Code: "57014"}, false},
		{"syntax", &pgconn.PgError{Code: "42601"}, false},
		{"sqlite cannot open", sqliteError(14), true},
		{"sqlite busy", sqliteError(5), true},
		{"sqlite busy recovery (extended)", sqliteError(5 | 1<<8), true},
		{"sqlite disk I/O", sqliteError(10 | 3<<8), true},
		{"sqlite constraint", sqliteError(19), false},
		{"sqlite corrupt", sqliteError(11), false},
		{"not found", fmt.Errorf("store: user: %w", fault.ErrNotFound), false},
		{"canceled request", context.Canceled, false},
		{"wrapped", fmt.Errorf("store: user by id: %w", &pgconn.PgError{Code: "57P01"}), true},
	}
	for _, tt := range tests {
		if got := IsUnavailable(tt.err); got != tt.want {
			t.Errorf("%s: IsUnavailable(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}
