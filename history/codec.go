package history

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// The binary encoding of an Event, as the durable stores keep it:
//
//	version  byte (codecVersion)
//	mask     uvarint: one bit per field below that is set
//	fields   in bit order, each only when its bit is set
//
// Integers are zig-zag varints, strings and JSON payloads (compact text, as
// value.Append writes it) a uvarint length and the bytes, the timestamp
// seconds and nanoseconds since the epoch, Vars a count and name/value
// pairs. The Has* flags are bits of the mask with no bytes of their own. An
// encoded event delimits itself, so events can be concatenated.
const codecVersion = 1

// Bits of the field mask, in encoding order. New fields get new bits at the
// end; a decoder rejects bits it does not know.
const (
	bitID uint64 = 1 << iota
	bitPreviousID
	bitTimestamp
	bitType
	bitName
	bitInput
	bitOutput
	bitHasInput
	bitHasOutput
	bitError
	bitCause
	bitHasError
	bitHasCause
	bitResource
	bitResourceType
	bitRegion
	bitParameters
	bitTimeout
	bitHeartbeat
	bitCredentials
	bitIndex
	bitLength
	bitVars
	bitRoleArn
	bitMapRunArn
	bitWorker
	bitLocation
	bitState
	bitRedriveCount
	bitEnd
)

// Errors of the binary encoding.
var (
	ErrCorrupt     = errors.New("history: corrupt binary event")
	errBadVersion  = fmt.Errorf("%w: unknown encoding version", ErrCorrupt)
	errTruncated   = fmt.Errorf("%w: truncated", ErrCorrupt)
	errUnknownBits = fmt.Errorf("%w: unknown fields", ErrCorrupt)
)

// MarshalBinary returns the event's binary encoding.
func (e *Event) MarshalBinary() ([]byte, error) {
	return e.AppendBinary(make([]byte, 0, 64))
}

// AppendBinary appends the event's binary encoding to buf. It fails only
// when a payload holds something that is not a JSON value.
func (e *Event) AppendBinary(buf []byte) ([]byte, error) {
	if err := e.checkValues(); err != nil {
		return buf, err
	}
	mask := e.mask()
	buf = append(buf, codecVersion)
	buf = binary.AppendUvarint(buf, mask)
	buf = e.appendHead(buf, mask)
	buf = e.appendPayloads(buf, mask)
	return e.appendTail(buf, mask), nil
}

func (e *Event) mask() uint64 {
	var m uint64
	m |= bitIf(e.ID != 0, bitID) | bitIf(e.PreviousID != 0, bitPreviousID)
	m |= bitIf(!e.Timestamp.IsZero(), bitTimestamp) | bitIf(e.Type != 0, bitType)
	m |= bitIf(e.Name != "", bitName) | bitIf(e.Input != nil, bitInput)
	m |= bitIf(e.Output != nil, bitOutput) | bitIf(e.HasInput, bitHasInput)
	m |= bitIf(e.HasOutput, bitHasOutput) | bitIf(e.Error != "", bitError)
	m |= bitIf(e.Cause != "", bitCause) | bitIf(e.HasError, bitHasError)
	m |= bitIf(e.HasCause, bitHasCause) | bitIf(e.Resource != "", bitResource)
	m |= bitIf(e.ResourceType != "", bitResourceType) | bitIf(e.Region != "", bitRegion)
	m |= bitIf(e.Parameters != nil, bitParameters) | bitIf(e.TimeoutSeconds != 0, bitTimeout)
	m |= bitIf(e.HeartbeatSeconds != 0, bitHeartbeat) | bitIf(e.Credentials != nil, bitCredentials)
	m |= bitIf(e.Index != 0, bitIndex) | bitIf(e.Length != 0, bitLength)
	m |= bitIf(e.Vars != nil, bitVars) | bitIf(e.RoleArn != "", bitRoleArn)
	m |= bitIf(e.MapRunArn != "", bitMapRunArn) | bitIf(e.Worker != "", bitWorker)
	m |= bitIf(e.Location != "", bitLocation) | bitIf(e.State != "", bitState)
	m |= bitIf(e.RedriveCount != 0, bitRedriveCount)
	return m
}

func bitIf(cond bool, bit uint64) uint64 {
	if cond {
		return bit
	}
	return 0
}

// appendHead writes the fields up to and including Name.
func (e *Event) appendHead(buf []byte, m uint64) []byte {
	if m&bitID != 0 {
		buf = binary.AppendVarint(buf, e.ID)
	}
	if m&bitPreviousID != 0 {
		buf = binary.AppendVarint(buf, e.PreviousID)
	}
	if m&bitTimestamp != 0 {
		buf = binary.AppendVarint(buf, e.Timestamp.Unix())
		buf = binary.AppendUvarint(buf, uint64(e.Timestamp.Nanosecond()))
	}
	if m&bitType != 0 {
		buf = append(buf, byte(e.Type))
	}
	return appendStr(buf, m&bitName != 0, e.Name)
}

// appendPayloads writes the fields from Input to Region.
func (e *Event) appendPayloads(buf []byte, m uint64) []byte {
	buf = appendVal(buf, m&bitInput != 0, e.Input)
	buf = appendVal(buf, m&bitOutput != 0, e.Output)
	buf = appendStr(buf, m&bitError != 0, e.Error)
	buf = appendStr(buf, m&bitCause != 0, e.Cause)
	buf = appendStr(buf, m&bitResource != 0, e.Resource)
	buf = appendStr(buf, m&bitResourceType != 0, e.ResourceType)
	return appendStr(buf, m&bitRegion != 0, e.Region)
}

// appendTail writes the fields from Parameters to the end.
func (e *Event) appendTail(buf []byte, m uint64) []byte {
	buf = appendVal(buf, m&bitParameters != 0, e.Parameters)
	buf = appendInt(buf, m&bitTimeout != 0, e.TimeoutSeconds)
	buf = appendInt(buf, m&bitHeartbeat != 0, e.HeartbeatSeconds)
	buf = appendVal(buf, m&bitCredentials != 0, e.Credentials)
	buf = appendInt(buf, m&bitIndex != 0, int64(e.Index))
	buf = appendInt(buf, m&bitLength != 0, int64(e.Length))
	if m&bitVars != 0 {
		buf = binary.AppendUvarint(buf, uint64(len(e.Vars)))
		for _, v := range e.Vars {
			buf = appendStr(buf, true, v.Name)
			buf = appendVal(buf, true, v.Value)
		}
	}
	buf = appendStr(buf, m&bitRoleArn != 0, e.RoleArn)
	buf = appendStr(buf, m&bitMapRunArn != 0, e.MapRunArn)
	buf = appendStr(buf, m&bitWorker != 0, e.Worker)
	buf = appendStr(buf, m&bitLocation != 0, e.Location)
	buf = appendStr(buf, m&bitState != 0, e.State)
	return appendInt(buf, m&bitRedriveCount != 0, int64(e.RedriveCount))
}

func appendStr(buf []byte, set bool, s string) []byte {
	if !set {
		return buf
	}
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

func appendInt(buf []byte, set bool, i int64) []byte {
	if !set {
		return buf
	}
	return binary.AppendVarint(buf, i)
}

// appendVal writes a payload as its length and compact JSON text, computing
// the length first so that the text is written in place.
func appendVal(buf []byte, set bool, v value.Value) []byte {
	if !set {
		return buf
	}
	buf = binary.AppendUvarint(buf, uint64(value.EncodedLen(v)))
	return value.Append(buf, v)
}

// checkValues reports a payload that value.Append cannot write.
func (e *Event) checkValues() error {
	for _, v := range [...]value.Value{e.Input, e.Output, e.Parameters, e.Credentials} {
		if !isJSON(v, 0) {
			return fmt.Errorf("history: encode event %d: %T is not a JSON value", e.ID, v)
		}
	}
	for _, v := range e.Vars {
		if !isJSON(v.Value, 0) {
			return fmt.Errorf("history: encode event %d: variable %q: %T is not a JSON value", e.ID, v.Name, v.Value)
		}
	}
	return nil
}

// maxDepth bounds the nesting checkValues walks, as value.Parse does.
const maxDepth = 10000

func isJSON(v value.Value, depth int) bool {
	switch x := v.(type) {
	case nil, bool, string:
		return true
	case value.Number:
		return isNumber(string(x))
	case []value.Value:
		return depth < maxDepth && allJSON(x, depth+1)
	case *value.Object:
		if depth >= maxDepth {
			return false
		}
		for _, m := range x.Members() {
			if !isJSON(m.Value, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// isNumber tells whether s is JSON number text:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		i = skipDigits(s, i)
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		if j := skipDigits(s, i+1); j > i+1 {
			i = j
		} else {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := skipDigits(s, i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(s)
}

func skipDigits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func allJSON(vs []value.Value, depth int) bool {
	for _, v := range vs {
		if !isJSON(v, depth) {
			return false
		}
	}
	return true
}

// UnmarshalBinary sets the event from its binary encoding. It copies what
// it keeps: data may be reused afterwards. The timestamp comes back in UTC.
func (e *Event) UnmarshalBinary(data []byte) error {
	d := decoder{data: data}
	*e = Event{}
	d.event(e)
	if d.err == nil && d.pos != len(data) {
		d.err = fmt.Errorf("%w: %d bytes after the event", ErrCorrupt, len(data)-d.pos)
	}
	return d.err
}

// AppendEvents appends the binary encodings of events, preceded by their
// count.
func AppendEvents(buf []byte, events []Event) ([]byte, error) {
	buf = binary.AppendUvarint(buf, uint64(len(events)))
	var err error
	for i := range events {
		if buf, err = events[i].AppendBinary(buf); err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// DecodeEvents reads what AppendEvents wrote.
func DecodeEvents(data []byte) ([]Event, error) {
	d := decoder{data: data}
	n := d.uvarint()
	// An encoded event takes at least two bytes: bound the allocation.
	if d.err != nil || n > uint64(len(data)-d.pos)/2 {
		return nil, errTruncated
	}
	events := make([]Event, n)
	for i := range events {
		d.event(&events[i])
	}
	if d.err == nil && d.pos != len(data) {
		d.err = fmt.Errorf("%w: %d bytes after the events", ErrCorrupt, len(data)-d.pos)
	}
	if d.err != nil {
		return nil, d.err
	}
	return events, nil
}

// shareBelow is the size of encodings whose string fields share one copy
// of the encoding (one allocation instead of one per string); above it each
// string is copied alone, so that a short name does not keep a large
// payload's bytes alive.
const shareBelow = 2048

// decoder reads an encoding; after the first error every read returns a
// zero value and the error stays.
type decoder struct {
	data []byte
	text string // data as a string, made once, that string fields share
	pos  int
	err  error
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *decoder) event(e *Event) {
	if d.byte() != codecVersion {
		d.fail(errBadVersion)
		return
	}
	m := d.uvarint()
	if m >= bitEnd {
		d.fail(errUnknownBits)
	}
	if d.err != nil {
		return
	}
	d.head(e, m)
	d.payloads(e, m)
	d.tail(e, m)
	e.HasInput, e.HasOutput = m&bitHasInput != 0, m&bitHasOutput != 0
	e.HasError, e.HasCause = m&bitHasError != 0, m&bitHasCause != 0
}

func (d *decoder) head(e *Event, m uint64) {
	e.ID = d.int(m&bitID != 0)
	e.PreviousID = d.int(m&bitPreviousID != 0)
	if m&bitTimestamp != 0 {
		sec, nsec := d.varint(), d.uvarint()
		if nsec >= 1e9 {
			d.fail(fmt.Errorf("%w: timestamp nanoseconds %d", ErrCorrupt, nsec))
			return
		}
		e.Timestamp = time.Unix(sec, int64(nsec)).UTC()
	}
	if m&bitType != 0 {
		e.Type = Type(d.byte())
		if e.Type >= typeCount {
			d.fail(fmt.Errorf("%w: event type %d", ErrCorrupt, e.Type))
		}
	}
	e.Name = d.str(m&bitName != 0)
}

func (d *decoder) payloads(e *Event, m uint64) {
	e.Input = d.val(m&bitInput != 0)
	e.Output = d.val(m&bitOutput != 0)
	e.Error = d.str(m&bitError != 0)
	e.Cause = d.str(m&bitCause != 0)
	e.Resource = d.str(m&bitResource != 0)
	e.ResourceType = d.str(m&bitResourceType != 0)
	e.Region = d.str(m&bitRegion != 0)
}

func (d *decoder) tail(e *Event, m uint64) {
	e.Parameters = d.val(m&bitParameters != 0)
	e.TimeoutSeconds = d.int(m&bitTimeout != 0)
	e.HeartbeatSeconds = d.int(m&bitHeartbeat != 0)
	e.Credentials = d.val(m&bitCredentials != 0)
	e.Index = d.smallInt(m&bitIndex != 0)
	e.Length = d.smallInt(m&bitLength != 0)
	if m&bitVars != 0 {
		e.Vars = d.vars()
	}
	e.RoleArn = d.str(m&bitRoleArn != 0)
	e.MapRunArn = d.str(m&bitMapRunArn != 0)
	e.Worker = d.str(m&bitWorker != 0)
	e.Location = d.str(m&bitLocation != 0)
	e.State = d.str(m&bitState != 0)
	e.RedriveCount = d.smallInt(m&bitRedriveCount != 0)
}

func (d *decoder) vars() []Var {
	n := d.uvarint()
	// A variable takes at least three bytes: bound the allocation.
	if n > uint64(len(d.data)-d.pos)/3 {
		d.fail(errTruncated)
		return nil
	}
	vs := make([]Var, n)
	for i := range vs {
		vs[i].Name = d.str(true)
		vs[i].Value = d.val(true)
	}
	return vs
}

func (d *decoder) byte() byte {
	if d.err != nil || d.pos >= len(d.data) {
		d.fail(errTruncated)
		return 0
	}
	d.pos++
	return d.data[d.pos-1]
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	u, n := binary.Uvarint(d.data[d.pos:])
	if n <= 0 {
		d.fail(errTruncated)
		return 0
	}
	d.pos += n
	return u
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	i, n := binary.Varint(d.data[d.pos:])
	if n <= 0 {
		d.fail(errTruncated)
		return 0
	}
	d.pos += n
	return i
}

func (d *decoder) int(set bool) int64 {
	if !set {
		return 0
	}
	return d.varint()
}

func (d *decoder) smallInt(set bool) int {
	i := d.int(set)
	if int64(int(i)) != i {
		d.fail(fmt.Errorf("%w: %d out of range", ErrCorrupt, i))
		return 0
	}
	return int(i)
}

// span reads a length and returns the bounds of that many bytes.
func (d *decoder) span() (start, end int) {
	n := d.uvarint()
	if d.err != nil {
		return 0, 0
	}
	if n > uint64(len(d.data)-d.pos) {
		d.fail(errTruncated)
		return 0, 0
	}
	start = d.pos
	d.pos += int(n)
	return start, d.pos
}

func (d *decoder) str(set bool) string {
	if !set {
		return ""
	}
	start, end := d.span()
	if start == end {
		return ""
	}
	if len(d.data) > shareBelow {
		return string(d.data[start:end])
	}
	if d.text == "" {
		d.text = string(d.data)
	}
	return d.text[start:end]
}

func (d *decoder) val(set bool) value.Value {
	if !set {
		return nil
	}
	start, end := d.span()
	if d.err != nil {
		return nil
	}
	v, err := value.Parse(d.data[start:end])
	if err != nil {
		d.fail(fmt.Errorf("%w: payload: %w", ErrCorrupt, err))
		return nil
	}
	return v
}
