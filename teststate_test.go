package stepwise_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise"
)

func TestTestStateContextWithoutRole(t *testing.T) {
	t.Parallel()
	b := setup(t)
	in := `{"a":1}`
	out, err := b.c.TestState(context.Background(), &stepwise.TestStateInput{
		Definition: `{"Type":"Pass","Parameters":{"role.$":"$$.Execution.RoleArn","state.$":"$$.State.Name"},"Next":"After"}`,
		Input:      &in, InspectionLevel: stepwise.InspectionLevelDebug,
	})
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != "SUCCEEDED" || out.NextState != "After" || out.Output != `{"role":null,"state":"StateName"}` {
		t.Fatalf("TestState: %+v", out)
	}
	if out.InspectionData == nil || !strings.Contains(out.InspectionData.Input, `"a":1`) {
		t.Errorf("inspection %+v", out.InspectionData)
	}
}

// TestTestStateErrorsHaveNoEventPrefix: a state tested alone has no
// history, so its runtime errors are not introduced by the state's name
// and entered event, as they are in an execution.
func TestTestStateErrorsHaveNoEventPrefix(t *testing.T) {
	t.Parallel()
	b := setup(t)
	in := `{"a":1}`
	out, err := b.c.TestState(context.Background(), &stepwise.TestStateInput{
		Definition: `{"Type":"Pass","InputPath":"$.missing","End":true}`, Input: &in,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "Invalid path '$.missing' : No results for path: $['missing']"
	if out.Status != "FAILED" || out.Error == nil || *out.Error != "States.Runtime" || out.Cause == nil || *out.Cause != want {
		t.Fatalf("TestState: %+v; want States.Runtime, %q", out, want)
	}
}

// TestTestStateEchoesContextText: a value selected from the request's
// context object is echoed in the text it was given in.
func TestTestStateEchoesContextText(t *testing.T) {
	t.Parallel()
	b := setup(t)
	in, ctxText := `[1]`, `{"Execution": {"Input": {"values": ["a",  "b"]}}}`
	out, err := b.c.TestState(context.Background(), &stepwise.TestStateInput{
		Definition: `{"Type":"Map","ItemsPath":"$$.Execution.Input.values","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}`,
		Input:      &in, Context: &ctxText, InspectionLevel: stepwise.InspectionLevelTrace,
		Mock: &stepwise.MockInput{Result: ptr(`["A", "B"]`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if out.InspectionData == nil || out.InspectionData.AfterItemsPath != `["a",  "b"]` {
		t.Fatalf("TestState: %+v %+v", out, out.InspectionData)
	}
}
