package web

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// maxUpload bounds an uploaded cost export.
const maxUpload = 32 << 20

// chargesUploadForm shows the upload form (owners and contributors, M3).
func (s *Server) chargesUploadForm(c echo.Context) error {
	return s.renderUpload(c, http.StatusOK, views.Upload{Done: s.takeFlash(c)})
}

func (s *Server) renderUpload(c echo.Context, status int, p views.Upload) error {
	sc := currentScope(c)
	p.Shell = s.scopeShell(c, "Upload charges", "Upload charges")
	p.Action = scopeHref(sc.Scope) + "/charges/upload"
	p.CreditsURL = scopeHref(sc.Scope) + "/credits"
	return s.render(c, status, views.UploadPage(p), nil)
}

// chargesUpload imports an uploaded cost export into the profile: all of it, or nothing with
// every problem named by line and column (X2).
func (s *Server) chargesUpload(c echo.Context) error {
	sc := currentScope(c)
	if msg, err := s.syncedRefusal(c); msg != "" || err != nil {
		return cmp.Or(err, s.renderUpload(c, http.StatusConflict, views.Upload{Problems: []string{msg}}))
	}
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, maxUpload+1<<20) // room for the form's other parts
	fh, err := c.FormFile("file")
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) || fh != nil && fh.Size > maxUpload {
		return s.renderUpload(c, http.StatusRequestEntityTooLarge, views.Upload{Problems: []string{"file: larger than 32 MiB; export one month at a time and upload each file."}})
	}
	if err != nil {
		return s.renderUpload(c, http.StatusUnprocessableEntity, views.Upload{Problems: []string{"file: choose a CSV file to upload."}})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxUpload+1))
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	notCovered, err := s.store.NotCovered(ctx)
	if err != nil {
		return err
	}
	rows, err := costcsv.Parse(bytes.NewReader(data), notCovered)
	if err == nil {
		sum := sha256.Sum256(data)
		var res importResult
		res.ImportResult, err = s.store.ImportCharges(ctx, *currentUser(c), rows, sc.Profile, hex.EncodeToString(sum[:]), filepath.Base(fh.Filename))
		if err == nil {
			if err := s.addFlash(c, res.message(fh.Filename)); err != nil {
				return err
			}
			return seeOther(c, scopeHref(sc.Scope)+"/charges/upload")
		}
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
			r.Lowered, money.FromMicros(r.LoweredBy))
	}
	return msg
}
