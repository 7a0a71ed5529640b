package intrinsic

import (
	"math"
	"sort"
	"strconv"

	"github.com/stepwisehq/stepwise/value"
)

// maxRange is the most items States.ArrayRange may produce.
const maxRange = 1000

// toInt reads a number argument as Java's intValue() does: the fraction is
// cut off. ok is false for a non-number or one outside the int range.
func toInt(v value.Value) (int64, bool) {
	n, ok := v.(value.Number)
	if !ok {
		return 0, false
	}
	if i, ok := n.Int64(); ok && i >= math.MinInt32 && i <= math.MaxInt32 {
		return i, true
	}
	f := math.Trunc(n.Float64())
	if math.IsNaN(f) || f < math.MinInt32 || f > math.MaxInt32 {
		return 0, false
	}
	return int64(f), true
}

func arrayPartition(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	arr, ok := args[0].([]value.Value)
	size, ok2 := toInt(args[1])
	if !ok || !ok2 || size <= 0 {
		return nil, invalid(c.fn.name)
	}
	out := []value.Value{}
	for i := 0; i < len(arr); i += int(size) {
		end := min(len(arr), i+int(size))
		out = append(out, arr[i:end:end])
	}
	return out, nil
}

func arrayContains(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	arr, ok := args[0].([]value.Value)
	if !ok {
		return nil, invalid(c.fn.name)
	}
	key := canonical(nil, args[1])
	var buf []byte
	for _, e := range arr {
		buf = canonical(buf[:0], e)
		if string(buf) == string(key) {
			return true, nil
		}
	}
	return false, nil
}

// arrayRange counts from the first to the second argument, inclusive, by
// the third; the arguments are cut to integers.
func arrayRange(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	start, ok1 := toInt(args[0])
	end, ok2 := toInt(args[1])
	step, ok3 := toInt(args[2])
	if !ok1 || !ok2 || !ok3 || step == 0 {
		return nil, invalid(c.fn.name)
	}
	out := []value.Value{}
	if step > 0 && start > end || step < 0 && start < end {
		return out, nil
	}
	if (end-start)/step+1 > maxRange {
		return nil, invalid(c.fn.name)
	}
	for i := start; step > 0 && i <= end || step < 0 && i >= end; i += step {
		out = append(out, value.Int(i))
	}
	return out, nil
}

// arrayGetItem returns an item by index. AWS answers null for any index
// into an empty array.
func arrayGetItem(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	arr, ok := args[0].([]value.Value)
	i, ok2 := toInt(args[1])
	if !ok || !ok2 {
		return nil, invalid(c.fn.name)
	}
	if len(arr) == 0 {
		return nil, nil
	}
	if i < 0 || i >= int64(len(arr)) {
		return nil, invalid(c.fn.name)
	}
	return arr[i], nil
}

func arrayLength(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	arr, ok := args[0].([]value.Value)
	if !ok {
		return nil, invalid(c.fn.name)
	}
	return value.Int(int64(len(arr))), nil
}

// arrayUnique keeps the first of each group of equal items.
func arrayUnique(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	arr, ok := args[0].([]value.Value)
	if !ok {
		return nil, invalid(c.fn.name)
	}
	seen := make(map[string]struct{}, len(arr))
	out := []value.Value{}
	var buf []byte
	for _, e := range arr {
		buf = canonical(buf[:0], e)
		if _, dup := seen[string(buf)]; dup {
			continue
		}
		seen[string(buf)] = struct{}{}
		out = append(out, e)
	}
	return out, nil
}

// canonical appends a key under which two values are equal exactly when
// Jackson's JsonNode.equals says so: member order does not matter, and an
// integer never equals a decimal (1 and 1.0 differ), but 1.0 equals 1.00.
func canonical(b []byte, v value.Value) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, 'n')
	case bool:
		if x {
			return append(b, 't')
		}
		return append(b, 'f')
	case string:
		return strconv.AppendQuote(append(b, 's'), x)
	case value.Number:
		return canonicalNumber(b, x)
	case []value.Value:
		b = append(b, '[')
		for _, e := range x {
			b = append(canonical(b, e), ',')
		}
		return append(b, ']')
	}
	return canonicalObject(b, v.(*value.Object))
}

func canonicalNumber(b []byte, n value.Number) []byte {
	if n.IsIntegerText() {
		if i, ok := n.Int64(); ok {
			return strconv.AppendInt(append(b, 'i'), i, 10)
		}
		return append(append(b, 'I'), n...)
	}
	return strconv.AppendFloat(append(b, 'd'), n.Float64(), 'g', -1, 64)
}

func canonicalObject(b []byte, o *value.Object) []byte {
	ms := append([]value.Member(nil), o.Members()...)
	sort.Slice(ms, func(i, j int) bool { return ms[i].Key < ms[j].Key })
	b = append(b, '{')
	for _, m := range ms {
		b = strconv.AppendQuote(b, m.Key)
		b = append(canonical(append(b, ':'), m.Value), ',')
	}
	return append(b, '}')
}
