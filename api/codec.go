package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// op adapts a Client method to an operation: it decodes the body into the
// method's input and returns its output.
func op[I, O any](fn func(context.Context, *I) (*O, error)) operation {
	return func(ctx context.Context, body []byte) (any, error) {
		in := new(I)
		if err := decode(body, in); err != nil {
			return nil, err
		}
		out, err := fn(ctx, in)
		if err != nil {
			return nil, err
		}
		return out, nil
	}
}

// decode reads a JSON object into in. An empty body is an empty object.
func decode(body []byte, in any) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil
	}
	switch body[0] {
	case '{':
	case '[':
		return errSerialization("Start of list found where not expected")
	default:
		return errSerialization("Expected a JSON object as the request body.")
	}
	if err := json.Unmarshal(body, in); err != nil {
		return serializationError(err)
	}
	return nil
}

// serializationError describes a JSON decoding failure the way AWS's
// SerializationException messages do.
func serializationError(err error) error {
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) {
		return errSerialization("Malformed JSON in the request body.")
	}
	switch value, _, _ := strings.Cut(typeErr.Value, " "); value {
	case "object":
		return errSerialization("Start of structure or map found where not expected.")
	case "array":
		return errSerialization("Start of list found where not expected")
	case "number":
		return errSerialization("NUMBER_VALUE can not be converted to " + javaType(typeErr.Type))
	case "string":
		return errSerialization("STRING_VALUE can not be converted to " + javaType(typeErr.Type))
	case "bool":
		return errSerialization("TRUE_VALUE or FALSE_VALUE can not be converted to " + javaType(typeErr.Type))
	}
	return errSerialization("Malformed JSON in the request body.")
}

// javaType names the type a member has in AWS's messages.
func javaType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a String"
	case reflect.Int, reflect.Int32:
		return "an Integer"
	case reflect.Int64:
		return "a Long"
	case reflect.Float32, reflect.Float64:
		return "a Float"
	case reflect.Bool:
		return "a Boolean"
	case reflect.Slice:
		return "a List"
	}
	return "a Structure"
}

// reply writes an action's output.
func (h *handler) reply(w http.ResponseWriter, action string, out any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		h.fail(w, action, err)
		return
	}
	body := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	hdr := w.Header()
	hdr.Set("Content-Type", "application/x-amz-json-1.0")
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}
