package scenario

import (
	"bytes"
	"fmt"
	"io"
)

// DefaultInvoiceDay is a profile's invoice day when the file gives none: Microsoft generates MCA
// invoices around the fifth day of the month.
const DefaultInvoiceDay = 5

// DefaultPublisherType is a charge's publisher type when the file gives none: first-party Azure.
const DefaultPublisherType = "Azure"

// Parse reads a scenario file: strict JSON, checked against the published schema
// (scenario.schema.json: unknown fields are an error) and by the rules of validate.go, every
// problem naming its JSON path. It returns a Scenario with defaults filled in and keys normalised
// (emails and MCA account names lower-cased, profile names upper-cased), or nil and Problems
// listing everything wrong with the file at once. An empty file is an error; "{}" is a valid
// empty scenario.
func Parse(r io.Reader) (*Scenario, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("scenario: read: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark
	probs := &problemList{}
	root, p := readJSON(data, probs)
	if p != nil {
		return nil, Problems{*p}
	}
	checkSchema(probs, root)
	s := bind(probs, data)
	validate(probs, s)
	if len(probs.list) > 0 {
		return nil, probs.sorted()
	}
	return s, nil
}
