package notify_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/notify"
	"github.com/creditdesk/creditdesk/internal/secrets"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// hook is a webhook receiver on loopback: it answers with the statuses of answer in turn
// (the last one from then on; 0 hangs until the caller gives up) and keeps what it received.
type hook struct {
	mu       sync.Mutex
	answer   []int
	requests []received
	server   *httptest.Server
}

type received struct {
	header http.Header
	body   []byte
}

func newHook(t *testing.T, answer ...int) *hook {
	h := &hook{answer: answer}
	h.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		n := len(h.requests)
		h.requests = append(h.requests, received{r.Header.Clone(), body})
		code := h.answer[min(n, len(h.answer)-1)]
		h.mu.Unlock()
		if code == 0 {
			<-r.Context().Done() // the caller's timeout ends the request
			return
		}
		w.WriteHeader(code)
	}))
	t.Cleanup(h.server.Close)
	return h
}

func (h *hook) got() []received {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]received(nil), h.requests...)
}

const expiringLot = `[ { "name": "promo", "source": "PromotionalCredit", "amount": "1000.00", "startDate": "2026-01-01", "expirationDate": "2026-03-31" } ]`

// TestWebhookBodyIsASignedCloudEvent: the body is a CloudEvents 1.0 structured event whose
// subject is the credit's Azure-style id, signed with the secret shown once.
func TestWebhookBodyIsASignedCloudEvent(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.MigratedURL(t, store.SQLite), scenarioWith(expiringLot, `[]`, `[]`))
	h := newHook(t, http.StatusNoContent)
	r := e.rule(alerts.Rule{Kind: alerts.CreditExpiring, Days: 30}, false)
	_, secret, err := e.svc.CreateWebhook(context.Background(), e.owner, e.sc, 0, h.server.URL+"/hooks/creditdesk")
	if err != nil {
		t.Fatal(err)
	}
	if rep := e.day("2026-03-01"); rep.Fired != 1 || rep.Sent != 2 { // the webhook and the owner's email
		t.Fatalf("report %+v", rep)
	}
	reqs := h.got()
	if len(reqs) != 1 {
		t.Fatalf("%d calls, want 1", len(reqs))
	}
	got := reqs[0]
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(got.body)
	if want := "sha256=" + hex.EncodeToString(mac.Sum(nil)); got.header.Get("X-CreditDesk-Signature") != want {
		t.Errorf("signature %q, want %q", got.header.Get("X-CreditDesk-Signature"), want)
	}
	if ct := got.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/cloudevents+json") {
		t.Errorf("Content-Type %q", ct)
	}
	var ev map[string]any
	if err := json.Unmarshal(got.body, &ev); err != nil {
		t.Fatal(err)
	}
	profileID := arm.ProfileID(accountName, profileName)
	for field, want := range map[string]any{
		"specversion": "1.0", "type": "com.creditdesk.credit.expiring", "datacontenttype": "application/json",
		"subject": arm.ConsumptionID(profileID, "lots", "promo"),
		"source":  "https://creditdesk.example.com/accounts/" + accountName + "/profiles/" + profileName + "/alerts",
		"time":    "2026-03-01T09:00:00Z",
	} {
		if ev[field] != want {
			t.Errorf("%s = %v, want %v", field, ev[field], want)
		}
	}
	if id, _ := ev["id"].(string); len(id) != 36 {
		t.Errorf("id %q, want a GUID", id)
	}
	data, _ := ev["data"].(map[string]any)
	values, _ := data["values"].(map[string]any)
	if data["ruleId"] != float64(r.ID) || data["state"] != "firing" || values["lot"] != "promo" || values["lotBalance"] != 1000.0 ||
		values["expirationDate"] != "2026-03-31" || values["daysLeft"] != 30.0 {
		t.Errorf("data %v", data)
	}
}

// TestWebhookRetriesAfterErrorsAndTimeouts: a 500 and a timeout are retried with back-off
// (30 s, then 60 s) until the webhook answers; a webhook that keeps failing is given up after
// 24 hours. Every attempt is in the delivery log.
func TestWebhookRetriesAfterErrorsAndTimeouts(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.MigratedURL(t, store.SQLite), scenarioWith(expiringLot, `[]`, `[]`))
	clocks := clock.Clocks{Business: e.clock.Now, Wall: e.clock.Now}
	sealer, _ := secrets.New(testKey)
	svc := notify.New(notify.Options{Store: e.st, Sealer: sealer, Clocks: clocks, AllowPrivate: true,
		Timeout: 300 * time.Millisecond, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ok, failing := newHook(t, 500, 0, 200), newHook(t, 503)
	e.rule(alerts.Rule{Kind: alerts.CreditExpiring, Days: 30}, false)
	okHook, _, err := svc.CreateWebhook(context.Background(), e.owner, e.sc, 0, ok.server.URL)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.CreateWebhook(context.Background(), e.owner, e.sc, 0, failing.server.URL); err != nil {
		t.Fatal(err)
	}
	e.process("2026-03-01")
	run := func(after time.Duration) notify.Report {
		t.Helper()
		e.clock.T = e.clock.T.Add(after)
		rep, err := svc.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	if rep := run(0); rep.Fired != 1 || rep.Retrying != 2 {
		t.Fatalf("first run: %+v", rep)
	}
	if rep := run(29 * time.Second); rep.Sent+rep.Retrying != 0 {
		t.Fatalf("retried before its back-off: %+v", rep)
	}
	if rep := run(time.Second); rep.Retrying != 2 { // the timeout and the 503
		t.Fatalf("second attempt: %+v", rep)
	}
	if rep := run(time.Minute); rep.Sent != 1 || rep.Retrying != 1 {
		t.Fatalf("third attempt: %+v", rep)
	}
	if n := len(ok.got()); n != 3 {
		t.Fatalf("the webhook that recovers got %d calls, want 3", n)
	}
	log, err := e.st.AlertLogOf(context.Background(), e.sc, 20)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for i := len(log) - 1; i >= 0; i-- {
		if log[i].Target == fmt.Sprintf("webhook:%d", okHook.ID) {
			codes = append(codes, fmt.Sprintf("%d:%t", log[i].Code, log[i].OK))
		}
	}
	if strings.Join(codes, " ") != "500:false 0:false 200:true" {
		t.Errorf("delivery log of the webhook: %v", codes)
	}
	for range 30 { // hourly retries for a day
		run(time.Hour)
	}
	if n := len(failing.got()); n < 20 || n > 30 {
		t.Errorf("the failing webhook was called %d times in 24 hours, want hourly at most", n)
	}
	pending, err := e.st.PendingAlertDeliveries(context.Background(), e.sc, 10)
	if err != nil || len(pending) != 0 {
		t.Fatalf("pending after 24 hours: %v %v, want given up", pending, err)
	}
}

// TestWebhookTargetsRefused: only http and https; private, loopback and link-local addresses
// are refused without -webhooks-allow-private, when saved and when dialled.
func TestWebhookTargetsRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.MigratedURL(t, store.SQLite), scenarioWith(expiringLot, `[]`, `[]`))
	sealer, _ := secrets.New(testKey)
	clocks := clock.Clocks{Business: e.clock.Now, Wall: e.clock.Now}
	strict := notify.New(notify.Options{Store: e.st, Sealer: sealer, Clocks: clocks, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for _, raw := range []string{"", "ftp://hooks.example.com/x", "hooks.example.com/x", "http://127.0.0.1:8080/x",
		"https://localhost/x", "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data", "http://[::1]/x",
		"https://user:pw@hooks.example.com/x", "http://[fe80::1]/x", "http://100.64.0.1/x", "http://0.0.0.0/x"} {
		_, _, err := strict.CreateWebhook(context.Background(), e.owner, e.sc, 0, raw)
		if v, ok := fault.AsInvalid(err); !ok || v.For("url") == "" {
			t.Errorf("%q: %v, want the field url refused", raw, err)
		}
	}
	// A webhook stored while private targets were allowed is refused when dialled.
	h := newHook(t, 200)
	if _, _, err := e.svc.CreateWebhook(context.Background(), e.owner, e.sc, 0, h.server.URL); err != nil {
		t.Fatal(err)
	}
	e.rule(alerts.Rule{Kind: alerts.CreditExpiring, Days: 30}, false)
	e.process("2026-03-01")
	rep, err := strict.Run(context.Background())
	if err != nil || rep.Retrying != 1 || len(h.got()) != 0 {
		t.Fatalf("%+v %v: want the loopback call refused at dial time", rep, err)
	}
	log, _ := e.st.AlertLogOf(context.Background(), e.sc, 1)
	if len(log) != 1 || !strings.Contains(log[0].Error, "not publicly reachable") {
		t.Errorf("log %+v", log)
	}
}

// TestTwoInstancesNeverSendTwice: two instances over one PostgreSQL evaluate and deliver at
// once, several times; every firing reaches the webhook exactly once.
func TestTwoInstancesNeverSendTwice(t *testing.T) {
	t.Parallel()
	if !slices.Contains(storetest.Dialects(t), store.Postgres) {
		t.Skip("needs PostgreSQL (CREDITDESK_TEST_POSTGRES)")
	}
	var lots []string
	for i := range 12 {
		lots = append(lots, fmt.Sprintf(`{ "name": "lot-%02d", "source": "PromotionalCredit", "amount": "100.00", "startDate": "2026-01-01", "expirationDate": "2026-03-%02d" }`, i, 10+i))
	}
	url := storetest.MigratedURL(t, store.Postgres)
	e := newEnv(t, url, scenarioWith("["+strings.Join(lots, ",")+"]", `[]`, `[]`))
	h := newHook(t, 200)
	e.rule(alerts.Rule{Kind: alerts.CreditExpiring, Days: 30}, false)
	if _, _, err := e.svc.CreateWebhook(context.Background(), e.owner, e.sc, 0, h.server.URL); err != nil {
		t.Fatal(err)
	}
	e.process("2026-02-20") // every lot enters the 30-day window
	clocks := clock.Clocks{Business: e.clock.Now, Wall: e.clock.Now}
	sealer, _ := secrets.New(testKey)
	var wg sync.WaitGroup
	for range 2 { // two instances, each with two evaluators and deliverers at once, twice
		s, err := store.Open(context.Background(), url, clocks)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		svc := notify.New(notify.Options{Store: s, Sealer: sealer, Clocks: clocks, AllowPrivate: true, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		for range 4 {
			wg.Go(func() {
				if _, err := svc.Run(context.Background()); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	ids := map[string]int{}
	for _, r := range h.got() {
		var ev alerts.Event
		if err := json.Unmarshal(r.body, &ev); err != nil {
			t.Fatal(err)
		}
		ids[ev.Subject+" "+ev.Data.State+" "+ev.ID]++
	}
	for id, n := range ids {
		if n != 1 {
			t.Errorf("%s delivered %d times", id, n)
		}
	}
	if len(ids) != 12 {
		t.Errorf("%d distinct events, want the 12 firings", len(ids))
	}
}
