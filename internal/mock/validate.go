package mock

import (
	"slices"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// The values of TestState's mock.fieldValidationMode.
const (
	ModeStrict  = "STRICT"  // required fields present, present fields conform (the default)
	ModePresent = "PRESENT" // present fields conform
	ModeNone    = "NONE"    // no check
)

// ValidateResult checks a mocked result for the Task resource (e.g.
// arn:aws:states:::lambda:invoke, arn:aws:states:::aws-sdk:s3:getObject,
// arn:aws:states:::dynamodb:putItem) in mode STRICT, PRESENT or NONE; an empty
// or unknown mode is STRICT. It returns the detail text (without the
// "Mock result schema validation error: " prefix) or "".
//
// As on AWS, fields the output model does not know are accepted. Results of
// .waitForTaskToken tasks (the callback's output), Lambda function and
// activity ARNs, and integrations without a known model are not checked.
func ValidateResult(resourceARN string, result value.Value, mode string) string {
	if mode == ModeNone {
		return ""
	}
	s := outputShape(resourceARN)
	if s == nil {
		return ""
	}
	v := validator{strict: mode != ModePresent}
	if _, ok := result.(*value.Object); !ok && s.kind == kindStruct {
		return "The mock result must be a JSON object"
	}
	return v.check(result, s, "")
}

// outputShape returns the output model of the Task resource, or nil.
func outputShape(resourceARN string) *shape {
	t, err := resource.ParseTarget(resourceARN)
	if err != nil || t.Legacy || t.Activity || t.Pattern == resource.WaitForTaskToken {
		return nil
	}
	return outputShapes[t.ResourceType+":"+t.Resource]
}

// validator checks values against shapes.
type validator struct {
	strict bool // check required members
}

// check returns the first problem of v against s; name is the field that
// holds v.
func (c validator) check(v value.Value, s *shape, name string) string {
	switch s.kind {
	case kindStruct:
		return c.structure(v, s, name)
	case kindList:
		return c.list(v, s, name)
	case kindMap:
		return c.mapValues(v, s, name)
	case kindInteger:
		return checkInteger(v, s, name)
	case kindDouble:
		return checkType(v, value.KindNumber, name, "a number")
	case kindBoolean:
		return checkType(v, value.KindBool, name, "a boolean")
	case kindString:
		return checkString(v, s, name)
	case kindTimestamp, kindBlob:
		return checkType(v, value.KindString, name, "a string")
	}
	return ""
}

func (c validator) structure(v value.Value, s *shape, name string) string {
	o, ok := v.(*value.Object)
	if !ok {
		return mustBe(name, "an object")
	}
	if c.strict {
		if msg := missingRequired(o, s); msg != "" {
			return msg
		}
	}
	for _, m := range o.Members() {
		f, known := s.member(m.Key)
		if !known {
			continue
		}
		if msg := c.check(m.Value, f.shape, f.name); msg != "" {
			return msg
		}
	}
	return ""
}

func missingRequired(o *value.Object, s *shape) string {
	for _, f := range s.members {
		if f.required && !o.Has(f.name) {
			return "Required field '" + f.name + "' is missing"
		}
	}
	return ""
}

func (c validator) list(v value.Value, s *shape, name string) string {
	items, ok := v.([]value.Value)
	if !ok {
		return mustBe(name, "an array")
	}
	for _, item := range items {
		if msg := c.check(item, s.elem, name); msg != "" {
			return msg
		}
	}
	return ""
}

func (c validator) mapValues(v value.Value, s *shape, name string) string {
	o, ok := v.(*value.Object)
	if !ok {
		return mustBe(name, "an object")
	}
	for _, m := range o.Members() {
		if msg := c.check(m.Value, s.elem, name); msg != "" {
			return msg
		}
	}
	return ""
}

func checkType(v value.Value, want value.Kind, name, what string) string {
	if value.KindOf(v) != want {
		return mustBe(name, what)
	}
	return ""
}

func checkString(v value.Value, s *shape, name string) string {
	str, ok := v.(string)
	switch {
	case !ok:
		return mustBe(name, "a string")
	case s.enum != nil && !slices.Contains(s.enum, str):
		return "Field '" + name + "' is not an expected value"
	}
	return ""
}

// checkInteger checks a whole number against the shape's bounds.
func checkInteger(v value.Value, s *shape, name string) string {
	n, ok := v.(value.Number)
	if !ok {
		return mustBe(name, "a number")
	}
	i, ok := n.Int64()
	if !ok {
		return outOfRange(n, name)
	}
	switch {
	case i > s.max:
		return exceedsMax(name)
	case i < s.min:
		return belowMin(name)
	}
	return ""
}

// outOfRange explains a number that is no int64: a fraction, or too large.
func outOfRange(n value.Number, name string) string {
	f := n.Float64()
	switch {
	case f >= 1<<63:
		return exceedsMax(name)
	case f < -(1 << 63):
		return belowMin(name)
	}
	return mustBe(name, "an integer")
}

func mustBe(name, what string) string { return "Field '" + name + "' must be " + what }

func exceedsMax(name string) string { return "Field '" + name + "' exceeds the maximum value" }

func belowMin(name string) string { return "Field '" + name + "' is below the minimum value" }
