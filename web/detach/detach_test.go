package detach

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// clientRequest is the echo context of a GET of path, its request, and leave, which ends the
// request's context as a client that goes away does.
func clientRequest(path string) (c echo.Context, req *http.Request, leave context.CancelFunc) {
	client, leave := context.WithCancel(context.Background())
	req = httptest.NewRequest(http.MethodGet, path, nil).WithContext(client)
	return echo.New().NewContext(req, httptest.NewRecorder()), req, leave
}

// TestReadsOutliveTheClient: once the client is gone (its request's context canceled), the
// handler's context still runs, so a read in progress completes on its connection, and it ends
// by Limit at the latest.
func TestReadsOutliveTheClient(t *testing.T) {
	t.Parallel()
	c, req, leave := clientRequest("/providers/x")
	start := time.Now()
	err := Reads(nil)(func(c echo.Context) error {
		ctx := c.Request().Context()
		leave() // the client goes away mid-request
		if ctx.Err() != nil {
			t.Errorf("the reads' context ended with the client: %v", ctx.Err())
		}
		deadline, ok := ctx.Deadline()
		if !ok || deadline.Before(start.Add(Limit)) || deadline.After(time.Now().Add(Limit)) {
			t.Errorf("deadline %v (set %t), want about %s from the start", deadline, ok, Limit)
		}
		return nil
	})(c)
	if err != nil {
		t.Fatal(err)
	}
	if c.Request() != req {
		t.Error("after the handler, the request does not have its own context back (the error handler would run under the ended one)")
	}
}

// TestSkippedRequestsKeepTheirContext: a request the skipper names ends with its client.
func TestSkippedRequestsKeepTheirContext(t *testing.T) {
	t.Parallel()
	c, _, leave := clientRequest("/x.csv")
	err := Reads(func(echo.Context) bool { return true })(func(c echo.Context) error {
		leave()
		if c.Request().Context().Err() == nil {
			t.Error("a skipped request's context outlived its client")
		}
		return nil
	})(c)
	if err != nil {
		t.Fatal(err)
	}
}
