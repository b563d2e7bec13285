package main

import (
	"fmt"
	"io"

	"codeberg.org/habeas/habeas/names"
)

// runNames implements `habeas names score`: NAME_A<TAB>NAME_B lines in,
// SCORE<TAB>NAME_A<TAB>NAME_B lines out.
func runNames(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) != 1 || args[0] != "score" {
		fmt.Fprintln(stderr, "usage: habeas names score < pairs.tsv   (lines NAME_A<TAB>NAME_B)")
		return errUsage
	}
	return names.ScoreLines(stdin, stdout)
}
