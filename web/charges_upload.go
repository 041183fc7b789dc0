package web

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// uploadTime is how long an upload may take to arrive and be imported: a large export on a slow
// link takes longer than the server's default timeouts allow other requests.
const uploadTime = 10 * time.Minute

// chargesUploadForm shows the upload form (owners and contributors, M3).
func (s *Server) chargesUploadForm(c echo.Context) error {
	return s.renderUpload(c, http.StatusOK, views.Upload{Done: s.takeFlash(c)})
}

func (s *Server) renderUpload(c echo.Context, status int, p views.Upload) error {
	sc := currentScope(c)
	p.Shell = s.scopeShell(c, "Upload charges", "Upload charges")
	p.Action = s.links.to(routeUpload, sc.Account.Name, sc.Profile.Name)
	p.CreditsURL = s.links.credits(sc.Scope)
	p.MaxMiB, p.MaxLines = costcsv.MaxBytes>>20, costcsv.MaxDataLines
	return s.render(c, status, views.UploadPage(p), nil)
}

// chargesUpload imports an uploaded cost export into the profile: all of it, or nothing with
// every problem named by line and column (X2). The file is streamed to a temporary file as it
// arrives (uploadSpool: never whole in memory), then imported from there, line by line, so
// that a slow upload does not hold the database's write lock.
func (s *Server) chargesUpload(c echo.Context) error {
	sc := currentScope(c)
	rc := http.NewResponseController(c.Response())
	_ = rc.SetReadDeadline(time.Now().Add(uploadTime)) // not every server supports deadlines
	_ = rc.SetWriteDeadline(time.Now().Add(uploadTime))
	spool, err := s.spoolUpload(c)
	defer spool.remove()
	switch {
	case errors.Is(err, errUploadTooLarge):
		return s.renderUpload(c, http.StatusRequestEntityTooLarge, views.Upload{Problems: []string{fmt.Sprintf(
			"file: larger than %d MiB; export one month at a time and upload each file.", costcsv.MaxBytes>>20)}})
	case errors.Is(err, errNoUpload):
		return s.renderUpload(c, http.StatusUnprocessableEntity, views.Upload{Problems: []string{"file: choose a CSV file to upload."}})
	case err != nil:
		return err
	}
	if msg, err := s.syncedRefusal(c); msg != "" || err != nil {
		return cmp.Or(err, s.renderUpload(c, http.StatusConflict, views.Upload{Problems: []string{msg}}))
	}
	ctx := c.Request().Context()
	notCovered, err := s.store.NotCovered(ctx)
	if err != nil {
		return err
	}
	var res importResult
	res.ImportResult, err = s.store.ImportCharges(ctx, *currentUser(c), spool.file, notCovered, sc.Profile, filepath.Base(spool.name))
	if err == nil {
		if err := s.addFlash(c, res.message(spool.name)); err != nil {
			return err
		}
		return seeOther(c, s.links.to(routeUpload, sc.Account.Name, sc.Profile.Name))
	}
	var probs costcsv.Problems
	if !errors.As(err, &probs) {
		return err
	}
	lines := make([]string, len(probs))
	for i, p := range probs {
		lines[i] = p.Error()
	}
	return s.renderUpload(c, http.StatusUnprocessableEntity, views.Upload{Problems: lines})
}

// importResult words an import's outcome for the user.
type importResult struct{ store.ImportResult }

func (r importResult) message(file string) string {
	switch {
	case r.Added == 0 && r.Repeated:
		return fmt.Sprintf("%s was imported before: nothing changed.", file)
	case r.Added == 0:
		return fmt.Sprintf("%s holds no charges that are not stored already: nothing changed.", file)
	}
	msg := fmt.Sprintf("Imported %s: %d charge totals, %d changed. The estimated balance now includes them.", file, r.Rows, r.Added)
	if r.Lowered > 0 {
		msg += fmt.Sprintf(" %d day totals went down, by %s in all: a file states the whole total of a day and product, so it replaces what an earlier upload said. Upload complete exports, not parts of one.",
			r.Lowered, r.LoweredBy)
	}
	return msg
}
