package asl

import (
	"github.com/stepwisehq/stepwise/expr/payload"
	"github.com/stepwisehq/stepwise/value"
)

// Choice is a Choice state.
type Choice struct {
	Base
	Choices []ChoiceRule
	Default string
}

// ChoiceRule is one element of Choices: a condition and where to go when it
// holds.
type ChoiceRule struct {
	Condition Condition // JSONPath rules
	Expr      *Template // JSONata Condition
	Next      string
	Output    *Template
	Assign    *Template
	// AssignPath is Assign in a JSONPath rule.
	AssignPath *payload.Template
}

// Condition is a Boolean expression of a JSONPath Choice rule: *Not, *And,
// *Or or *Comparison.
type Condition interface{ condition() }

// Not negates a condition.
type Not struct{ Rule Condition }

// And holds when all its rules hold.
type And struct{ Rules []Condition }

// Or holds when any of its rules holds.
type Or struct{ Rules []Condition }

// Comparison tests the value at Variable with an operator, against a literal
// (Value) or, for the ...Path operators, the value at ValuePath.
type Comparison struct {
	Variable  *payload.Path
	Op        Operator
	Value     value.Value
	ValuePath *payload.Path // set for the ...Path variants
	// Pattern is the compiled StringMatches pattern.
	Pattern *Wildcard
}

func (*Not) condition()        {}
func (*And) condition()        {}
func (*Or) condition()         {}
func (*Comparison) condition() {}

// Operator is a Choice comparison operator, without its Path suffix.
type Operator uint8

// The comparison operators.
const (
	OpStringEquals Operator = iota + 1
	OpStringLessThan
	OpStringGreaterThan
	OpStringLessThanEquals
	OpStringGreaterThanEquals
	OpStringMatches
	OpNumericEquals
	OpNumericLessThan
	OpNumericGreaterThan
	OpNumericLessThanEquals
	OpNumericGreaterThanEquals
	OpBooleanEquals
	OpTimestampEquals
	OpTimestampLessThan
	OpTimestampGreaterThan
	OpTimestampLessThanEquals
	OpTimestampGreaterThanEquals
	OpIsNull
	OpIsPresent
	OpIsNumeric
	OpIsString
	OpIsBoolean
	OpIsTimestamp
)

var operatorNames = [...]string{"",
	"StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals",
	"StringGreaterThanEquals", "StringMatches",
	"NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals",
	"NumericGreaterThanEquals", "BooleanEquals",
	"TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals",
	"TimestampGreaterThanEquals",
	"IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp",
}

func (o Operator) String() string { return operatorNames[o] }

// IsTypeTest reports whether the operator tests the variable itself (IsNull,
// IsPresent, ...) against a Boolean.
func (o Operator) IsTypeTest() bool { return o >= OpIsNull }

// operand is the JSON type an operator compares against.
func (o Operator) operand() value.Kind {
	switch {
	case o <= OpStringMatches:
		return value.KindString
	case o <= OpNumericGreaterThanEquals:
		return value.KindNumber
	case o == OpBooleanEquals || o.IsTypeTest():
		return value.KindBool
	}
	return value.KindString // timestamps are strings
}

// HasPathVariant reports whether the operator has a ...Path form.
func (o Operator) HasPathVariant() bool {
	return !o.IsTypeTest() && o != OpStringMatches
}
