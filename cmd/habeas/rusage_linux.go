package main

import (
	"os"
	"syscall"
)

// peakRSS is a finished child's peak resident memory in bytes
// (getrusage maxrss, which Linux gives in kilobytes).
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10
	}
	return 0
}
