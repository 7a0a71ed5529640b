package lambda

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// invokeInput builds the Invoke request from the parameters of
// arn:aws:states:::lambda:invoke. Payload is sent as JSON text, except that a
// string is sent as it is (so "{}" sends an empty object) and null or no
// Payload sends no body, which Lambda hands the function as {}.
func invokeInput(params value.Value) (*lambda.InvokeInput, *resource.Failure) {
	obj, _ := params.(*value.Object)
	in := &lambda.InvokeInput{}
	name, ok, err := textField(obj, "FunctionName")
	if err != nil || !ok {
		return nil, parametersFailure(params, "FunctionName", err == nil)
	}
	in.FunctionName = aws.String(name)
	in.Payload = payloadBytes(obj)
	fields := []struct {
		key string
		set func(string)
	}{
		{"InvocationType", func(s string) { in.InvocationType = types.InvocationType(s) }},
		{"LogType", func(s string) { in.LogType = types.LogType(s) }},
		{"Qualifier", func(s string) { in.Qualifier = aws.String(s) }},
		{"ClientContext", func(s string) { in.ClientContext = aws.String(s) }},
	}
	for _, f := range fields {
		s, ok, err := textField(obj, f.key)
		if err != nil {
			return nil, parametersFailure(params, f.key, false)
		}
		if ok {
			f.set(s)
		}
	}
	return in, nil
}

// errNotText marks a field whose value cannot be a string.
type errNotText struct{}

func (errNotText) Error() string { return "not a string" }

// textField returns a field as text: a string as it is, a number or boolean
// as its JSON text (as Jackson coerces them). ok is false when the field is
// absent; err is set when it holds null, an object or an array.
func textField(obj *value.Object, key string) (s string, ok bool, err error) {
	v, found := obj.Get(key)
	if !found {
		return "", false, nil
	}
	switch x := v.(type) {
	case string:
		return x, true, nil
	case value.Number:
		return string(x), true, nil
	case bool:
		return value.String(x), true, nil
	}
	return "", false, errNotText{}
}

func payloadBytes(obj *value.Object) []byte {
	v, _ := obj.Get("Payload")
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return []byte(x)
	}
	return value.Append(nil, v)
}

// parametersFailure is AWS's run-time complaint about the parameters of a
// service integration.
func parametersFailure(params value.Value, field string, missing bool) *resource.Failure {
	problem := "The value for the field '" + field + "' must be a STRING"
	if missing {
		problem = "The field '" + field + "' is required but was missing"
	}
	return resource.Fail(resource.ErrorRuntime,
		"The Parameters '"+value.String(params)+"' could not be used to start the Task: ["+problem+"]")
}
