package mock

import (
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func BenchmarkSessionNext(b *testing.B) {
	c, err := Parse([]byte(docsConfig))
	if err != nil {
		b.Fatal(err)
	}
	s, _ := c.Session("LambdaSQSIntegration", "HybridPath")
	b.ReportAllocs()
	for b.Loop() {
		s.Next("SQSState") // not mocked
	}
}

func BenchmarkSessionStart(b *testing.B) {
	c, err := Parse([]byte(docsConfig))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s, _ := c.Session("LambdaSQSIntegration", "RetryPath")
		s.Next("LambdaState")
	}
}

func BenchmarkValidateResult(b *testing.B) {
	result := value.MustParse(`{"Item": {"id": {"S": "1"}, "m": {"M": {"n": {"N": "2"}}}},
		"ConsumedCapacity": {"TableName": "t", "CapacityUnits": 1}}`)
	b.ReportAllocs()
	for b.Loop() {
		if msg := ValidateResult(arnGetItem, result, ModeStrict); msg != "" {
			b.Fatal(msg)
		}
	}
}
