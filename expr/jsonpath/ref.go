package jsonpath

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Root names the value a reference's path is applied to.
type Root uint8

// The roots a path field can start from.
const (
	RootInput    Root = iota // "$...": the state's input
	RootContext              // "$$...": the context object
	RootVariable             // "$name...": a workflow variable
)

// Ref is a path as ASL fields write it: "$.a" reads the input, "$$.a" the
// context object and "$name.a" the variable name. It is immutable.
type Ref struct {
	Root Root
	// Var is the variable's name when Root is RootVariable.
	Var string
	// Path is applied to the root value; for "$$.a" and "$name.a" it is
	// "$.a".
	Path *Path
	src  string
}

// CompileRef compiles a path field. Errors are *SyntaxError with offsets in
// src.
func CompileRef(src string) (*Ref, error) {
	s, cut := trimSpace(src)
	r := &Ref{src: src}
	rest, skip := s, 0
	switch {
	case strings.HasPrefix(s, "$$"):
		r.Root, rest, skip = RootContext, s[1:], 1
	case len(s) > 1 && s[0] == '$':
		if name := varName(s[1:]); name != "" {
			r.Root, r.Var = RootVariable, name
			rest, skip = "$"+s[1+len(name):], len(name)
		}
	}
	p, err := Compile(rest)
	if err != nil {
		if se, ok := err.(*SyntaxError); ok {
			se.Path, se.Offset = src, se.Offset+cut+skip
		}
		return nil, err
	}
	r.Path = p
	return r, nil
}

// varName returns the variable name at the start of s: a letter or '_'
// followed by letters, digits and '_'.
func varName(s string) string {
	end := 0
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		ok := r == '_' || unicode.IsLetter(r) || end > 0 && unicode.IsDigit(r)
		if !ok {
			break
		}
		end += size
	}
	return s[:end]
}

// String returns the source text.
func (r *Ref) String() string { return r.src }
