package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// signIn signs the client in as the user, through the sign-in form with its CSRF token.
func signIn(c *http.Client, u *url.URL, email, password string) error {
	if _, err := fetch(context.Background(), c, u.String()+"/signin", nil); err != nil {
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
