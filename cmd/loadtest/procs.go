package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// proc is a server the suite started: the portal or the ceiling.
type proc struct {
	name string
	cmd  *exec.Cmd
	done chan error
}

// startProc starts bin with args, its output going to a log file in dir.
func startProc(name, dir, bin string, args ...string) (*proc, error) {
	log, err := os.Create(filepath.Join(dir, name+".log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &proc{name: name, cmd: cmd, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait(); log.Close() }()
	return p, nil
}

// waitReady polls url until it answers 200, the process exits or timeout passes.
func (p *proc) waitReady(ctx context.Context, url string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	c := newClient(nil)
	for time.Now().Before(deadline) {
		if _, err := fetch(ctx, c, url, nil); err == nil {
			return nil
		}
		select {
		case err := <-p.done:
			p.done <- err
			return fmt.Errorf("%s exited before it was ready: %v (see its log)", p.name, err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s is not ready after %s", p.name, timeout)
}

// stop ends the process: SIGTERM, then SIGKILL after ten seconds.
func (p *proc) stop() {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
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
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
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

// freeAddr returns a loopback address with a free port.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
