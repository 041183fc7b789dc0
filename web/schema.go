package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/scenario"
)

// schemaContentType is the media type of a JSON Schema document (draft 2020-12).
const schemaContentType = "application/schema+json"

// scenarioSchema serves the JSON Schema of scenario files. It is public, as the format is:
// editors fetch it to check and complete a file as it is written.
func (s *Server) scenarioSchema(c echo.Context) error {
	return c.Blob(http.StatusOK, schemaContentType, scenario.SchemaJSON())
}
