package main

import (
	"errors"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
)

// saidError is an error as an operator reads it: the refusal inside it (a fault.Refusal that
// says a message) written in words, within the text of the errors that wrap it.
type saidError struct {
	text string
	err  error
}

// Error is the text with the refusal in words.
func (e saidError) Error() string { return e.text }

// Unwrap returns the error as it was.
func (e saidError) Unwrap() error { return e.err }

// said words the refusal inside err (views.RefusalText), keeping err for errors.Is and
// errors.As; any other error is returned as it is.
func said(err error) error {
	var r fault.Refusal
	if err == nil || !errors.As(err, &r) {
		return err
	}
	return saidError{text: strings.Replace(err.Error(), r.Error(), views.RefusalText(r), 1), err: err}
}
