package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/serverproc"
)

// proc is a server the suite started (the portal or the ceiling), whose memory it watches.
type proc struct{ *serverproc.Proc }

// startProc starts bin with args, its output going to a log file in dir.
func startProc(name, dir, bin string, args ...string) (*proc, error) {
	log, err := os.Create(filepath.Join(dir, name+".log"))
	if err != nil {
		return nil, err
	}
	defer log.Close() // the process has its own descriptor of it
	p, err := serverproc.Start(name, log, log, bin, args...)
	if err != nil {
		return nil, err
	}
	return &proc{p}, nil
}

// peakRSS is the process's peak resident memory since it started (Linux /proc), "n/a" elsewhere.
func (p *proc) peakRSS() string {
	return mb(p.status("VmHWM:"))
}

// rssKB is the process's resident memory now in kB (Linux /proc), 0 when unknown.
func (p *proc) rssKB() int {
	return p.status("VmRSS:")
}

// status reads a kB field of the process's /proc status, 0 when unknown.
func (p *proc) status(field string) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.Pid()))
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, field); ok {
			if kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB")); err == nil {
				return kb
			}
		}
	}
	return 0
}

// watchRSS samples the process's resident memory every 100 ms until the returned function is
// called, which returns the highest sample in kB (0 for a nil process or when unknown).
func (p *proc) watchRSS() func() int {
	if p == nil {
		return func() int { return 0 }
	}
	done, peak := make(chan struct{}), make(chan int)
	go func() {
		high := p.rssKB()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				high = max(high, p.rssKB())
			case <-done:
				peak <- max(high, p.rssKB())
				return
			}
		}
	}()
	return func() int { close(done); return <-peak }
}

// mb writes a memory size in kB as megabytes, "n/a" for 0.
func mb(kb int) string {
	if kb <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d MB", kb/1024)
}

// runTool runs bin with args to completion and returns its output, which an error includes.
func runTool(ctx context.Context, bin string, stdin []byte, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%s %s: %w\n%s", filepath.Base(bin), args[0], err, out.String())
	}
	return out.String(), nil
}
