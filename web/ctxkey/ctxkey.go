// Package ctxkey names the values middleware leaves in an echo context for the handlers after
// it, with their types: the portal's signed-in user, scope, organisation and CSRF token, the
// API's caller and scope. A value is read back with the type it was left with, or as the zero
// value when the middleware did not run.
package ctxkey

import "github.com/labstack/echo/v4"

// Key names a value of type T in an echo context.
type Key[T any] string

// Get returns the value left under k, or T's zero value when there is none.
func (k Key[T]) Get(c echo.Context) T {
	v, _ := c.Get(string(k)).(T)
	return v
}

// Set leaves v under k.
func (k Key[T]) Set(c echo.Context, v T) { c.Set(string(k), v) }
