// Package detach lets a request's database reads finish when its client goes away, within a
// limit, instead of canceling them. Canceling costs a PostgreSQL connection: pgx interrupts a
// canceled query by expiring its socket, the connection is discarded, and the requests that
// come next find a connection broken mid-reply ("i/o timeout") or open new ones by the dozen. A
// load run's end, which drops 32 requests at once, answered 503s that way (issue 10); so does a
// reader who leaves a page before it is served.
package detach

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"
)

// Limit bounds the reads of one request once its client no longer waits for them.
const Limit = 30 * time.Second

// Reads is the middleware: the handler runs under a context that its client's departure does
// not end, and that ends by Limit. When the handler returns, the request gets its own context
// back before the detached one ends, so that what runs after (the error page, written by the
// error handler once the chain has returned) does not run under a canceled context. Requests
// for which skip reports true keep their own context (a long download, a write that must stop
// with its client).
func Reads(skip func(echo.Context) bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if skip != nil && skip(c) {
				return next(c)
			}
			req := c.Request()
			ctx, cancel := context.WithTimeout(context.WithoutCancel(req.Context()), Limit)
			defer func() {
				c.SetRequest(req)
				cancel()
			}()
			c.SetRequest(req.WithContext(ctx))
			return next(c)
		}
	}
}
