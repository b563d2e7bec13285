package bench

import (
	"math"
	"slices"
	"time"
)

// latencyPercentile returns the p-th percentile (0 < p ≤ 100) of sorted
// samples by the nearest-rank method: the smallest sample that at least p%
// of all samples do not exceed. Every sample is kept, so the answer is
// exact, not a histogram's estimate. It is 0 for no samples.
func latencyPercentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = max(1, min(rank, len(sorted)))
	return sorted[rank-1]
}

// medianSize returns the median of sizes (the lower middle for an even
// count), sorting sizes in place.
func medianSize(sizes []int64) int64 {
	if len(sizes) == 0 {
		return 0
	}
	slices.Sort(sizes)
	return sizes[(len(sizes)-1)/2]
}
