package web

import (
	"time"

	"github.com/labstack/echo/v4"
)

// observeRequests records every request's route pattern, method, status class and latency. It
// runs outside the access log, whose error handling has written the final status by the time
// the request comes back here.
func (s *Server) observeRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		s.metrics.ObserveRequest(c.Path(), c.Request().Method, c.Response().Status, time.Since(start))
		return err
	}
}
