package web

import (
	"errors"
	"io"
	"net/http"
	"os"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/costcsv"
)

// maxUploadBody bounds an upload request: the largest export plus room for the form's other
// parts and the multipart framing.
const maxUploadBody = costcsv.MaxBytes + 1<<20

var (
	errUploadTooLarge = errors.New("upload larger than the limit")
	errNoUpload       = errors.New("no file in the upload")
)

// spooled is an uploaded file in a temporary file, read from its start.
type spooled struct {
	file *os.File
	name string // the file name the browser gave
}

// remove closes and deletes the temporary file, if any.
func (sp spooled) remove() {
	if sp.file != nil {
		_ = sp.file.Close()
		_ = os.Remove(sp.file.Name())
	}
}

// spoolUpload reads the upload form as a stream and copies its file to a temporary file as it
// arrives. The CSRF middleware has checked the token (the header, or the form's first field)
// without reading the file; the form's other fields are skipped.
func (s *Server) spoolUpload(c echo.Context) (spooled, error) {
	req := c.Request()
	if req.ContentLength > maxUploadBody {
		return spooled{}, errUploadTooLarge
	}
	req.Body = http.MaxBytesReader(c.Response(), req.Body, maxUploadBody)
	mr, err := req.MultipartReader()
	if err != nil {
		return spooled{}, errNoUpload
	}
	for {
		part, err := mr.NextPart()
		switch {
		case errors.Is(err, io.EOF):
			return spooled{}, errNoUpload
		case err != nil:
			return spooled{}, uploadError(err)
		}
		if part.FormName() != "file" {
			continue
		}
		if part.FileName() == "" {
			return spooled{}, errNoUpload
		}
		return spool(part, part.FileName())
	}
}

// spool copies r into a new temporary file and rewinds it.
func spool(r io.Reader, name string) (spooled, error) {
	f, err := os.CreateTemp("", "creditdesk-upload-*.csv")
	if err != nil {
		return spooled{}, err
	}
	sp := spooled{file: f, name: name}
	if _, err := io.Copy(f, r); err != nil {
		return sp, uploadError(err)
	}
	_, err = f.Seek(0, io.SeekStart)
	return sp, err
}

// uploadError maps a body over the limit to errUploadTooLarge.
func uploadError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return errUploadTooLarge
	}
	return err
}
