package web_test

import (
	"bytes"
	"testing"

	"github.com/creditdesk/creditdesk/internal/scenario"
)

// TestScenarioSchemaServed: anyone, signed in or not, gets the scenario file schema as a JSON
// Schema document, for an editor's "$schema" or json.schemas setting.
func TestScenarioSchemaServed(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	resp, body := h.client(t).get("/schemas/scenario.json")
	if resp.StatusCode != ok {
		t.Fatalf("status %d, want %d", resp.StatusCode, ok)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/schema+json" {
		t.Errorf("Content-Type %q, want application/schema+json", ct)
	}
	if !bytes.Equal([]byte(body), scenario.SchemaJSON()) {
		t.Errorf("the body is not the scenario schema")
	}
}
