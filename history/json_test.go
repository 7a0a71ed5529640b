package history_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/history"
)

// TestAppendJSONDetails: events carry their details under AWS's member
// names.
func TestAppendJSONDetails(t *testing.T) {
	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		e    history.Event
		want string
	}{
		{history.Event{Type: history.ExecutionRedriven, ID: 9, PreviousID: 8, RedriveCount: 2},
			`"executionRedrivenEventDetails":{"redriveCount":2}`},
		{history.Event{Type: history.MapRunStarted, ID: 5, PreviousID: 4, MapRunArn: "arn:mr"},
			`"mapRunStartedEventDetails":{"mapRunArn":"arn:mr"}`},
		{history.Event{Type: history.MapRunRedriven, ID: 12, PreviousID: 11, MapRunArn: "arn:mr", RedriveCount: 1},
			`"mapRunRedrivenEventDetails":{"mapRunArn":"arn:mr","redriveCount":1}`},
	}
	for _, tc := range tests {
		tc.e.Timestamp = at
		got := string(tc.e.AppendJSON(nil, true))
		if !strings.Contains(got, `"type":"`+tc.e.Type.String()+`"`) || !strings.Contains(got, tc.want) {
			t.Errorf("%s: %s\nwant it to hold %s", tc.e.Type, got, tc.want)
		}
	}
	if typ, ok := history.ParseType("MapRunRedriven"); !ok || typ != history.MapRunRedriven {
		t.Error("ParseType(MapRunRedriven)")
	}
}
