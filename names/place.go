package names

// SamePlace reports whether two written names of a place of detention or of
// an organization name one record: "Investigative Isolator No. 1", "SIZO-1"
// and "СИЗО №1" are one place; "Penal Colony No. 2" and "Penal Colony No.
// 12" never are.
//
// For now it compares the names folded by Fold; the rules for kinds of
// places, numbers and local names are to come.
func SamePlace(a, b string) bool {
	fa, fb := Fold(a), Fold(b)
	return fa != "" && fa == fb
}
