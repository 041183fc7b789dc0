package main

import (
	"fmt"
	"io"

	"github.com/creditdesk/creditdesk/internal/scenario"
)

// printDemoTokens prints the demo users' API tokens and a curl command to try one, so that the
// README's API examples work against `make run` at once.
func printDemoTokens(out io.Writer, sc *scenario.Scenario, baseURL string) {
	var first string
	for _, u := range sc.Users {
		for _, t := range u.APITokens {
			if first == "" {
				fmt.Fprintln(out, "\nAPI tokens (Authorization: Bearer <token>; README: Use it from the Azure SDK):")
				first = t
			}
			fmt.Fprintf(out, "  %-28s %s\n", u.Email, t)
		}
	}
	if first != "" {
		fmt.Fprintf(out, "Try: curl -H \"Authorization: Bearer %s\" \"%s/providers/Microsoft.Billing/billingAccounts?api-version=2020-05-01&%%24expand=billingProfiles\"\n", first, baseURL)
	}
}
