// Command creditdesk is the CreditDesk portal and its operator tools in one binary:
//
//	creditdesk serve              run the portal (and its periodic processing)
//	creditdesk migrate            apply the database migrations and exit
//	creditdesk load FILE          load a scenario file (users, billing accounts, roles, ...)
//	creditdesk process            run the periodic work once: new credit, expiry, invoices
//	creditdesk import-costs FILE  import an Azure cost-details CSV export
//	creditdesk seed               generate a large ledger for benchmarks
//	creditdesk users create       create a user who signs in with a password
//	creditdesk users set-password change a user's password
//	creditdesk token create       give a user a personal API token
//	creditdesk not-covered ...    list, add or remove products credits do not cover (M10)
//	creditdesk azure ...          connect billing accounts to Azure, list, sync, disconnect
//	creditdesk alerts run         evaluate the alert rules once and deliver their messages
//
// Every subcommand takes the configuration flags of package config (see -help), each also
// settable by an environment variable.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.LookupEnv, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "creditdesk:", err)
		os.Exit(1)
	}
}

// usage is printed for a missing or unknown subcommand.
const usage = `usage: creditdesk <command> [flags]

commands:
  serve                 run the portal
  migrate               apply database migrations
  load FILE             load a scenario file (see README: Scenario files)
  process               run the periodic work once (new credit, expiry, invoices)
  import-costs FILE     import charges from an Azure cost-details CSV export
  seed                  generate a large ledger for benchmarks (-profiles -lots -months -adjustments)
  users create          create a user: -email -name, password from -password-file or stdin
  users set-password    set a user's password: -email, password from -password-file or stdin
  users invite          print a one-time link for a user to choose a password: -email [-name]
                        (creates the user without a password when needed)
  users reset-link      print a one-time link for a user to choose a new password: -email
  mail test             send a test email through the configured SMTP server: -to ADDRESS
  token create          give a user an API token: -email -name [-expires 90d]; prints the secret
  not-covered list      list the products credits do not cover (M10)
  not-covered add NAME  add a product to that list (any case, spacing or plural matches)
  not-covered remove NAME
                        remove a product from that list
  azure connect         connect a billing account to Azure: -account -azure-account -auth
                        -tenant -client-id, the secret from -secret-file or stdin
  azure list            list the Azure connections and how their syncs went
  azure sync            sync every connection now (or -account NAME)
  azure disconnect      remove a billing account's connection: -account NAME
  alerts run            evaluate the alert rules once and deliver their messages

Run "creditdesk <command> -help" for the flags of a command.`

// run dispatches to a subcommand, a refusal in its error written in words (said). It is main
// without the process: tests call it directly.
func run(ctx context.Context, args []string, env func(string) (string, bool), stdin io.Reader, out io.Writer) error {
	return said(dispatch(ctx, args, env, stdin, out))
}

// subcommand runs a command of the binary with the arguments after its name.
type subcommand func(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error

// subcommands are the commands by name; users and azure also read stdin (a password, a secret).
func subcommands(stdin io.Reader) map[string]subcommand {
	return map[string]subcommand{
		"serve":        serve,
		"migrate":      migrate,
		"load":         load,
		"process":      process,
		"import-costs": importCosts,
		"seed":         seedLarge,
		"mail":         mailCommand,
		"token":        token,
		"not-covered":  notCovered,
		"alerts":       alertsCmd,
		"users": func(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
			return users(ctx, args, env, stdin, out)
		},
		"azure": func(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
			return azureCmd(ctx, args, env, stdin, out)
		},
	}
}

// dispatch runs the subcommand args name.
func dispatch(ctx context.Context, args []string, env func(string) (string, bool), stdin io.Reader, out io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("no command given\n%s", usage)
	}
	if cmd, ok := subcommands(stdin)[args[0]]; ok {
		return cmd(ctx, args[1:], env, out)
	}
	switch args[0] {
	case "help", "-help", "--help", "-h":
		fmt.Fprintln(out, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}
