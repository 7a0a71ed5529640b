package mock

import "math"

// kind is the type of a shape in an integration's output model.
type kind uint8

const (
	kindAny       kind = iota // any JSON value (a Lambda Payload, a document)
	kindString                // a string, optionally one of enum
	kindInteger               // a whole number within [min, max]
	kindDouble                // any number
	kindBoolean               // true or false
	kindTimestamp             // a string in a mock (AWS reads dates from text)
	kindBlob                  // a string (base64 or text)
	kindStruct                // an object with known members
	kindList                  // an array of elem
	kindMap                   // an object whose values are elem
)

// shape is a node of an output model, in the manner of a Smithy shape:
// structures with optional or required members, lists, maps and primitives
// with enums and numeric bounds. Shapes are built once and never changed.
type shape struct {
	kind     kind
	enum     []string
	min, max int64   // bounds of a kindInteger
	elem     *shape  // of a list or map
	members  []field // of a struct, in model order
	index    map[string]int
}

// field is a member of a structure.
type field struct {
	name     string
	shape    *shape
	required bool
}

// Shared primitive shapes.
var (
	anyShape       = &shape{kind: kindAny}
	stringShape    = &shape{kind: kindString}
	doubleShape    = &shape{kind: kindDouble}
	booleanShape   = &shape{kind: kindBoolean}
	timestampShape = &shape{kind: kindTimestamp}
	blobShape      = &shape{kind: kindBlob}
	integerShape   = intRange(math.MinInt32, math.MaxInt32)
	longShape      = intRange(math.MinInt64, math.MaxInt64)
)

// intRange is a whole number within [lo, hi].
func intRange(lo, hi int64) *shape { return &shape{kind: kindInteger, min: lo, max: hi} }

// enum is a string that must be one of values.
func enum(values ...string) *shape { return &shape{kind: kindString, enum: values} }

// list is an array whose items have the shape elem.
func list(elem *shape) *shape { return &shape{kind: kindList, elem: elem} }

// mapOf is an object whose values have the shape elem.
func mapOf(elem *shape) *shape { return &shape{kind: kindMap, elem: elem} }

// opt is an optional member.
func opt(name string, s *shape) field { return field{name: name, shape: s} }

// req is a required member.
func req(name string, s *shape) field { return field{name: name, shape: s, required: true} }

// structure is an object with the given members.
func structure(fields ...field) *shape {
	s := &shape{kind: kindStruct}
	s.setMembers(fields)
	return s
}

// setMembers sets a structure's members; recursive shapes call it after
// building the members that refer back to s.
func (s *shape) setMembers(fields []field) {
	s.members = fields
	s.index = make(map[string]int, len(fields))
	for i, f := range fields {
		s.index[f.name] = i
	}
}

// member returns the structure's member called name.
func (s *shape) member(name string) (*field, bool) {
	i, ok := s.index[name]
	if !ok {
		return nil, false
	}
	return &s.members[i], true
}

// strs returns optional string members with the given names.
func strs(names ...string) []field {
	fs := make([]field, len(names))
	for i, n := range names {
		fs[i] = opt(n, stringShape)
	}
	return fs
}

// with returns fields followed by more.
func with(fields []field, more ...field) []field {
	return append(fields[:len(fields):len(fields)], more...)
}
