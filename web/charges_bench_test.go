package web_test

import (
	"bufio"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// manyProducts is the number of distinct products of BenchmarkUploadManyProducts's export.
const manyProducts = 700_000

// BenchmarkUploadManyProducts: issue 8's hostile upload, a cost export of 700,000 lines each
// naming a product of its own (47 MB), posted to one profile's upload form through the
// real router (streamed from disk, as a browser sends it), then that profile's credits page.
// It reports the upload's time, the process's resident memory before, at its peak during the
// upload and after it (the server and this client share the process; the client streams), and
// the page's median and 95th-percentile time before and after: the page reads daily totals, so
// neither may grow with the number of products. On SQLite, and PostgreSQL when configured.
func BenchmarkUploadManyProducts(b *testing.B) {
	benchScenario(b, ledgerFile, func(b *testing.B, h *harness) {
		h.process(b, time.Date(2026, 7, 25, 9, 0, 0, 0, time.UTC))
		c := h.client(b)
		c.signInWith(ledgerOwner, ledgerPassword)
		export := writeManyProducts(b, manyProducts)
		before := pageTimes(b, c, 50)
		rssBefore := settledRSS()
		resetPeakRSS()
		start := time.Now()
		resp, body := c.uploadFile(profilePath+"/charges/upload", export)
		took := time.Since(start)
		peak := peakRSS()
		if resp.StatusCode != http.StatusSeeOther {
			b.Fatalf("upload: status %d\n%.500s", resp.StatusCode, body)
		}
		rssAfter := settledRSS()
		p := c.page(creditsPath, http.StatusOK)
		if got := p.Find(testid("estimated-balance")).Text(); got != "USD 0.00" {
			b.Errorf("estimated balance after the upload %q: the charges did not arrive", got)
		}
		var times []time.Duration
		for b.Loop() {
			times = append(times, pageTimes(b, c, 1)...)
		}
		b.ReportMetric(took.Seconds(), "upload-s")
		b.ReportMetric(float64(rssBefore)/(1<<20), "rss-before-MB")
		b.ReportMetric(float64(peak-rssBefore)/(1<<20), "rss-peak-growth-MB")
		b.ReportMetric(float64(rssAfter-rssBefore)/(1<<20), "rss-after-growth-MB")
		b.ReportMetric(ms(percentile(before, 50)), "page-p50-before-ms")
		b.ReportMetric(ms(percentile(times, 50)), "page-p50-ms")
		b.ReportMetric(ms(percentile(times, 95)), "page-p95-ms")
	})
}

// writeManyProducts writes an export of n lines, each a product of its own, over the days of
// July 2026 up to the 24th, and returns its path.
func writeManyProducts(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "many-products.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("billingProfileId,date,productName,billingCurrency,costInBillingCurrency\n")
	for i := range n {
		fmt.Fprintf(w, "PBFV-AB12-CD3-EF4,07/%02d/2026,Product %07d Standard,USD,0.%06d\n", 1+i%24, i, 1+i%999_999)
	}
	if err := errorsJoin(w.Flush(), f.Close()); err != nil {
		b.Fatal(err)
	}
	return path
}

func errorsJoin(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// uploadFile posts a file to an upload form as a browser does, streaming it from disk.
func (c *client) uploadFile(path, file string) (*http.Response, string) {
	c.t.Helper()
	token := c.csrf()
	pr, pw := io.Pipe()
	w := multipart.NewWriter(pw)
	go func() {
		f, err := os.Open(file)
		if err == nil {
			defer f.Close()
			_ = w.WriteField("_csrf", token)
			var fw io.Writer
			if fw, err = w.CreateFormFile("file", filepath.Base(file)); err == nil {
				_, err = io.Copy(fw, f)
			}
		}
		if err == nil {
			err = w.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest("POST", c.h.server.URL+path, pr)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.send(req)
}

// pageTimes gets the credits page n times and returns how long each took.
func pageTimes(b *testing.B, c *client, n int) []time.Duration {
	b.Helper()
	out := make([]time.Duration, n)
	for i := range out {
		start := time.Now()
		if resp, body := c.get(creditsPath); resp.StatusCode != http.StatusOK {
			b.Fatalf("credits page: status %d\n%.300s", resp.StatusCode, body)
		}
		out[i] = time.Since(start)
	}
	return out
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)-1)*p/100]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// settledRSS is the process's resident memory after a garbage collection that returns what it
// can to the system.
func settledRSS() int64 {
	runtime.GC()
	debug.FreeOSMemory()
	return procStatus("VmRSS")
}

// resetPeakRSS restarts the kernel's peak-RSS count (Linux: clear_refs 5), when permitted.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

func peakRSS() int64 { return procStatus("VmHWM") }

// procStatus reads a memory line of /proc/self/status in bytes; 0 where there is none.
func procStatus(key string) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
