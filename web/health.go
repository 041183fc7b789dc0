package web

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/store"
)

// healthz answers 200 while the process runs (liveness).
func (s *Server) healthz(c echo.Context) error { return c.String(http.StatusOK, "ok") }

// readyz answers 200 when this instance can serve (readiness): the database answers within two
// seconds and its schema is at least at this binary's migration version; 503 otherwise.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ready(ctx); err != nil {
		s.log.Warn("not ready", "error", err)
		if errors.Is(err, store.ErrSchemaBehind) {
			return c.String(http.StatusServiceUnavailable, "database schema behind this binary")
		}
		return c.String(http.StatusServiceUnavailable, "database unavailable")
	}
	return c.String(http.StatusOK, "ready")
}
