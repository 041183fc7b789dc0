package armapi

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"
)

// readLimit bounds the reads of one API request once its client no longer waits for them.
const readLimit = 30 * time.Second

// finishReads lets a request's database reads finish when its client goes away, within
// readLimit, instead of canceling them. Every API route is a short read (a page at most), so
// finishing costs a few milliseconds, while canceling costs a PostgreSQL connection: pgx
// interrupts a canceled query by expiring its socket, the connection is discarded, and the
// requests that come next find a connection broken mid-reply ("i/o timeout") or open new
// ones by the dozen. A load run's end, which drops 32 requests at once, answered 503s that way
// (issue 10).
func finishReads(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(req.Context()), readLimit)
		defer cancel()
		c.SetRequest(req.WithContext(ctx))
		return next(c)
	}
}
