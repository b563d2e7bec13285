package names

import "testing"

// benchPairs are typical comparisons: scripts, word orders and patronymics.
var benchPairs = [][2]string{
	{"Sviatlana Tsikhanouskaya", "Светлана Тихановская"},
	{"Əliyev İlham Heydər oğlu", "Ilham Aliyev"},
	{"Mikhail Khodorkovsky", "Ходорковский Михаил Борисович"},
	{"Khadija Ismayilova", "Xədicə İsmayılova"},
	{"Volodymyr Zelenskyy", "Wolodymyr Selenskyj"},
	{"Ilgar Mammadov", "Anar Mammadli"},
	{"Kassym-Jomart Tokayev", "Қасым-Жомарт Тоқаев"},
	{"Navalny", "Yulia Navalnaya"},
}

// BenchmarkScore measures Score on two strings, preparation included.
func BenchmarkScore(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := benchPairs[i%len(benchPairs)]
		Score(p[0], p[1])
	}
}

// BenchmarkNameScore measures one prepared query against prepared names.
func BenchmarkNameScore(b *testing.B) {
	names := make([]Name, 0, 2*len(benchPairs))
	for _, p := range benchPairs {
		names = append(names, Prepare(p[0]), Prepare(p[1]))
	}
	query := Prepare("Siarhei Tsikhanouski")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		query.Score(names[i%len(names)])
	}
}

// BenchmarkPrepare measures the per-name work.
func BenchmarkPrepare(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Prepare(benchPairs[i%len(benchPairs)][i%2])
	}
}

// BenchmarkKeys measures blocking keys.
func BenchmarkKeys(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Keys(benchPairs[i%len(benchPairs)][i%2])
	}
}
