package web

import (
	"cmp"
	"errors"
	"net/http"
	"path/filepath"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// uploadTime is how long an upload may take to arrive and be imported: a large export on a slow
// link takes longer than the server's default timeouts allow other requests.
const uploadTime = 10 * time.Minute

// chargesUploadForm shows the upload form (owners and contributors, M3).
func (s *Server) chargesUploadForm(c echo.Context) error {
	return s.renderUpload(c, http.StatusOK, views.Upload{Done: s.takeSaid(c)})
}

func (s *Server) renderUpload(c echo.Context, status int, p views.Upload) error {
	sc := currentScope(c)
	p.Shell, p.Loc = s.scopeShell(c, "Upload charges", "Upload charges"), readerLocale(c)
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
		return s.renderUpload(c, http.StatusRequestEntityTooLarge, views.Upload{Problems: []fault.Message{
			fault.Say(views.KeyUploadTooLarge, costcsv.MaxBytes>>20)}})
	case errors.Is(err, errNoUpload):
		return s.renderUpload(c, http.StatusUnprocessableEntity, views.Upload{Problems: []fault.Message{fault.Say(views.KeyUploadNoFile)}})
	case err != nil:
		return err
	}
	if msg, err := s.syncedRefusal(c); !msg.IsZero() || err != nil {
		return cmp.Or(err, s.renderUpload(c, http.StatusConflict, views.Upload{Problems: []fault.Message{msg}}))
	}
	ctx := c.Request().Context()
	notCovered, err := s.store.NotCovered(ctx)
	if err != nil {
		return err
	}
	res := importResult{currency: sc.Profile.Currency}
	res.ImportResult, err = s.store.ImportCharges(ctx, *currentUser(c), spool.file, notCovered, sc.Profile, filepath.Base(spool.name))
	if err == nil {
		if err := s.addSaid(c, res.message(spool.name)); err != nil {
			return err
		}
		return seeOther(c, s.links.to(routeUpload, sc.Account.Name, sc.Profile.Name))
	}
	var probs costcsv.Problems
	if !errors.As(err, &probs) {
		return err
	}
	lines := make([]fault.Message, len(probs))
	for i, p := range probs {
		lines[i] = p.Message()
	}
	return s.renderUpload(c, http.StatusUnprocessableEntity, views.Upload{Problems: lines})
}

// importResult says an import's outcome for the user.
type importResult struct {
	store.ImportResult
	currency string // the profile's, which the lowered totals are in
}

func (r importResult) message(file string) fault.Message {
	switch {
	case r.Added == 0 && r.Repeated:
		return fault.Say(views.KeyUploadRepeated, fault.Code(file))
	case r.Added == 0:
		return fault.Say(views.KeyUploadNothingNew, fault.Code(file))
	}
	done := fault.Say(views.KeyUploadImported, fault.Code(file), r.Rows, r.Added)
	if r.Lowered > 0 {
		return fault.Say(views.KeyAnd, done, fault.Say(views.KeyUploadLowered, r.Lowered, fault.Money{Amount: r.LoweredBy, Currency: r.currency}))
	}
	return done
}
