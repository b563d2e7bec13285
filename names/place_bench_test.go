package names

import (
	"strings"
	"testing"
)

func BenchmarkSamePlace(b *testing.B) {
	for i := 0; i < b.N; i++ {
		SamePlace("Исправительная колония № 2 (Бобруйск)", "Penal Colony No. 2, Babruisk")
	}
}

func BenchmarkSamePlaceLong(b *testing.B) {
	long := strings.Repeat("Kürdəxanı (prison) 1 ", 40)
	other := strings.Repeat("Kurdakhani (SIZO) ", 40)
	for i := 0; i < b.N; i++ {
		SamePlace(long, other)
	}
}

func BenchmarkPlaceSamePrepared(b *testing.B) {
	x, y := PreparePlace("Исправительная колония № 2 (Бобруйск)"), PreparePlace("Penal Colony No. 2, Babruisk")
	for i := 0; i < b.N; i++ {
		x.Same(y)
	}
}
