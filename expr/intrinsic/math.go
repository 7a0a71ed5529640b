package intrinsic

import (
	crand "crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"math"

	"github.com/stepwisehq/stepwise/value"
)

// Rand is where States.MathRandom (without a seed) and States.UUID take
// their randomness from. *math/rand.Rand satisfies it, which makes tests
// deterministic; an engine passes a source it can replay.
type Rand interface {
	// Int63 returns a uniformly distributed non-negative 63-bit integer.
	Int63() int64
}

// systemRand draws on the operating system's generator.
type systemRand struct{}

func (systemRand) Int63() int64 {
	var b [8]byte
	if _, err := crand.Read(b[:]); err != nil {
		return 0
	}
	return int64(binary.BigEndian.Uint64(b[:]) >> 1)
}

func (x *evalCtx) source() Rand {
	if x.rand == nil {
		return systemRand{}
	}
	return x.rand
}

// int63n returns a uniform integer in [0, n), n > 0.
func int63n(r Rand, n int64) int64 {
	limit := math.MaxInt64 - math.MaxInt64%n
	for {
		if v := r.Int63(); v < limit {
			return v % n
		}
	}
}

// javaRound is Java's Math.round: halves round up (-1.5 to -1).
func javaRound(f float64) float64 { return math.Floor(f + 0.5) }

// roundInt reads an argument of States.MathAdd: rounded to the nearest
// integer, which must fit Java's int.
func roundInt(v value.Value) (int64, bool) {
	n, ok := v.(value.Number)
	if !ok {
		return 0, false
	}
	if i, ok := n.Int64(); ok && n.IsIntegerText() {
		if i < math.MinInt32 || i > math.MaxInt32 {
			return 0, false
		}
		return i, true
	}
	f := javaRound(n.Float64())
	if math.IsNaN(f) || f < math.MinInt32 || f > math.MaxInt32 {
		return 0, false
	}
	return int64(f), true
}

func mathAdd(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	a, ok := roundInt(args[0])
	b, ok2 := roundInt(args[1])
	sum := a + b
	if !ok || !ok2 || sum < math.MinInt32 || sum > math.MaxInt32 {
		return nil, invalid(c.fn.name)
	}
	return value.Int(sum), nil
}

// mathRandom returns an integer in [start, end); the bounds are cut to
// integers. With a seed it is java.util.Random(seed).nextInt(end - start)
// + start, the same every time.
func mathRandom(x *evalCtx, c *call, args []value.Value) (value.Value, error) {
	start, ok := toInt(args[0])
	end, ok2 := toInt(args[1])
	bound := end - start
	if !ok || !ok2 || bound <= 0 || bound > math.MaxInt32 {
		return nil, invalid(c.fn.name)
	}
	if len(args) == 2 {
		return value.Int(start + int63n(x.source(), bound)), nil
	}
	n, ok := args[2].(value.Number)
	if !ok {
		return nil, invalid(c.fn.name)
	}
	seed := int64(math.Trunc(n.Float64()))
	if i, ok := n.Int64(); ok {
		seed = i
	}
	r := newJavaRandom(seed)
	return value.Int(start + int64(r.nextInt(int32(bound)))), nil
}

// javaRandom is java.util.Random's linear congruential generator.
type javaRandom struct{ seed int64 }

const (
	javaMultiplier = 0x5DEECE66D
	javaMask       = 1<<48 - 1
)

func newJavaRandom(seed int64) *javaRandom {
	return &javaRandom{seed: (seed ^ javaMultiplier) & javaMask}
}

func (r *javaRandom) next(bits uint) int32 {
	r.seed = (r.seed*javaMultiplier + 0xB) & javaMask
	return int32(r.seed >> (48 - bits))
}

func (r *javaRandom) nextInt(bound int32) int32 {
	v := r.next(31)
	m := bound - 1
	if bound&m == 0 {
		return int32(int64(bound) * int64(v) >> 31)
	}
	for u := v; ; u = r.next(31) {
		v = u % bound
		if u-v+m >= 0 {
			return v
		}
	}
}

// uuid returns a random (version 4) UUID.
func uuid(x *evalCtx, _ *call, _ []value.Value) (value.Value, error) {
	r := x.source()
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(r.Int63())<<1^uint64(r.Int63()))
	binary.BigEndian.PutUint64(b[8:], uint64(r.Int63())<<1^uint64(r.Int63()))
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:]), nil
}
