package stepwise_test

import (
	"context"
	"testing"

	"github.com/stepwisehq/stepwise"
)

// mapItemReaderData stands in for what a distributed Map's ItemReader
// reads: with a mock, it sets how many items the Map iterates.
func TestTestStateMapItemReaderData(t *testing.T) {
	t.Parallel()
	b := setup(t)
	const def = `{"Type":"Map","ToleratedFailurePercentage":50,
	 "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},
	  "Parameters":{"Bucket":"no-such-bucket","Key":"k.csv"}},
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
	 "End":true}`
	mock := `[1,2,3,4]`
	tests := []struct {
		name, data, status, errName string
	}{
		{"2 of 4 items failed", "id\n1\n2\n3\n4\n", "SUCCEEDED", ""},
		{"2 of 3 items failed", "id\n1\n2\n3\n", "FAILED", "States.ExceedToleratedFailureThreshold"},
		{"unreadable data", "id\n\"open\n", "FAILED", "States.ItemReaderFailed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			failures := 2
			out, err := b.c.TestState(context.Background(), &stepwise.TestStateInput{
				Definition: def, Mock: &stepwise.MockInput{Result: &mock},
				StateConfiguration: &stepwise.TestStateConfiguration{MapIterationFailureCount: &failures, MapItemReaderData: tc.data},
			})
			if err != nil {
				t.Fatal(err)
			}
			errName := ""
			if out.Error != nil {
				errName = *out.Error
			}
			if string(out.Status) != tc.status || errName != tc.errName {
				t.Errorf("TestState: %+v %s", out, errName)
			}
		})
	}
}
