// Package errs gives prepcord's errors a code, so that every layer can say
// what kind of failure happened and the Discord side can decide what the
// member who caused it is shown.
//
// Members see the message of Invalid, NotFound and Conflict errors; for
// Internal errors they see only a generic sentence, and the error is logged.
package errs

import (
	"errors"
	"fmt"
)

// Code classifies an error.
type Code string

// The codes prepcord uses.
const (
	Internal Code = "internal"  // a bug or an outage: logged, never shown
	Invalid  Code = "invalid"   // bad input from the person who caused it
	NotFound Code = "not_found" // the thing asked for does not exist
	Conflict Code = "conflict"  // the request clashes with existing state
)

// Error is an error with a code and a message meant for people.
type Error struct {
	Code    Code
	Message string
	Err     error // the wrapped cause, if any
}

// Error implements error.
func (e *Error) Error() string {
	if e.Err != nil && e.Message == "" {
		return e.Err.Error()
	}
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// E returns an error with code and a formatted message.
func E(code Code, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns err with a code and a message for people; err stays
// reachable with errors.Is and errors.As.
func Wrap(code Code, err error, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// CodeOf returns the code of the first *Error in err's chain, Internal for
// any other non-nil error, and "" for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// GenericMessage is what people see for an internal error.
const GenericMessage = "Something went wrong on our side. It has been logged; please try again in a moment."

// Message returns the text to show a person for err: its own message for
// Invalid, NotFound and Conflict errors, GenericMessage otherwise.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal {
		if e.Message != "" {
			return e.Message
		}
	}
	return GenericMessage
}
