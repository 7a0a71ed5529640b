package httptask

import (
	"net/url"
	"slices"
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// call is an HTTP task's parameters, checked.
type call struct {
	endpoint   *url.URL
	method     string
	headers    []kv // in parameter order
	query      []kv
	body       value.Value // nil = none
	hasBody    bool
	urlEncoded bool
	arrays     arrayFormat
	connection string // Authentication.ConnectionArn, "" = none
}

type kv struct{ key, value string }

// paramError is a problem with the parameters, worded as AWS words the
// problems of "could not be used to start the Task: [...]".
type paramError string

func (e paramError) Error() string { return string(e) }

func unsupported(field string) error {
	return paramError("The field '" + field + "' is not supported by Step Functions")
}

func required(field string) error {
	return paramError("The field '" + field + "' is required but was missing")
}

func mustBe(field, what string) error {
	return paramError("The value for the field '" + field + "' must be " + what)
}

// methods are the HTTP methods an HTTP task can use.
var methods = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"}

// parseCall reads the parameters of arn:aws:states:::http:invoke.
func parseCall(params value.Value) (*call, error) {
	obj, ok := params.(*value.Object)
	if !ok {
		return nil, required("ApiEndpoint")
	}
	c := &call{}
	for _, m := range obj.Members() {
		if err := c.set(m.Key, m.Value); err != nil {
			return nil, err
		}
	}
	switch {
	case c.endpoint == nil:
		return nil, required("ApiEndpoint")
	case c.method == "":
		return nil, required("Method")
	}
	return c, nil
}

// set reads one parameter.
func (c *call) set(key string, v value.Value) error {
	switch key {
	case "ApiEndpoint":
		return c.setEndpoint(v)
	case "Method":
		s, ok := v.(string)
		if !ok || !slices.Contains(methods, strings.ToUpper(s)) {
			return mustBe("Method", "one of "+strings.Join(methods, ", "))
		}
		c.method = strings.ToUpper(s)
	case "Headers":
		return c.setHeaders(v)
	case "QueryParameters":
		return c.setQuery(v)
	case "RequestBody":
		c.body, c.hasBody = v, v != nil
	case "Transform":
		return c.setTransform(v)
	case "Authentication":
		return c.setAuthentication(v)
	case "InvocationConfig":
		// A private API's VPC resource: nothing to do here.
	default:
		return unsupported(key)
	}
	return nil
}

func (c *call) setEndpoint(v value.Value) error {
	s, ok := v.(string)
	if !ok {
		return mustBe("ApiEndpoint", "a STRING")
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return mustBe("ApiEndpoint", "an absolute http or https URL")
	}
	c.endpoint = u
	return nil
}

// reservedHeaders are headers an HTTP task cannot set: the transport's own
// and AWS's.
var reservedHeaders = []string{"host", "content-length", "transfer-encoding", "connection", "keep-alive",
	"upgrade", "te", "trailer", "expect", "proxy-authorization", "proxy-connection"}

func reservedHeader(name string) bool {
	n := strings.ToLower(name)
	return slices.Contains(reservedHeaders, n) || strings.HasPrefix(n, "x-amz-") || strings.HasPrefix(n, "x-amzn-")
}

func (c *call) setHeaders(v value.Value) error {
	obj, ok := v.(*value.Object)
	if !ok {
		return mustBe("Headers", "an OBJECT")
	}
	for _, m := range obj.Members() {
		if reservedHeader(m.Key) || !validHeaderName(m.Key) {
			return paramError("The header '" + m.Key + "' is not allowed in the field 'Headers'")
		}
		s, ok := scalarText(m.Value)
		if !ok || strings.ContainsAny(s, "\r\n") {
			return mustBe("Headers."+m.Key, "a STRING")
		}
		c.headers = append(c.headers, kv{m.Key, s})
	}
	return nil
}

func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTokenByte(s[i]) {
			return false
		}
	}
	return true
}

func isTokenByte(b byte) bool {
	return b > ' ' && b < 0x7f && !strings.ContainsRune(`"(),/:;<=>?@[\]{}`, rune(b))
}

func (c *call) setQuery(v value.Value) error {
	obj, ok := v.(*value.Object)
	if !ok {
		return mustBe("QueryParameters", "an OBJECT")
	}
	for _, m := range obj.Members() {
		if arr, isArr := m.Value.([]value.Value); isArr {
			for _, e := range arr {
				c.query = append(c.query, kv{m.Key, textOf(e)})
			}
			continue
		}
		c.query = append(c.query, kv{m.Key, textOf(m.Value)})
	}
	return nil
}

func (c *call) setTransform(v value.Value) error {
	obj, ok := v.(*value.Object)
	if !ok {
		return mustBe("Transform", "an OBJECT")
	}
	for _, m := range obj.Members() {
		switch m.Key {
		case "RequestBodyEncoding":
			switch m.Value {
			case "NONE":
			case "URL_ENCODED":
				c.urlEncoded = true
			default:
				return mustBe("Transform.RequestBodyEncoding", "one of NONE, URL_ENCODED")
			}
		case "RequestEncodingOptions":
			if err := c.setEncodingOptions(m.Value); err != nil {
				return err
			}
		default:
			return unsupported("Transform." + m.Key)
		}
	}
	return nil
}

func (c *call) setEncodingOptions(v value.Value) error {
	obj, ok := v.(*value.Object)
	if !ok {
		return mustBe("Transform.RequestEncodingOptions", "an OBJECT")
	}
	for _, m := range obj.Members() {
		if m.Key != "ArrayFormat" {
			return unsupported("Transform.RequestEncodingOptions." + m.Key)
		}
		s, _ := m.Value.(string)
		f, ok := arrayFormats[s]
		if !ok {
			return mustBe("Transform.RequestEncodingOptions.ArrayFormat", "one of INDICES, REPEAT, COMMAS, BRACKETS")
		}
		c.arrays = f
	}
	return nil
}

func (c *call) setAuthentication(v value.Value) error {
	obj, ok := v.(*value.Object)
	if !ok {
		return mustBe("Authentication", "an OBJECT")
	}
	for _, m := range obj.Members() {
		if m.Key != "ConnectionArn" {
			return unsupported("Authentication." + m.Key)
		}
		s, ok := m.Value.(string)
		if !ok {
			return mustBe("Authentication.ConnectionArn", "a STRING")
		}
		c.connection = s
	}
	return nil
}

// scalarText returns a string, number or boolean as text.
func scalarText(v value.Value) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case value.Number:
		return string(x), true
	case bool:
		return value.String(x), true
	}
	return "", false
}

// textOf returns a scalar's text, any other value's JSON text ("" for
// null).
func textOf(v value.Value) string {
	if s, ok := scalarText(v); ok {
		return s
	}
	if v == nil {
		return ""
	}
	return value.String(v)
}
