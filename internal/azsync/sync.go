package azsync

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/config"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/secrets"
	"github.com/creditdesk/creditdesk/internal/store"
)

// The limits of one connection's sync.
const (
	syncTimeout = 10 * time.Minute // a sync that takes longer is given up and retried next time
	claimLease  = syncTimeout + time.Minute
)

// defaultRetry retries Azure's 408, 429, 500, 502, 503 and 504 answers with exponential back-off
// from 2 s, at most 60 s apart, or after the Retry-After (retry-after-ms, x-ms-retry-after-ms)
// Azure asks for, as the SDK's retry policy does.
var defaultRetry = policy.RetryOptions{MaxRetries: 5, RetryDelay: 2 * time.Second, MaxRetryDelay: time.Minute}

// Options is what a Syncer needs.
type Options struct {
	Store  *store.Store
	Sealer *secrets.Sealer // nil without -secrets-key: no credential can be stored or opened
	// Clocks: the business day whose ledger is read (-now), and the wall clock of claims and
	// sync times (X3); a nil wall clock reads the real time.
	Clocks clock.Clocks
	Log    *slog.Logger // never given a credential
	// Transport sends the SDK's requests, to Entra ID and to Resource Manager; nil: the SDK's
	// default client. Tests give one that trusts their servers' certificates.
	Transport policy.Transporter
	Retry     policy.RetryOptions // no MaxRetries and no RetryDelay: defaultRetry
}

// Syncer connects billing accounts to Azure and syncs them. It is safe for concurrent use.
type Syncer struct {
	o      Options
	runner string // this process's name in connection claims
}

// New returns a Syncer.
func New(o Options) *Syncer {
	if o.Clocks.Wall == nil {
		o.Clocks.Wall = clock.Real().Wall
	}
	if o.Retry.MaxRetries == 0 && o.Retry.RetryDelay == 0 {
		o.Retry = defaultRetry
	}
	host, _ := os.Hostname()
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	return &Syncer{o: o, runner: host + ":" + strconv.Itoa(os.Getpid()) + ":" + hex.EncodeToString(suffix)}
}

// ProfileResult is what a sync stored for one billing profile.
type ProfileResult struct {
	Name    string
	Changes store.AzureSyncChanges
}

// Result is the outcome of one connection's sync.
type Result struct {
	Account     store.BillingAccount
	AzureAcct   string
	Busy        bool // another runner holds the connection: nothing was done
	Profiles    []ProfileResult
	Err         *SyncError // nil after a success
	DisplayName string     // the Azure account's display name
}

// SyncAll syncs every connection in turn, skipping those another runner holds. It is what the
// periodic run calls; each result is also logged.
func (s *Syncer) SyncAll(ctx context.Context) ([]Result, error) {
	conns, err := s.o.Store.AzureConnections(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Result, 0, len(conns))
	for _, c := range conns {
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		out = append(out, s.sync(ctx, c))
	}
	return out, nil
}

// SyncAccount syncs the billing account's connection now (fault.ErrNotFound without one).
func (s *Syncer) SyncAccount(ctx context.Context, account store.BillingAccount) (Result, error) {
	c, err := s.o.Store.AzureConnectionOf(ctx, account.ID)
	if err != nil {
		return Result{}, err
	}
	return s.sync(ctx, store.AzureConnectionEntry{AzureConnection: c, Account: account}), nil
}

// sync claims the connection, reads Azure and stores what it read, then records the outcome
// and gives the claim up.
func (s *Syncer) sync(ctx context.Context, e store.AzureConnectionEntry) Result {
	res := Result{Account: e.Account, AzureAcct: e.AzureAccount}
	now := s.o.Clocks.Wall()
	claimed, err := s.o.Store.ClaimAzureConnection(ctx, e.ID, s.runner, now, now.Add(claimLease))
	if err != nil {
		res.Err = classify(err)
		return res
	}
	if !claimed {
		res.Busy = true
		return res
	}
	ctx, cancel := context.WithTimeout(ctx, syncTimeout)
	defer cancel()
	err = s.read(ctx, e, &res)
	out := store.SyncOutcome{At: s.o.Clocks.Wall(), OK: err == nil, DisplayName: res.DisplayName}
	if err != nil {
		res.Err = classify(err)
		out.Problem, out.ProblemDetail = string(res.Err.Problem), res.Err.Detail
	}
	// The outcome is recorded even when ctx ended, so the claim does not outlive the run.
	if ferr := s.o.Store.FinishAzureSync(context.WithoutCancel(ctx), e.ID, s.runner, out); ferr != nil && res.Err == nil {
		res.Err = classify(ferr)
	}
	s.logResult(res)
	return res
}

// read signs in, reads the account and each of its profiles, and stores each profile.
func (s *Syncer) read(ctx context.Context, e store.AzureConnectionEntry, res *Result) error {
	cred, err := credential(s.o.Sealer, e.AzureConnection, s.o.Transport)
	if err != nil {
		return err
	}
	opts := &arm.ClientOptions{ClientOptions: policy.ClientOptions{Cloud: CloudOf(e.ARMEndpoint, e.AuthorityHost).configuration(),
		Transport: s.o.Transport, Retry: s.o.Retry}, DisableRPRegistration: true}
	r, err := newReader(cred, opts)
	if err != nil {
		return err
	}
	display, profiles, err := r.account(ctx, e.AzureAccount)
	res.DisplayName = display
	if err != nil {
		return err
	}
	today := ledger.DateOf(s.o.Clocks.Business())
	for _, bp := range profiles {
		last, inLedger, err := s.o.Store.AzureSyncWindow(ctx, e.Account.ID, str(bp.Name))
		if err != nil {
			return err
		}
		st, err := r.profile(ctx, e.AzureAccount, bp, window{last: last, inLedger: inLedger}, today)
		if err != nil {
			return err
		}
		ch, err := s.o.Store.ApplyAzureProfile(ctx, e.AzureConnection, e.Account, st, s.o.Clocks.Wall(), today)
		if err != nil {
			return err
		}
		res.Profiles = append(res.Profiles, ProfileResult{Name: st.Name, Changes: ch})
	}
	return nil
}

// logResult logs a sync: accounts, counts and the problem, never a credential.
func (s *Syncer) logResult(res Result) {
	if s.o.Log == nil {
		return
	}
	events, lots := 0, 0
	for _, p := range res.Profiles {
		events, lots = events+p.Changes.Events, lots+p.Changes.LotsAdded+p.Changes.LotsUpdated
	}
	attrs := []any{"account", res.Account.Name, "azure_account", res.AzureAcct, "profiles", len(res.Profiles),
		"new_events", events, "lots_changed", lots}
	if res.Err != nil {
		s.o.Log.Warn("azure sync failed", append(attrs, "problem", string(res.Err.Problem), "detail", res.Err.Detail)...)
		return
	}
	s.o.Log.Info("azure sync", attrs...)
}

// FromConfig returns the Syncer of a configuration: its -secrets-key (without one, credentials
// can be neither stored nor opened), the clocks, and the SDK's default transport and retries.
func FromConfig(st *store.Store, cfg *config.Config, clocks clock.Clocks, log *slog.Logger) (*Syncer, error) {
	var sealer *secrets.Sealer
	if cfg.SecretsKey != "" {
		var err error
		if sealer, err = secrets.New(cfg.SecretsKey); err != nil {
			return nil, fmt.Errorf("-secrets-key: %w", err)
		}
	}
	return New(Options{Store: st, Sealer: sealer, Clocks: clocks, Log: log}), nil
}

// CanSeal reports whether the Syncer can store a secret or certificate (it has a key).
func (s *Syncer) CanSeal() bool { return s.o.Sealer != nil }

// Running reports whether a runner holds the connection at the wall clock's now.
func (s *Syncer) Running(c store.AzureConnection) bool {
	return c.ClaimedUntil != nil && c.ClaimedUntil.After(s.o.Clocks.Wall())
}
