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
