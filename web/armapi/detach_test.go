package armapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// TestFinishReadsOutlivesTheClient: once the client is gone (its request's context canceled),
// the handler's context still runs, so a read in progress completes on its connection, and it
// ends by readLimit at the latest.
func TestFinishReadsOutlivesTheClient(t *testing.T) {
	t.Parallel()
	e := echo.New()
	client, leave := context.WithCancel(context.Background())
	req := httptest.NewRequest(http.MethodGet, "/providers/x", nil).WithContext(client)
	c := e.NewContext(req, httptest.NewRecorder())
	start := time.Now()
	err := finishReads(func(c echo.Context) error {
		ctx := c.Request().Context()
		leave() // the client goes away mid-request
		if ctx.Err() != nil {
			t.Errorf("the reads' context ended with the client: %v", ctx.Err())
		}
		deadline, ok := ctx.Deadline()
		if !ok || deadline.Before(start.Add(readLimit)) || deadline.After(time.Now().Add(readLimit)) {
			t.Errorf("deadline %v (set %t), want about %s from the start", deadline, ok, readLimit)
		}
		return nil
	})(c)
	if err != nil {
		t.Fatal(err)
	}
}
