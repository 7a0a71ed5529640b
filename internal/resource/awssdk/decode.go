package awssdk

import (
	"bytes"
	"encoding/base64"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// A fieldError is a problem with one field of a task's parameters, worded as
// AWS words the problems it lists in "could not be used to start the Task:
// [...]".
type fieldError struct {
	path    string // the field's name, with its parents for a nested one
	problem string
}

func (e *fieldError) Error() string {
	switch e.problem {
	case problemUnknown:
		return "The field '" + e.path + "' is not supported by Step Functions"
	}
	return "The value for the field '" + e.path + "' must be " + e.problem
}

// The problems a fieldError names.
const (
	problemUnknown = "unknown"
	problemNumber  = "a NUMBER"
	problemInteger = "an INTEGER"
	problemBoolean = "a BOOLEAN"
	problemObject  = "an OBJECT"
	problemArray   = "an ARRAY"
	problemTime    = "a TIMESTAMP"
	problemBase64  = "a base64-encoded STRING"
	problemUnion   = "an OBJECT with exactly one member"
)

// maxDecodeDepth bounds the nesting of parameters, as value.Parse does.
const maxDecodeDepth = 10000

var (
	timeType   = reflect.TypeOf(time.Time{})
	readerType = reflect.TypeOf((*io.Reader)(nil)).Elem()
	bytesType  = reflect.TypeOf([]byte(nil))
)

// decoder fills SDK input structures from JSON parameters.
type decoder struct {
	depth int
}

// decodeInto fills dst (an SDK input struct, addressable) from the task's
// parameters, an object.
func decodeInto(params value.Value, dst reflect.Value) error {
	d := decoder{}
	if params == nil {
		return nil
	}
	return d.decode(params, dst, "")
}

func (d *decoder) decode(v value.Value, dst reflect.Value, path string) error {
	if v == nil {
		return nil // null leaves the field unset, as an absent one
	}
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > maxDecodeDepth {
		return &fieldError{path, problemObject}
	}
	if dst.Kind() == reflect.Pointer {
		elem := reflect.New(dst.Type().Elem())
		if err := d.decode(v, elem.Elem(), path); err != nil {
			return err
		}
		dst.Set(elem)
		return nil
	}
	return d.decodeValue(v, dst, path)
}

func (d *decoder) decodeValue(v value.Value, dst reflect.Value, path string) error {
	switch {
	case dst.Type() == timeType:
		return decodeTime(v, dst, path)
	case dst.Type() == bytesType:
		dst.SetBytes(blobBytes(v))
		return nil
	case dst.Kind() == reflect.Interface:
		return d.decodeInterface(v, dst, path)
	}
	switch dst.Kind() {
	case reflect.Struct:
		return d.decodeStruct(v, dst, path)
	case reflect.Slice:
		return d.decodeSlice(v, dst, path)
	case reflect.Map:
		return d.decodeMap(v, dst, path)
	}
	return decodeScalar(v, dst, path)
}

func (d *decoder) decodeStruct(v value.Value, dst reflect.Value, path string) error {
	obj, ok := v.(*value.Object)
	if !ok {
		return &fieldError{path, problemObject}
	}
	fields := fieldsOf(dst.Type())
	for _, m := range obj.Members() {
		i, ok := fields.lookup(m.Key)
		if !ok {
			return &fieldError{join(path, m.Key), problemUnknown}
		}
		if err := d.decode(m.Value, dst.Field(i), join(path, m.Key)); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) decodeSlice(v value.Value, dst reflect.Value, path string) error {
	arr, ok := v.([]value.Value)
	if !ok {
		return &fieldError{path, problemArray}
	}
	out := reflect.MakeSlice(dst.Type(), len(arr), len(arr))
	for i, e := range arr {
		if err := d.decode(e, out.Index(i), path); err != nil {
			return err
		}
	}
	dst.Set(out)
	return nil
}

func (d *decoder) decodeMap(v value.Value, dst reflect.Value, path string) error {
	obj, ok := v.(*value.Object)
	if !ok || dst.Type().Key().Kind() != reflect.String {
		return &fieldError{path, problemObject}
	}
	out := reflect.MakeMapWithSize(dst.Type(), obj.Len())
	for _, m := range obj.Members() {
		elem := reflect.New(dst.Type().Elem()).Elem()
		if err := d.decode(m.Value, elem, join(path, m.Key)); err != nil {
			return err
		}
		out.SetMapIndex(reflect.ValueOf(m.Key).Convert(dst.Type().Key()), elem)
	}
	dst.Set(out)
	return nil
}

// decodeInterface fills an io.Reader (a streaming body) or a union.
func (d *decoder) decodeInterface(v value.Value, dst reflect.Value, path string) error {
	if dst.Type() == readerType {
		dst.Set(reflect.ValueOf(bytes.NewReader(blobBytes(v))))
		return nil
	}
	members := unionMembers(dst.Type())
	if members == nil {
		return &fieldError{path, problemUnknown}
	}
	obj, ok := v.(*value.Object)
	if !ok || obj.Len() != 1 {
		return &fieldError{path, problemUnion}
	}
	m := obj.Members()[0]
	typ, ok := members[m.Key]
	if !ok {
		return &fieldError{join(path, m.Key), problemUnknown}
	}
	member := reflect.New(typ)
	if err := decodeUnionValue(d, m.Value, member.Elem().Field(0), join(path, m.Key)); err != nil {
		return err
	}
	dst.Set(member)
	return nil
}

// decodeUnionValue fills a union member's Value; the blobs of DynamoDB's B
// and BS attributes are base64 text, as in DynamoDB's own JSON.
func decodeUnionValue(d *decoder, v value.Value, dst reflect.Value, path string) error {
	switch dst.Type() {
	case bytesType:
		b, err := base64Bytes(v, path)
		if err == nil {
			dst.SetBytes(b)
		}
		return err
	case reflect.TypeOf([][]byte(nil)):
		arr, ok := v.([]value.Value)
		if !ok {
			return &fieldError{path, problemArray}
		}
		out := make([][]byte, len(arr))
		for i, e := range arr {
			b, err := base64Bytes(e, path)
			if err != nil {
				return err
			}
			out[i] = b
		}
		dst.Set(reflect.ValueOf(out))
		return nil
	}
	return d.decode(v, dst, path)
}

func base64Bytes(v value.Value, path string) ([]byte, error) {
	s, ok := v.(string)
	if !ok {
		return nil, &fieldError{path, problemBase64}
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, &fieldError{path, problemBase64}
	}
	return b, nil
}

// blobBytes is a blob parameter's content: a string's bytes, any other value
// as its JSON text.
func blobBytes(v value.Value) []byte {
	if s, ok := v.(string); ok {
		return []byte(s)
	}
	return value.Append(nil, v)
}

// decodeScalar fills a string, boolean or number. A string field takes any
// value, a non-string one as its JSON text (as Step Functions serialises
// objects given for a string member); numbers and booleans also take their
// text, as Jackson coerces it.
func decodeScalar(v value.Value, dst reflect.Value, path string) error {
	switch dst.Kind() {
	case reflect.String:
		dst.SetString(textOf(v))
		return nil
	case reflect.Bool:
		return decodeBool(v, dst, path)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return decodeInt(v, dst, path)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return decodeUint(v, dst, path)
	case reflect.Float32, reflect.Float64:
		return decodeFloat(v, dst, path)
	}
	return &fieldError{path, problemUnknown}
}

func textOf(v value.Value) string {
	switch x := v.(type) {
	case string:
		return x
	case value.Number:
		return string(x)
	}
	return value.String(v)
}

func decodeBool(v value.Value, dst reflect.Value, path string) error {
	switch x := v.(type) {
	case bool:
		dst.SetBool(x)
		return nil
	case string:
		if b, err := strconv.ParseBool(x); err == nil && (x == "true" || x == "false") {
			dst.SetBool(b)
			return nil
		}
	}
	return &fieldError{path, problemBoolean}
}

// numberText returns a number's text, or a string's when it holds one.
func numberText(v value.Value) (string, bool) {
	switch x := v.(type) {
	case value.Number:
		return string(x), true
	case string:
		return x, x != ""
	}
	return "", false
}

func decodeInt(v value.Value, dst reflect.Value, path string) error {
	s, ok := numberText(v)
	if !ok {
		return &fieldError{path, problemInteger}
	}
	i, err := strconv.ParseInt(s, 10, dst.Type().Bits())
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f != math.Trunc(f) || dst.OverflowInt(int64(f)) {
			return &fieldError{path, problemInteger}
		}
		i = int64(f)
	}
	dst.SetInt(i)
	return nil
}

func decodeUint(v value.Value, dst reflect.Value, path string) error {
	s, ok := numberText(v)
	if !ok {
		return &fieldError{path, problemInteger}
	}
	u, err := strconv.ParseUint(s, 10, dst.Type().Bits())
	if err != nil {
		return &fieldError{path, problemInteger}
	}
	dst.SetUint(u)
	return nil
}

func decodeFloat(v value.Value, dst reflect.Value, path string) error {
	s, ok := numberText(v)
	if !ok {
		return &fieldError{path, problemNumber}
	}
	f, err := strconv.ParseFloat(s, dst.Type().Bits())
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return &fieldError{path, problemNumber}
	}
	dst.SetFloat(f)
	return nil
}

// decodeTime reads a timestamp: ISO 8601 text, or a number of seconds since
// the epoch.
func decodeTime(v value.Value, dst reflect.Value, path string) error {
	switch x := v.(type) {
	case value.Number:
		f := x.Float64()
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e13 {
			return &fieldError{path, problemTime}
		}
		sec, frac := math.Modf(f)
		dst.Set(reflect.ValueOf(time.Unix(int64(sec), int64(frac*1e9)).UTC()))
		return nil
	case string:
		for _, layout := range timeLayouts {
			if t, err := time.Parse(layout, x); err == nil {
				dst.Set(reflect.ValueOf(t.UTC()))
				return nil
			}
		}
	}
	return &fieldError{path, problemTime}
}

var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04:05", "2006-01-02", time.RFC1123}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// fieldIndex maps a struct's member names to field indexes: by exact name,
// and by a folded name for parameters written in another case.
type fieldIndex struct {
	exact  map[string]int
	folded map[string]int
}

func (f *fieldIndex) lookup(name string) (int, bool) {
	if i, ok := f.exact[name]; ok {
		return i, true
	}
	i, ok := f.folded[foldName(name)]
	return i, ok
}

// foldName folds a member name for case-insensitive matching, ignoring
// underscores ("message_body", "messageBody" and "MessageBody" match).
func foldName(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "_", "")
}

var fieldCache sync.Map // reflect.Type -> *fieldIndex

// fieldsOf returns the member fields of an SDK struct type (cached).
func fieldsOf(t reflect.Type) *fieldIndex {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*fieldIndex)
	}
	idx := &fieldIndex{exact: map[string]int{}, folded: map[string]int{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() || sf.Anonymous || sf.Name == "ResultMetadata" {
			continue
		}
		idx.exact[sf.Name] = i
		idx.folded[foldName(sf.Name)] = i
	}
	fieldCache.Store(t, idx)
	return idx
}
