package intrinsic

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stepwisehq/stepwise/value"
)

// functions are the States.* functions by name.
var functions map[string]*function

func init() {
	functions = map[string]*function{}
	for _, f := range []*function{
		{name: "States.Format", minArgs: 1, maxArgs: -1, eval: format},
		{name: "States.StringToJson", minArgs: 1, maxArgs: 1, eval: stringToJSON},
		{name: "States.JsonToString", minArgs: 1, maxArgs: 1, eval: jsonToString},
		{name: "States.Array", minArgs: 0, maxArgs: -1, eval: array},
		{name: "States.ArrayPartition", minArgs: 2, maxArgs: 2, eval: arrayPartition},
		{name: "States.ArrayContains", minArgs: 2, maxArgs: 2, eval: arrayContains},
		{name: "States.ArrayRange", minArgs: 3, maxArgs: 3, eval: arrayRange},
		{name: "States.ArrayGetItem", minArgs: 2, maxArgs: 2, eval: arrayGetItem},
		{name: "States.ArrayLength", minArgs: 1, maxArgs: 1, eval: arrayLength},
		{name: "States.ArrayUnique", minArgs: 1, maxArgs: 1, eval: arrayUnique},
		{name: "States.Base64Encode", minArgs: 1, maxArgs: 1, eval: base64Encode},
		{name: "States.Base64Decode", minArgs: 1, maxArgs: 1, eval: base64Decode},
		{name: "States.Hash", minArgs: 2, maxArgs: 2, eval: hashOf},
		{name: "States.JsonMerge", minArgs: 3, maxArgs: 3, eval: jsonMerge},
		{name: "States.MathRandom", minArgs: 2, maxArgs: 3, eval: mathRandom},
		{name: "States.MathAdd", minArgs: 2, maxArgs: 2, eval: mathAdd},
		{name: "States.StringSplit", minArgs: 2, maxArgs: 2, eval: stringSplit},
		{name: "States.UUID", minArgs: 0, maxArgs: 0, eval: uuid},
	} {
		functions[f.name] = f
	}
}

// maxInputChars bounds the strings Base64Encode, Base64Decode and Hash take.
const maxInputChars = 10000

func stringToJSON(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return nil, invalid(c.fn.name)
	}
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	v, err := value.ParseString(s)
	if err != nil {
		return nil, invalid(c.fn.name)
	}
	return v, nil
}

func jsonToString(_ *evalCtx, _ *call, args []value.Value) (value.Value, error) {
	return value.String(args[0]), nil
}

func array(_ *evalCtx, _ *call, args []value.Value) (value.Value, error) {
	out := make([]value.Value, len(args))
	copy(out, args)
	return out, nil
}

// javaLength is a string's length as Java counts it, in UTF-16 units.
func javaLength(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func base64Encode(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	s, ok := args[0].(string)
	if !ok || javaLength(s) > maxInputChars {
		return nil, invalid(c.fn.name)
	}
	return base64.StdEncoding.EncodeToString([]byte(s)), nil
}

// base64Decode accepts padded and unpadded input, as Java's decoder does,
// and reads the bytes as UTF-8.
func base64Decode(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	s, ok := args[0].(string)
	if !ok || javaLength(s) > maxInputChars {
		return nil, invalid(c.fn.name)
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		b, err = base64.RawStdEncoding.DecodeString(s)
	}
	if err != nil {
		return nil, invalid(c.fn.name)
	}
	if !utf8.Valid(b) {
		return strings.ToValidUTF8(string(b), "\uFFFD"), nil
	}
	return string(b), nil
}

var hashes = map[string]func() hash.Hash{
	"MD5": md5.New, "SHA-1": sha1.New, "SHA-256": sha256.New, "SHA-384": sha512.New384, "SHA-512": sha512.New,
}

func hashOf(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	s, ok := args[0].(string)
	alg, ok2 := args[1].(string)
	newHash := hashes[alg]
	if !ok || !ok2 || newHash == nil || javaLength(s) > maxInputChars {
		return nil, invalid(c.fn.name)
	}
	h := newHash()
	h.Write([]byte(s))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// jsonMerge merges two objects shallowly: the second one's members replace
// the first one's, in place, and the rest follow. A deep merge (true) is not
// supported; AWS takes any other third argument for false.
func jsonMerge(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	a, ok := args[0].(*value.Object)
	b, ok2 := args[1].(*value.Object)
	if !ok || !ok2 || args[2] == true {
		return nil, invalid(c.fn.name)
	}
	ms := make([]value.Member, a.Len(), a.Len()+b.Len())
	copy(ms, a.Members())
	return value.NewObject(append(ms, b.Members()...)), nil
}

// stringSplit splits as java.util.StringTokenizer does: every character of
// the second argument is a delimiter, and empty tokens are dropped.
func stringSplit(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	s, ok := args[0].(string)
	delims, ok2 := args[1].(string)
	if !ok || !ok2 {
		return nil, invalid(c.fn.name)
	}
	out := []value.Value{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(delims, r) }) {
		out = append(out, f)
	}
	return out, nil
}
