package main

import (
	"errors"
	"strings"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/views"
)

// saidError is an error as an operator reads it: the messages inside it (a fault.Refusal, a
// fault.Error, a ledger input error, the problems of a cost export) written in words, within
// the text of the errors that wrap it.
type saidError struct {
	text string
	err  error
}

// Error is the text with the messages in words.
func (e saidError) Error() string { return e.text }

// Unwrap returns the error as it was.
func (e saidError) Unwrap() error { return e.err }

// said words the message inside err (views.Text), keeping err for errors.Is and errors.As;
// an error without one is returned as it is.
func said(err error) error {
	if err == nil {
		return nil
	}
	words, inner, ok := message(err)
	if !ok {
		return err
	}
	return saidError{text: strings.Replace(err.Error(), inner.Error(), words, 1), err: err}
}

// message finds the error inside err that says a message and returns its words and it.
func message(err error) (string, error, bool) {
	var (
		r     fault.Refusal
		fe    *fault.Error
		ie    *ledger.InputError
		probs costcsv.Problems
	)
	switch {
	case errors.As(err, &r):
		return views.Text(r.Said), r, true
	case errors.As(err, &ie):
		return ie.Field + ": " + views.Text(ie.Message), ie, true
	case errors.As(err, &probs):
		lines := make([]string, len(probs))
		for i, p := range probs {
			lines[i] = views.Text(p.Message())
		}
		return strings.Join(lines, "\n"), probs, true
	case errors.As(err, &fe):
		return views.Text(fe.Said), fe, true
	}
	return "", nil, false
}
