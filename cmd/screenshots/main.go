// Command screenshots takes the README's pictures of the portal: it serves the demo scenario
// from a temporary database with the built binary, drives Chromium through it with chromedp and
// writes one PNG per view into a folder (docs/screenshots by `make screenshots`).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/creditdesk/creditdesk/internal/serverproc"
)

// The demo's sign-ins and places (internal/scenario/demo/demo.json).
const (
	demoPassword = "creditdesk-demo"
	owner        = "ana@northwind.example" // owner of Northwind Traders
	partnerAdmin = "olga@tailspin.example" // partner admin of Tailspin Toys Partners
	account      = "/accounts/5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31"
	credits      = account + "/profiles/PBFV-AB12-CD3-EF4/credits"
	benefits     = "/partners/7012345/benefits"
)

// shot is one picture: who looks, at which page, in which window, and what to do first.
type shot struct {
	file          string
	user          string
	path          string
	width, height int64
	then          []chromedp.Action[chromedp.Void]
}

// shots are the README gallery's pictures.
var shots = []shot{
	{file: "credits.png", user: owner, path: credits, width: 1440, height: 900},
	{file: "account-summary.png", user: owner, path: account + "/credits", width: 1440, height: 900},
	{file: "benefits-pane.png", user: partnerAdmin, path: benefits, width: 1440, height: 900, then: []chromedp.Action[chromedp.Void]{
		chromedp.Click(chromedp.CSS(`[data-testid=open-benefit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#pane [data-pane-close]`)),
	}},
	{file: "phone-credits.png", user: owner, path: credits, width: 390, height: 844},
	{file: "phone-menu.png", user: owner, path: credits, width: 390, height: 844, then: []chromedp.Action[chromedp.Void]{
		chromedp.Click(chromedp.CSS(`[data-testid=nav-button]`)),
		chromedp.WaitVisible(chromedp.CSS(`#scopemenu`)),
	}},
}

func main() {
	bin := flag.String("bin", "bin/creditdesk", "the portal's binary")
	out := flag.String("out", "docs/screenshots", "the folder the PNGs are written to")
	chromium := flag.String("chromium", "/usr/bin/chromium", "the Chromium to drive")
	now := flag.String("now", "", "the business day of the demo (YYYY-MM-DD), \"\" for today")
	flag.Parse()
	if err := run(*bin, *out, *chromium, *now); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

// run serves the demo, takes every shot and stops the portal.
func run(bin, out, chromium, now string) error {
	dir, err := os.MkdirTemp("", "creditdesk-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	addr, err := serverproc.FreeAddr()
	if err != nil {
		return err
	}
	args := []string{"serve", "-demo", "-database", filepath.Join(dir, "demo.db"), "-addr", addr}
	if now != "" {
		args = append(args, "-now", now)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	portal, err := serverproc.Start("creditdesk", io.Discard, os.Stderr, bin, args...)
	if err != nil {
		return err
	}
	defer portal.Stop()
	base := "http://" + addr
	if err := portal.WaitReady(ctx, base+"/readyz", 5*time.Minute); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(chromium), chromedp.UserDataDir(filepath.Join(dir, "chromium"))}
	for _, f := range []string{"headless", "no-sandbox", "disable-gpu", "no-first-run", "hide-scrollbars"} {
		opts = append(opts, chromedp.Flag(f, true))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browserCtx); err != nil { // starts the browser
		return err
	}
	for _, s := range shots {
		if err := take(browserCtx, base, out, s); err != nil {
			return fmt.Errorf("%s: %w", s.file, err)
		}
		fmt.Println("wrote", filepath.Join(out, s.file))
	}
	return nil
}

// take signs in as the shot's user in a fresh browser context, opens its page in its window,
// runs its steps and saves what the window shows.
func take(browserCtx context.Context, base, out string, s shot) error {
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(s.width, s.height),
		chromedp.Navigate(base+"/signin"),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), s.user),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), demoPassword),
	)
	if err != nil {
		return err
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action^="/signin"] button[type=submit]`))); err != nil {
		return fmt.Errorf("sign in: %w", err)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(base+s.path))
	if err != nil {
		return err
	}
	if resp.Status != http.StatusOK {
		return fmt.Errorf("%s answered %d", s.path, resp.Status)
	}
	if err := chromedp.Do(ctx, s.then...); err != nil {
		return err
	}
	// Wait until htmx has settled any swap the steps started, so nothing is half faded.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling') === null`)); err != nil {
		return err
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, s.file), png, 0o644)
}
