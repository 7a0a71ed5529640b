package awssdk

import (
	"encoding/base64"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stepwisehq/stepwise/value"
)

// mapOrder is how an encoder orders the entries of a map: Step Functions
// returns an aws-sdk integration's maps with sorted keys, and an optimised
// integration's (the AWS SDK for Java 1.x's HashMaps) in hash order.
type mapOrder uint8

const (
	sortedMaps mapOrder = iota
	hashMaps
)

// encoder turns SDK output structures into JSON with the SDK's member
// names, as Step Functions returns them: members in alphabetical order, a
// streaming payload (S3's Body) last, absent members left out.
type encoder struct {
	maps     mapOrder
	millis   bool  // timestamps as epoch milliseconds (the AWS SDK for Java 1.x's Dates), not Instant text
	maxBody  int64 // bound on a streaming body read; <0 = none
	tooLarge bool  // a streaming body exceeded maxBody
	depth    int
}

// encodeOutput encodes an SDK output struct (a pointer to it).
func (e *encoder) encodeOutput(out reflect.Value) *value.Object {
	v, ok := e.encode(out)
	obj, isObj := v.(*value.Object)
	if !ok || !isObj {
		return value.NewObject(nil)
	}
	return obj
}

// encode returns v's JSON, or false when v is absent (a nil pointer, slice,
// map or interface, or an empty non-pointer string or enum).
func (e *encoder) encode(v reflect.Value) (value.Value, bool) {
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxDecodeDepth {
		return nil, false
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil, false
		}
		return e.encodeIndirect(v)
	case reflect.Struct:
		return e.encodeStruct(v)
	case reflect.Slice:
		return e.encodeSlice(v)
	case reflect.Map:
		if v.IsNil() {
			return nil, false
		}
		return e.encodeMap(v), true
	}
	return encodeScalar(v)
}

func (e *encoder) encodeIndirect(v reflect.Value) (value.Value, bool) {
	if v.Kind() == reflect.Interface {
		if rc, ok := v.Interface().(io.Reader); ok {
			return e.encodeStream(rc), true
		}
		if name, ok := unionMemberName(v); ok {
			return e.encodeUnion(name, v.Elem().Elem())
		}
	}
	if v.Elem().Kind() == reflect.String {
		return v.Elem().String(), true // a pointer to "" is a value
	}
	return e.encode(v.Elem())
}

func (e *encoder) encodeStruct(v reflect.Value) (value.Value, bool) {
	if v.Type() == timeType {
		if e.millis {
			return value.Int(v.Interface().(time.Time).UnixMilli()), true
		}
		return formatInstant(v.Interface().(time.Time)), true
	}
	var ms, streams []value.Member
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() || sf.Anonymous || sf.Name == "ResultMetadata" {
			continue
		}
		fv, ok := e.encode(v.Field(i))
		if !ok && isPrefixHeaders(sf) {
			fv, ok = value.NewObject(nil), true
		}
		if !ok {
			continue
		}
		m := value.Member{Key: sf.Name, Value: fv}
		if isStream(sf.Type) {
			streams = append(streams, m)
		} else {
			ms = append(ms, m)
		}
	}
	sortMembers(ms)
	return value.NewObject(append(ms, streams...)), true
}

// isStream reports whether a member is a streaming payload (an io.Reader).
func isStream(t reflect.Type) bool {
	return t.Kind() == reflect.Interface && t.Implements(readerType)
}

// isPrefixHeaders reports whether a member collects prefixed headers (S3's
// Metadata, from x-amz-meta-*), which the AWS SDK for Java returns as an
// empty map when there are none.
func isPrefixHeaders(sf reflect.StructField) bool {
	return sf.Name == "Metadata" && sf.Type == reflect.TypeOf(map[string]string(nil))
}

// sortMembers orders members by key as Java's String#compareTo does (by
// UTF-16 code unit, which for SDK member names is byte order).
func sortMembers(ms []value.Member) {
	slices.SortFunc(ms, func(a, b value.Member) int { return strings.Compare(a.Key, b.Key) })
}

func (e *encoder) encodeSlice(v reflect.Value) (value.Value, bool) {
	if v.IsNil() {
		return nil, false
	}
	if v.Type() == bytesType {
		return blobValue(v.Bytes()), true
	}
	out := make([]value.Value, 0, v.Len())
	for i := range v.Len() {
		out = append(out, e.encodeElem(v.Index(i)))
	}
	return out, true
}

// encodeElem encodes an element of a list or map, where an empty string is
// a value and a nil one is null.
func (e *encoder) encodeElem(v reflect.Value) value.Value {
	if v.Kind() == reflect.String {
		return v.String()
	}
	ev, ok := e.encode(v)
	if !ok {
		return nil
	}
	return ev
}

func (e *encoder) encodeMap(v reflect.Value) value.Value {
	ms := make([]value.Member, 0, v.Len())
	iter := v.MapRange()
	for iter.Next() {
		ms = append(ms, value.Member{Key: iter.Key().String(), Value: e.encodeElem(iter.Value())})
	}
	if e.maps == hashMaps {
		ms = javaHashMapMembers(ms)
	} else {
		sortMembers(ms)
	}
	return value.NewObject(ms)
}

// encodeUnion encodes a union member as {"Name": value}; DynamoDB's binary
// attributes are base64 text, as in DynamoDB's own JSON.
func (e *encoder) encodeUnion(name string, member reflect.Value) (value.Value, bool) {
	if member.Type().Name() == "UnknownUnionMember" {
		tag := member.FieldByName("Tag").String()
		return value.NewObject([]value.Member{{Key: tag, Value: nil}}), true
	}
	fv := member.Field(0)
	var out value.Value
	switch fv.Type() {
	case bytesType:
		out = base64.StdEncoding.EncodeToString(fv.Bytes())
	case reflect.TypeOf([][]byte(nil)):
		arr := make([]value.Value, fv.Len())
		for i := range arr {
			arr[i] = base64.StdEncoding.EncodeToString(fv.Index(i).Bytes())
		}
		out = arr
	default:
		out = e.encodeElem(fv)
	}
	return value.NewObject([]value.Member{{Key: name, Value: out}}), true
}

// encodeStream reads a streaming payload into text (base64 when it is not
// UTF-8), closing it.
func (e *encoder) encodeStream(r io.Reader) value.Value {
	if c, ok := r.(io.Closer); ok {
		defer c.Close()
	}
	if e.maxBody >= 0 {
		r = io.LimitReader(r, e.maxBody+1)
	}
	b, _ := io.ReadAll(r)
	if e.maxBody >= 0 && int64(len(b)) > e.maxBody {
		e.tooLarge = true
	}
	return blobValue(b)
}

// blobValue is a blob as Step Functions returns it: its text when it is
// UTF-8, else base64.
func blobValue(b []byte) value.Value {
	if utf8.Valid(b) {
		return string(b)
	}
	return base64.StdEncoding.EncodeToString(b)
}

func encodeScalar(v reflect.Value) (value.Value, bool) {
	switch v.Kind() {
	case reflect.String:
		return v.String(), v.String() != ""
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return value.Int(v.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return value.Number(strconv.FormatUint(v.Uint(), 10)), true
	case reflect.Float32, reflect.Float64:
		return javaDouble(v.Float(), v.Type().Bits()), true
	}
	return nil, false
}

// javaDouble formats a floating-point number as Java's Double#toString
// (Float#toString for 32 bits) does, which Jackson writes: "1.0", "0.5",
// "1.0E7", "1.0E-4". NaN and infinities, which JSON cannot hold, are null.
func javaDouble(f float64, bits int) value.Value {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	abs := math.Abs(f)
	if abs == 0 || (abs >= 1e-3 && abs < 1e7) {
		s := strconv.FormatFloat(f, 'f', -1, bits)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return value.Number(s)
	}
	s := strconv.FormatFloat(f, 'E', -1, bits) // 1.5E+07
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	n, _ := strconv.Atoi(exp)
	return value.Number(mant + "E" + strconv.Itoa(n))
}

// formatInstant formats a timestamp as Java's Instant#toString: UTC, and
// the fraction of a second in groups of three digits, none when zero.
func formatInstant(t time.Time) string {
	t = t.UTC()
	s := t.Format("2006-01-02T15:04:05")
	ns := t.Nanosecond()
	switch {
	case ns == 0:
	case ns%1e6 == 0:
		s += "." + pad(ns/1e6, 3)
	case ns%1e3 == 0:
		s += "." + pad(ns/1e3, 6)
	default:
		s += "." + pad(ns, 9)
	}
	return s + "Z"
}

func pad(n, width int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", width-len(s)) + s
}
