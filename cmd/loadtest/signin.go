package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// signInTimeout bounds the sign-in, whose password hash (argon2id at the production costs)
// may take seconds on a busy machine.
const signInTimeout = time.Minute

// signIn signs the client in as the user, through the sign-in form with its CSRF token.
func signIn(client *http.Client, u *url.URL, email, password string) error {
	c := *client // the same jar and transport, with the sign-in's timeout
	c.Timeout = signInTimeout
	if _, err := fetch(context.Background(), &c, u.String()+"/signin", nil); err != nil {
		return err
	}
	var token string
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "creditdesk_csrf" {
			token = ck.Value
		}
	}
	resp, err := c.PostForm(u.String()+"/signin", url.Values{"email": {email}, "password": {password}, "_csrf": {token}})
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.Request.URL.Path == "/signin" || resp.StatusCode != http.StatusOK {
		return fmt.Errorf("sign in as %s failed (status %d at %s)", email, resp.StatusCode, resp.Request.URL.Path)
	}
	return nil
}
