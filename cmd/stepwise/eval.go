package main

import (
	"fmt"
	"io"
)

// cmdEval is replaced by the JSONata work (issue 4).
func cmdEval(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "stepwise eval: not built yet")
	return 2
}
