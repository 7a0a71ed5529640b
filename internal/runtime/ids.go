package runtime

import (
	"crypto/rand"
	"encoding/hex"
	mrand "math/rand/v2"
)

// RandomIDs generates random UUIDs and numbers; it is safe for concurrent use.
type RandomIDs struct{}

// NewID returns a random (version 4) UUID.
func (RandomIDs) NewID() string { return NewUUID() }

// Float returns a random number in [0, 1).
func (RandomIDs) Float() float64 { return mrand.Float64() }

// NewUUID returns a random (version 4) UUID.
func NewUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
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
	return string(s[:])
}
