package httptask

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// arrayFormat is how URL encoding writes arrays (Transform.
// RequestEncodingOptions.ArrayFormat).
type arrayFormat uint8

// The array formats; INDICES is the default.
const (
	indices  arrayFormat = iota // a[0]=x&a[1]=y
	repeat                      // a=x&a=y
	commas                      // a=x,y
	brackets                    // a[]=x&a[]=y
)

var arrayFormats = map[string]arrayFormat{"INDICES": indices, "REPEAT": repeat, "COMMAS": commas, "BRACKETS": brackets}

// formEncode URL-encodes an object as application/x-www-form-urlencoded:
// nested objects as key[member], arrays as the format says, null as an
// empty value.
func formEncode(obj *value.Object, format arrayFormat) string {
	var b strings.Builder
	for _, m := range obj.Members() {
		appendPair(&b, m.Key, m.Value, format)
	}
	return b.String()
}

func appendPair(b *strings.Builder, key string, v value.Value, format arrayFormat) {
	switch x := v.(type) {
	case *value.Object:
		for _, m := range x.Members() {
			appendPair(b, key+"["+m.Key+"]", m.Value, format)
		}
	case []value.Value:
		appendArray(b, key, x, format)
	default:
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(key))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(textOf(v)))
	}
}

func appendArray(b *strings.Builder, key string, arr []value.Value, format arrayFormat) {
	if format == commas && allScalar(arr) {
		texts := make([]string, len(arr))
		for i, e := range arr {
			texts[i] = textOf(e)
		}
		appendPair(b, key, strings.Join(texts, ","), format)
		return
	}
	for i, e := range arr {
		switch format {
		case repeat:
			appendPair(b, key, e, format)
		case brackets:
			appendPair(b, key+"[]", e, format)
		default:
			appendPair(b, key+"["+strconv.Itoa(i)+"]", e, format)
		}
	}
}

func allScalar(arr []value.Value) bool {
	for _, e := range arr {
		switch e.(type) {
		case *value.Object, []value.Value:
			return false
		}
	}
	return true
}

// queryEncode appends query parameters to a URL's raw query.
func queryEncode(existing string, params []kv) string {
	var b strings.Builder
	b.WriteString(existing)
	for _, p := range params {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.key) + "=" + url.QueryEscape(p.value))
	}
	return b.String()
}
