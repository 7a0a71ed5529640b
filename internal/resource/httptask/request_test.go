package httptask

import (
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestParseCall(t *testing.T) {
	t.Parallel()
	tests := []struct {
		params string
		err    string // "" = valid
	}{
		{`{"ApiEndpoint":"https://api.example.com/x","Method":"GET"}`, ""},
		{`{"ApiEndpoint":"https://a/","Method":"patch","Headers":{"A":"1","B":2,"C":true},"QueryParameters":{"q":null,"o":{"a":1}},"RequestBody":null,"InvocationConfig":{}}`, ""},
		{`{"ApiEndpoint":"https://a/","Method":"POST","Transform":{"RequestBodyEncoding":"NONE","RequestEncodingOptions":{"ArrayFormat":"BRACKETS"}},"Authentication":{"ConnectionArn":"arn"}}`, ""},
		{`[]`, "The field 'ApiEndpoint' is required but was missing"},
		{`{"Method":"GET"}`, "The field 'ApiEndpoint' is required but was missing"},
		{`{"ApiEndpoint":"https://a/"}`, "The field 'Method' is required but was missing"},
		{`{"ApiEndpoint":1,"Method":"GET"}`, "The value for the field 'ApiEndpoint' must be a STRING"},
		{`{"ApiEndpoint":"/relative","Method":"GET"}`, "The value for the field 'ApiEndpoint' must be an absolute http or https URL"},
		{`{"ApiEndpoint":"https://a/","Method":"TRACE"}`, "The value for the field 'Method' must be one of GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Headers":[]}`, "The value for the field 'Headers' must be an OBJECT"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Headers":{"A":{}}}`, "The value for the field 'Headers.A' must be a STRING"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Headers":{"A":"x\ny"}}`, "The value for the field 'Headers.A' must be a STRING"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Headers":{"x-amz-date":"x"}}`, "The header 'x-amz-date' is not allowed in the field 'Headers'"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Headers":{"a b":"x"}}`, "The header 'a b' is not allowed in the field 'Headers'"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","QueryParameters":"q=1"}`, "The value for the field 'QueryParameters' must be an OBJECT"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Transform":{"RequestBodyEncoding":"GZIP"}}`, "The value for the field 'Transform.RequestBodyEncoding' must be one of NONE, URL_ENCODED"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Transform":{"Other":1}}`, "The field 'Transform.Other' is not supported by Step Functions"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Transform":{"RequestEncodingOptions":{"ArrayFormat":"JSON"}}}`, "The value for the field 'Transform.RequestEncodingOptions.ArrayFormat' must be one of INDICES, REPEAT, COMMAS, BRACKETS"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Transform":{"RequestEncodingOptions":{"X":1}}}`, "The field 'Transform.RequestEncodingOptions.X' is not supported by Step Functions"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Transform":1}`, "The value for the field 'Transform' must be an OBJECT"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Authentication":{"ConnectionArn":1}}`, "The value for the field 'Authentication.ConnectionArn' must be a STRING"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Authentication":{"Token":"x"}}`, "The field 'Authentication.Token' is not supported by Step Functions"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Authentication":"x"}`, "The value for the field 'Authentication' must be an OBJECT"},
		{`{"ApiEndpoint":"https://a/","Method":"GET","Url":"x"}`, "The field 'Url' is not supported by Step Functions"},
	}
	for _, tt := range tests {
		_, err := parseCall(value.MustParse(tt.params))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.err {
			t.Errorf("%s:\n got %q\nwant %q", tt.params, got, tt.err)
		}
	}
}

func TestFormEncode(t *testing.T) {
	t.Parallel()
	body := value.MustParse(`{"s":"a b&c","n":1.5,"b":true,"z":null,"arr":["x","y"],"o":{"k":["v"]},"mix":[{"a":1},"t"]}`).(*value.Object)
	tests := map[arrayFormat]string{
		indices:  "s=a+b%26c&n=1.5&b=true&z=&arr[0]=x&arr[1]=y&o[k][0]=v&mix[0][a]=1&mix[1]=t",
		repeat:   "s=a+b%26c&n=1.5&b=true&z=&arr=x&arr=y&o[k]=v&mix[a]=1&mix=t",
		commas:   "s=a+b%26c&n=1.5&b=true&z=&arr=x,y&o[k]=v&mix[0][a]=1&mix[1]=t",
		brackets: "s=a+b%26c&n=1.5&b=true&z=&arr[]=x&arr[]=y&o[k][]=v&mix[][a]=1&mix[]=t",
	}
	unescape := strings.NewReplacer("%5B", "[", "%5D", "]", "%2C", ",")
	for format, want := range tests {
		if got := unescape.Replace(formEncode(body, format)); got != want {
			t.Errorf("format %d:\n got %s\nwant %s", format, got, want)
		}
	}
	if got := queryEncode("a=1", []kv{{"b c", "d&e"}}); got != "a=1&b+c=d%26e" {
		t.Errorf("queryEncode: %s", got)
	}
}

func TestMergeKV(t *testing.T) {
	t.Parallel()
	got := mergeKV([]kv{{"a", "1"}, {"b", "2"}}, map[string]string{"b": "c", "d": "e"})
	if len(got) != 3 || got[0] != (kv{"a", "1"}) || got[1] != (kv{"b", "c"}) || got[2] != (kv{"d", "e"}) {
		t.Errorf("mergeKV: %v", got)
	}
	if got := withoutKeys("b=1&x=2", map[string]string{"b": "z"}); got != "x=2" {
		t.Errorf("withoutKeys: %s", got)
	}
}

func TestParseToken(t *testing.T) {
	t.Parallel()
	tests := []struct {
		body, token, problem string
		minutes              int
	}{
		{`{"access_token":"t","expires_in":600}`, "t", "", 9},
		{`{"access_token":"t"}`, "t", "", 59},
		{`{"access_token":"t","expires_in":60}`, "t", "", 1},
		{`{"access_token":""}`, "", "the token response has no access_token", 0},
		{`not json`, "", "the token response is not a JSON object", 0},
	}
	for _, tt := range tests {
		tok, life, problem := parseToken([]byte(tt.body))
		if tok != tt.token || problem != tt.problem || int(life.Minutes()) != tt.minutes {
			t.Errorf("%s: %q %v %q", tt.body, tok, life, problem)
		}
	}
}
