package asl

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/stepwisehq/stepwise/value"
)

// jsonDiagnostic describes malformed definition text the way AWS's
// (Jackson's) parser does: the message and a location quoting the source.
func jsonDiagnostic(src string, err error) Diagnostic {
	var se *value.SyntaxError
	off := 0
	if errors.As(err, &se) {
		off = se.Offset
	}
	msg, end := jacksonProblem(src, off)
	line, col := lineColumn(src, end)
	loc := fmt.Sprintf("[Source: (String)%q; line: %d, column: %d]", src, line, col)
	return Diagnostic{Severity: SeverityError, Code: CodeInvalidJSON, Message: msg + "\n at " + loc, Location: loc}
}

// jacksonProblem names the problem at off and returns where Jackson stops
// reading (the column it reports).
func jacksonProblem(src string, off int) (string, int) {
	if off >= len(src) {
		return "Unexpected end-of-input", len(src)
	}
	rest := src[off:]
	word := rest
	if i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' }); i >= 0 {
		word = rest[:i]
	}
	if word != "" {
		return fmt.Sprintf("Unrecognized token '%s': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", word), off + len(word)
	}
	c := rest[0]
	return fmt.Sprintf("Unexpected character ('%c' (code %d)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", c, c), off + 1
}

// lineColumn returns the 1-based line and column of byte offset off.
func lineColumn(src string, off int) (int, int) {
	line, start := 1, 0
	for i := 0; i < off && i < len(src); i++ {
		if src[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, off - start + 1
}
