package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/creditdesk/creditdesk/internal/azsync"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// azureUsage is printed for a missing or unknown azure subcommand.
const azureUsage = `usage: creditdesk azure connect -account NAME -azure-account ID -auth KIND [-tenant ID] [-client-id ID]
                 [-secret-file FILE | -certificate-file PEM [-certificate-password-file FILE]]
                 [-cloud public|usgov|china | -arm-endpoint URL -authority-host URL]
       creditdesk azure list
       creditdesk azure sync [-account NAME]
       creditdesk azure disconnect -account NAME
(KIND: clientSecret, its secret from -secret-file or the first line of standard input;
certificate; managedIdentity; workloadIdentity. A secret or certificate needs -secrets-key)`

// azureCmd runs "creditdesk azure connect|list|sync|disconnect": the operator's side of the
// Azure connections of issue 13. Changes are audited like the page's; secrets never go on the
// command line (they would show in the process list), only in files or standard input.
func azureCmd(ctx context.Context, args []string, env func(string) (string, bool), stdin io.Reader, out io.Writer) error {
	if len(args) == 0 {
		return errors.New(azureUsage)
	}
	var in azsync.ConnectInput
	var account, secretFile, certFile, certPasswordFile string
	cmd, err := parseNoArgs("azure "+args[0], args[1:], env, out, func(fs *flag.FlagSet) {
		fs.StringVar(&account, "account", "", "the CreditDesk billing account (its name)")
		if args[0] != "connect" {
			return
		}
		fs.StringVar(&in.AzureAccount, "azure-account", "", "the Azure billing account ID")
		fs.StringVar(&in.Kind, "auth", string(azsync.ClientSecret), "clientSecret, certificate, managedIdentity or workloadIdentity")
		fs.StringVar(&in.TenantID, "tenant", "", "the app registration's Directory (tenant) ID")
		fs.StringVar(&in.ClientID, "client-id", "", "the app registration's Application (client) ID")
		fs.StringVar(&secretFile, "secret-file", "", "read the client secret from this file instead of standard input")
		fs.StringVar(&certFile, "certificate-file", "", "PEM file with the certificate and its private key")
		fs.StringVar(&certPasswordFile, "certificate-password-file", "", "file holding the private key's password")
		fs.StringVar(&in.Cloud, "cloud", "public", "public, usgov or china")
		fs.StringVar(&in.ARMEndpoint, "arm-endpoint", "", "a custom Resource Manager endpoint (with -authority-host)")
		fs.StringVar(&in.AuthorityHost, "authority-host", "", "a custom Entra ID authority (with -arm-endpoint)")
	})
	if err != nil {
		return err
	}
	log := newLogger(cmd.cfg, os.Stderr)
	return cmd.withExistingStore(ctx, newLogger(cmd.cfg, io.Discard), func(s *store.Store) error {
		az, err := azsync.FromConfig(s, cmd.cfg, cmd.cfg.Clocks(), log)
		if err != nil {
			return err
		}
		return azureRun(ctx, s, az, args[0], account, in, secretFiles{secretFile, certFile, certPasswordFile}, stdin, out)
	})
}

// secretFiles are the files a connection's secret or certificate is read from.
type secretFiles struct{ secret, certificate, certificatePassword string }

// azureRun runs one azure subcommand on the opened store.
func azureRun(ctx context.Context, s *store.Store, az *azsync.Syncer, sub, account string, in azsync.ConnectInput,
	files secretFiles, stdin io.Reader, out io.Writer) error {
	operator := store.User{Email: "operator (creditdesk azure)"}
	switch sub {
	case "connect":
		if err := readConnectSecrets(&in, files, stdin); err != nil {
			return err
		}
		a, err := accountNamed(ctx, s, account)
		if err != nil {
			return err
		}
		if _, _, err := az.Connect(ctx, operator, a, in); err != nil {
			return fmt.Errorf("azure connect: %w", err)
		}
		fmt.Fprintf(out, "billing account %s is connected to Azure billing account %s; the credential is stored encrypted\n", a.Name, in.AzureAccount)
	case "disconnect":
		a, err := accountNamed(ctx, s, account)
		if err != nil {
			return err
		}
		if err := az.Disconnect(ctx, operator, a); err != nil {
			return fmt.Errorf("azure disconnect: %w", err)
		}
		fmt.Fprintf(out, "billing account %s is disconnected from Azure; its synced profiles keep their history\n", a.Name)
	case "list":
		return azureList(ctx, s, out)
	case "sync":
		return azureSync(ctx, s, az, account, out)
	default:
		return errors.New(azureUsage)
	}
	return nil
}

// readConnectSecrets reads the client secret (from its file or standard input) or the
// certificate and its password from their files.
func readConnectSecrets(in *azsync.ConnectInput, files secretFiles, stdin io.Reader) error {
	switch azsync.AuthKind(in.Kind) {
	case azsync.ClientSecret:
		secret, err := readPassword(files.secret, stdin)
		if err != nil {
			return fmt.Errorf("client secret: %w", err)
		}
		in.ClientSecret = secret
	case azsync.Certificate:
		if files.certificate == "" {
			return nil // keeps the stored certificate
		}
		pem, err := os.ReadFile(files.certificate)
		if err != nil {
			return fmt.Errorf("-certificate-file: %w", err)
		}
		in.Certificate = pem
		if files.certificatePassword != "" {
			pw, err := readPassword(files.certificatePassword, nil)
			if err != nil {
				return fmt.Errorf("-certificate-password-file: %w", err)
			}
			in.CertificatePassword = pw
		}
	}
	return nil
}

// accountNamed finds the CreditDesk billing account of -account.
func accountNamed(ctx context.Context, s *store.Store, name string) (store.BillingAccount, error) {
	if name == "" {
		return store.BillingAccount{}, errors.New("-account: give the CreditDesk billing account's name")
	}
	a, err := s.AccountByName(ctx, name)
	if err != nil {
		return a, fmt.Errorf("-account %q: no such billing account", name)
	}
	return a, nil
}

// azureList prints every connection and how its syncs went, never a credential.
func azureList(ctx context.Context, s *store.Store, out io.Writer) error {
	conns, err := s.AzureConnections(ctx)
	if err != nil {
		return err
	}
	if len(conns) == 0 {
		fmt.Fprintln(out, "no billing account is connected to Azure")
	}
	for _, c := range conns {
		kind, _ := azsync.ParseAuthKind(c.AuthKind)
		fmt.Fprintf(out, "%s (%s) <- Azure billing account %s", c.Account.Name, c.Account.DisplayName, c.AzureAccount)
		if c.AzureDisplayName != "" {
			fmt.Fprintf(out, " (%s)", c.AzureDisplayName)
		}
		fmt.Fprintf(out, "\n  tenant %s, client %s, %s, %s\n", orNone(c.TenantID), orNone(c.ClientID), kind.Label(), c.ARMEndpoint)
		fmt.Fprintf(out, "  last sync %s, last success %s\n", instant(c.LastAttemptAt), instant(c.LastSuccessAt))
		if c.Problem != "" {
			fmt.Fprintf(out, "  problem: %s (%s)\n", views.SyncProblemText(c.Problem), c.ProblemDetail)
		}
	}
	return nil
}

// azureSync syncs one account's connection, or all of them, now, and fails when one failed.
func azureSync(ctx context.Context, s *store.Store, az *azsync.Syncer, account string, out io.Writer) error {
	var results []azsync.Result
	if account != "" {
		a, err := accountNamed(ctx, s, account)
		if err != nil {
			return err
		}
		res, err := az.SyncAccount(ctx, a)
		if err != nil {
			return fmt.Errorf("azure sync: %s: %w", a.Name, err)
		}
		results = append(results, res)
	} else {
		var err error
		if results, err = az.SyncAll(ctx); err != nil {
			return err
		}
	}
	failed := 0
	for _, r := range results {
		switch {
		case r.Busy:
			fmt.Fprintf(out, "%s: another instance is syncing it now\n", r.Account.Name)
		case r.Err != nil:
			failed++
			fmt.Fprintf(out, "%s: %s (%s)\n", r.Account.Name, views.SyncProblemText(string(r.Err.Problem)), r.Err.Detail)
		default:
			for _, p := range r.Profiles {
				fmt.Fprintf(out, "%s/%s: %s\n", r.Account.Name, p.Name, p.Changes)
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d Azure connections could not be synced", failed, len(results))
	}
	return nil
}

// syncAzure is the periodic run's Azure step (issue 13): every connection is synced, each
// under its claim; a connection's failure is stored on it and logged by the Syncer, and never
// stops the run.
func syncAzure(ctx context.Context, az *azsync.Syncer, log *slog.Logger) {
	if _, err := az.SyncAll(ctx); err != nil {
		log.Error("azure sync run failed", "error", err)
	}
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func instant(t *time.Time) string {
	if t == nil {
		return "never"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}
