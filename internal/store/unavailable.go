package store

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// IsUnavailable reports whether err means the database could not be reached or used, rather
// than that the request was wrong: a connection refused or lost, a server shutting down or out
// of connections, an SQLite file that cannot be opened, read or locked past the busy timeout.
// Nothing was stored, and the same request may succeed later. The web layer answers 503.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, fault.ErrUnavailable) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	if errors.As(err, &connectErr) || errors.As(err, &netErr) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return unavailableState(pgErr.Code)
	}
	var liteErr interface{ Code() int }
	if errors.As(err, &liteErr) {
		return unavailableSQLite(liteErr.Code())
	}
	return false
}

// unavailableState reports whether a PostgreSQL SQLSTATE is the server's rather than the
// request's: class 08 (connection exception), 53 (insufficient resources: too many
// connections, disk full, out of memory) and 57P01-57P03 (the server or an administrator
// ended the session, or the server is starting).
func unavailableState(code string) bool {
	return strings.HasPrefix(code, "08") || strings.HasPrefix(code, "53") ||
		code == "57P01" || code == "57P02" || code == "57P03"
}

// SQLite primary result codes (https://sqlite.org/rescode.html) that mean the file, not the
// statement, is at fault.
const (
	sqliteBusy     = 5  // locked by another writer past the busy timeout
	sqliteIOErr    = 10 // a disk I/O error
	sqliteFull     = 13 // the disk is full
	sqliteCantOpen = 14 // the file cannot be opened
)

// unavailableSQLite reports whether an SQLite result code, extended or not, means the database
// file cannot be used for now.
func unavailableSQLite(code int) bool {
	switch code & 0xff {
	case sqliteBusy, sqliteIOErr, sqliteFull, sqliteCantOpen:
		return true
	}
	return false
}
