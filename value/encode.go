package value

import (
	"fmt"
	"sort"
	"strconv"
)

// Append appends v's compact JSON text to buf, escaping strings the way AWS
// Step Functions prints them: only quote, backslash and control characters
// are escaped; other characters, including non-ASCII, are written as they are.
func Append(buf []byte, v Value) []byte {
	switch x := v.(type) {
	case nil:
		return append(buf, "null"...)
	case bool:
		return strconv.AppendBool(buf, x)
	case Number:
		return append(buf, x...)
	case string:
		return AppendString(buf, x)
	case []Value:
		buf = append(buf, '[')
		for i, e := range x {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = Append(buf, e)
		}
		return append(buf, ']')
	case *Object:
		buf = append(buf, '{')
		for i, m := range x.Members() {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = AppendString(buf, m.Key)
			buf = append(buf, ':')
			buf = Append(buf, m.Value)
		}
		return append(buf, '}')
	}
	panic(fmt.Sprintf("value: %T is not a JSON value", v))
}

const hexDigits = "0123456789ABCDEF"

// AppendString appends s as a quoted JSON string.
func AppendString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		buf = append(buf, s[start:i]...)
		switch c {
		case '"', '\\':
			buf = append(buf, '\\', c)
		case '\n':
			buf = append(buf, '\\', 'n')
		case '\r':
			buf = append(buf, '\\', 'r')
		case '\t':
			buf = append(buf, '\\', 't')
		case '\b':
			buf = append(buf, '\\', 'b')
		case '\f':
			buf = append(buf, '\\', 'f')
		default:
			buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		start = i + 1
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// String returns v's compact JSON text.
func String(v Value) string { return string(Append(nil, v)) }

// Indent returns v's JSON text indented by two spaces per level, for people.
func Indent(v Value) string { return string(appendIndent(nil, v, "\n")) }

func appendIndent(buf []byte, v Value, nl string) []byte {
	inner := nl + "  "
	switch x := v.(type) {
	case []Value:
		if len(x) == 0 {
			return append(buf, "[]"...)
		}
		buf = append(buf, '[')
		for i, e := range x {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, inner...)
			buf = appendIndent(buf, e, inner)
		}
		return append(append(buf, nl...), ']')
	case *Object:
		if x.Len() == 0 {
			return append(buf, "{}"...)
		}
		buf = append(buf, '{')
		for i, m := range x.Members() {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, inner...)
			buf = AppendString(buf, m.Key)
			buf = append(buf, ": "...)
			buf = appendIndent(buf, m.Value, inner)
		}
		return append(append(buf, nl...), '}')
	}
	return Append(buf, v)
}

// FromGo converts a value built from Go's encoding/json types (map[string]any,
// []any, float64, json.Number, string, bool, nil) and the Values of this
// package into a Value. Map keys are sorted, since Go maps have no order.
func FromGo(v any) (Value, error) {
	switch x := v.(type) {
	case nil, bool, string, Number, *Object:
		return x, nil
	case float64:
		n, ok := Float(x)
		if !ok {
			return nil, fmt.Errorf("value: %v is not a JSON number", x)
		}
		return n, nil
	case int:
		return Int(int64(x)), nil
	case int64:
		return Int(x), nil
	case interface{ String() string }:
		if s := x.String(); isNumberText(s) {
			return Number(s), nil
		}
	case []any:
		out := make([]Value, len(x))
		for i, e := range x {
			ev, err := FromGo(e)
			if err != nil {
				return nil, err
			}
			out[i] = ev
		}
		return out, nil
	case map[string]any:
		return fromMap(x)
	}
	return nil, fmt.Errorf("value: cannot convert %T", v)
}

func isNumberText(s string) bool {
	v, err := ParseString(s)
	_, ok := v.(Number)
	return err == nil && ok
}

func fromMap(m map[string]any) (Value, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ms := make([]Member, len(keys))
	for i, k := range keys {
		v, err := FromGo(m[k])
		if err != nil {
			return nil, err
		}
		ms[i] = Member{Key: k, Value: v}
	}
	return NewObject(ms), nil
}

// EncodedLen returns the length of v's compact JSON text without building
// it.
func EncodedLen(v Value) int {
	switch x := v.(type) {
	case nil:
		return 4
	case bool:
		if x {
			return 4
		}
		return 5
	case Number:
		return len(x)
	case string:
		return stringLen(x)
	case []Value:
		n := 2 + max(len(x)-1, 0)
		for _, e := range x {
			n += EncodedLen(e)
		}
		return n
	case *Object:
		n := 2 + max(x.Len()-1, 0)
		for _, m := range x.Members() {
			n += stringLen(m.Key) + 1 + EncodedLen(m.Value)
		}
		return n
	}
	return 0
}

func stringLen(s string) int {
	n := 2 + len(s)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f':
			n++
		case c < 0x20:
			n += 5
		}
	}
	return n
}
