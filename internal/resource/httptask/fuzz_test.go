package httptask

import (
	"net/url"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

// FuzzParseCall reads arbitrary parameters: never a panic, and every
// accepted call encodes its body and query.
func FuzzParseCall(f *testing.F) {
	for _, s := range []string{
		`{"ApiEndpoint":"https://a/x?y=1","Method":"POST","Headers":{"A":"1"},"QueryParameters":{"q":[1,"b"]},"RequestBody":{"a":[1,{"b":null}]},"Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"COMMAS"}}}`,
		`{"ApiEndpoint":"http://[::1]:80/","Method":"get","RequestBody":"x"}`, `{}`, `null`, `{"Transform":{"RequestEncodingOptions":[]}}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, params string) {
		v, err := value.ParseString(params)
		if err != nil {
			return
		}
		c, err := parseCall(v)
		if err != nil {
			if _, ok := err.(paramError); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		if obj, ok := c.body.(*value.Object); ok {
			if _, err := url.ParseQuery(formEncode(obj, c.arrays)); err != nil {
				t.Fatalf("form %q does not parse: %v", formEncode(obj, c.arrays), err)
			}
		}
		if _, err := url.ParseQuery(queryEncode(c.endpoint.RawQuery, c.query)); err != nil && c.endpoint.RawQuery == "" {
			t.Fatalf("query does not parse: %v", err)
		}
	})
}
