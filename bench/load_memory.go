package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rssReader reads a server's resident memory in bytes.
type rssReader struct {
	source string
	read   func(ctx context.Context) (int64, error)
}

// pidRSS reads VmRSS from /proc/PID/status (Linux).
func pidRSS(pid int) *rssReader {
	path := fmt.Sprintf("/proc/%d/status", pid)
	return &rssReader{source: fmt.Sprintf("pid %d", pid), read: func(context.Context) (int64, error) {
		f, err := os.Open(path)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		return parseVmRSS(f)
	}}
}

// parseVmRSS finds the line "VmRSS:   12345 kB" of a /proc status file.
func parseVmRSS(r io.Reader) (int64, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0, fmt.Errorf("unexpected VmRSS line %q", sc.Text())
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("VmRSS: %w", err)
		}
		return kb << 10, nil
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("no VmRSS line")
}

// metricsRSS reads process_resident_memory_bytes from a Prometheus
// /metrics page, if the server has one.
func metricsRSS(client *http.Client, base string) *rssReader {
	return &rssReader{source: "/metrics", read: func(ctx context.Context) (int64, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
		if err != nil {
			return 0, err
		}
		res, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("/metrics: %s", res.Status)
		}
		return parseMetricsRSS(io.LimitReader(res.Body, 4<<20))
	}}
}

// parseMetricsRSS finds the sample of process_resident_memory_bytes in the
// Prometheus text format.
func parseMetricsRSS(r io.Reader) (int64, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "process_resident_memory_bytes")
		if !ok || !strings.HasPrefix(rest, " ") {
			continue
		}
		v, err := strconv.ParseFloat(strings.Fields(rest)[0], 64)
		if err != nil {
			return 0, fmt.Errorf("process_resident_memory_bytes: %w", err)
		}
		return int64(v), nil
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("no process_resident_memory_bytes")
}

// rssSampler reads the memory every interval while a run goes on and keeps
// the peak, overall and since the last level began.
type rssSampler struct {
	r        *rssReader
	mu       sync.Mutex
	peak     int64
	levelMax int64
	stop     chan struct{}
	done     chan struct{}
}

func startRSSSampler(ctx context.Context, r *rssReader, every time.Duration) *rssSampler {
	s := &rssSampler{r: r, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				s.sample(ctx)
			}
		}
	}()
	return s
}

// sample reads the memory once; a failed read is skipped, not fatal.
func (s *rssSampler) sample(ctx context.Context) int64 {
	n, err := s.r.read(ctx)
	if err != nil {
		return 0
	}
	s.mu.Lock()
	s.peak = max(s.peak, n)
	s.levelMax = max(s.levelMax, n)
	s.mu.Unlock()
	return n
}

// levelPeak returns the peak since the previous call and starts anew.
func (s *rssSampler) levelPeak() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.levelMax
	s.levelMax = 0
	return p
}

// finish stops sampling and returns the overall peak.
func (s *rssSampler) finish() int64 {
	close(s.stop)
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}
