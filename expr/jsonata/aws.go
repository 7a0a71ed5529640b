package jsonata

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"math"

	"github.com/stepwisehq/stepwise/value"
)

// The functions Step Functions adds to JSONata.

func defineStepFunctions() {
	defineU("partition", "<an:a>", 2, fnPartition)
	define("range", "<nnn?:a>", 3, fnRange)
	defineU("hash", "<ss:s>", 2, fnHash)
	define("uuid", "<:s>", 0, fnUUID)
	defineU("parse", "<s-:x>", 1, fnParse)
}

// fnPartition splits an array into chunks of a size.
func fnPartition(_ *evaluator, _ callInfo, args []any) (any, error) {
	xs, size := list(args, 0), num(args, 1)
	if size < 1 || size != math.Trunc(size) {
		return nil, errorValue("D3150", args[1])
	}
	n := int(math.Min(size, float64(len(xs)+1)))
	result := &array{}
	for i := 0; i < len(xs); i += n {
		end := min(i+n, len(xs))
		result.push(&array{items: append([]any(nil), xs[i:end]...)})
	}
	return result, nil
}

// fnRange returns the integers from start to end (inclusive) by step.
func fnRange(_ *evaluator, _ callInfo, args []any) (any, error) {
	if arg(args, 0) == undefined || arg(args, 1) == undefined {
		return undefined, nil
	}
	start, end, step := num(args, 0), num(args, 1), 1.0
	if arg(args, 2) != undefined {
		step = num(args, 2)
	}
	if !isInteger(start) || !isInteger(end) || !isInteger(step) || step == 0 {
		return nil, newError("D3151")
	}
	count := math.Floor((end-start)/step) + 1
	if count > rangeLimit {
		return nil, errorValue("D2014", count)
	}
	result := newSeq(max(int(count), 0))
	for i := 0.0; i < count; i++ {
		result.push(start + i*step)
	}
	return result, nil
}

func isInteger(f float64) bool { return f == math.Trunc(f) && !math.IsInf(f, 0) }

var hashes = map[string]func() hash.Hash{
	"MD5": md5.New, "SHA-1": sha1.New, "SHA-256": sha256.New, "SHA-384": sha512.New384, "SHA-512": sha512.New,
}

// fnHash returns the hex digest of a string.
func fnHash(_ *evaluator, _ callInfo, args []any) (any, error) {
	newHash, ok := hashes[str(args, 1)]
	if !ok {
		return nil, errorValue("D3152", arg(args, 1))
	}
	h := newHash()
	h.Write([]byte(str(args, 0)))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// fnRandom is $random(): a number in [0, 1), from the evaluation's source,
// or from a generator seeded with the argument (the same seed gives the
// same number).
func fnRandom(ev *evaluator, _ callInfo, args []any) (any, error) {
	if arg(args, 0) == undefined {
		return ev.rand(), nil
	}
	return newJavaRandom(int64(num(args, 0))).nextDouble(), nil
}

// javaRandom is the linear congruential generator of java.util.Random.
type javaRandom struct{ seed int64 }

const (
	lcgMultiplier = 0x5DEECE66D
	lcgMask       = (1 << 48) - 1
)

func newJavaRandom(seed int64) *javaRandom {
	return &javaRandom{seed: (seed ^ lcgMultiplier) & lcgMask}
}

func (r *javaRandom) next(bits uint) int64 {
	r.seed = (r.seed*lcgMultiplier + 0xB) & lcgMask
	return r.seed >> (48 - bits)
}

func (r *javaRandom) nextDouble() float64 {
	return float64(r.next(26)<<27+r.next(27)) / (1 << 53)
}

// fnUUID returns a random (version 4) UUID.
func fnUUID(ev *evaluator, _ callInfo, _ []any) (any, error) {
	var b [16]byte
	for i := range b {
		b[i] = byte(ev.rand() * 256)
	}
	b[6] = b[6]&0x0F | 0x40
	b[8] = b[8]&0x3F | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], nil
}

// fnParse parses a JSON text.
func fnParse(_ *evaluator, _ callInfo, args []any) (any, error) {
	v, err := value.ParseString(str(args, 0))
	if err != nil {
		return nil, errorValue("D3153", args[0])
	}
	return normalizeNumbers(v), nil
}

// normalizeNumbers rewrites parsed numbers as JavaScript prints them.
func normalizeNumbers(v value.Value) any {
	switch x := v.(type) {
	case value.Number:
		return parseNumber(x)
	case []value.Value:
		out := &array{items: make([]any, len(x))}
		for i, e := range x {
			out.items[i] = normalizeNumbers(e)
		}
		return out
	case *value.Object:
		o := newObject(x.Len())
		for _, m := range x.Members() {
			o.set(m.Key, normalizeNumbers(m.Value))
		}
		return o
	}
	return v
}
