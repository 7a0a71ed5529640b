package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise"
)

// The wire names of every action's input and output, checked against
// aws-sdk-go-v2's serializers: a fully populated SDK input must decode into
// every member of stepwise's input, and a fully populated stepwise output
// must fill every member of the SDK's output.

// actionTypes pairs each action with stepwise's input and output types.
var actionTypes = map[string][2]any{
	"CreateActivity":                   {stepwise.CreateActivityInput{}, stepwise.CreateActivityOutput{}},
	"CreateStateMachine":               {stepwise.CreateStateMachineInput{}, stepwise.CreateStateMachineOutput{}},
	"CreateStateMachineAlias":          {stepwise.CreateStateMachineAliasInput{}, stepwise.CreateStateMachineAliasOutput{}},
	"DeleteActivity":                   {stepwise.DeleteActivityInput{}, stepwise.DeleteActivityOutput{}},
	"DeleteStateMachine":               {stepwise.DeleteStateMachineInput{}, stepwise.DeleteStateMachineOutput{}},
	"DeleteStateMachineAlias":          {stepwise.DeleteStateMachineAliasInput{}, stepwise.DeleteStateMachineAliasOutput{}},
	"DeleteStateMachineVersion":        {stepwise.DeleteStateMachineVersionInput{}, stepwise.DeleteStateMachineVersionOutput{}},
	"DescribeActivity":                 {stepwise.DescribeActivityInput{}, stepwise.DescribeActivityOutput{}},
	"DescribeExecution":                {stepwise.DescribeExecutionInput{}, stepwise.DescribeExecutionOutput{}},
	"DescribeMapRun":                   {stepwise.DescribeMapRunInput{}, stepwise.DescribeMapRunOutput{}},
	"DescribeStateMachine":             {stepwise.DescribeStateMachineInput{}, stepwise.DescribeStateMachineOutput{}},
	"DescribeStateMachineAlias":        {stepwise.DescribeStateMachineAliasInput{}, stepwise.DescribeStateMachineAliasOutput{}},
	"DescribeStateMachineForExecution": {stepwise.DescribeStateMachineForExecutionInput{}, stepwise.DescribeStateMachineForExecutionOutput{}},
	"GetActivityTask":                  {stepwise.GetActivityTaskInput{}, stepwise.GetActivityTaskOutput{}},
	"GetExecutionHistory":              {stepwise.GetExecutionHistoryInput{}, stepwise.GetExecutionHistoryOutput{}},
	"ListActivities":                   {stepwise.ListActivitiesInput{}, stepwise.ListActivitiesOutput{}},
	"ListExecutions":                   {stepwise.ListExecutionsInput{}, stepwise.ListExecutionsOutput{}},
	"ListMapRuns":                      {stepwise.ListMapRunsInput{}, stepwise.ListMapRunsOutput{}},
	"ListStateMachineAliases":          {stepwise.ListStateMachineAliasesInput{}, stepwise.ListStateMachineAliasesOutput{}},
	"ListStateMachineVersions":         {stepwise.ListStateMachineVersionsInput{}, stepwise.ListStateMachineVersionsOutput{}},
	"ListStateMachines":                {stepwise.ListStateMachinesInput{}, stepwise.ListStateMachinesOutput{}},
	"ListTagsForResource":              {stepwise.ListTagsForResourceInput{}, stepwise.ListTagsForResourceOutput{}},
	"PublishStateMachineVersion":       {stepwise.PublishStateMachineVersionInput{}, stepwise.PublishStateMachineVersionOutput{}},
	"RedriveExecution":                 {stepwise.RedriveExecutionInput{}, stepwise.RedriveExecutionOutput{}},
	"SendTaskFailure":                  {stepwise.SendTaskFailureInput{}, stepwise.SendTaskFailureOutput{}},
	"SendTaskHeartbeat":                {stepwise.SendTaskHeartbeatInput{}, stepwise.SendTaskHeartbeatOutput{}},
	"SendTaskSuccess":                  {stepwise.SendTaskSuccessInput{}, stepwise.SendTaskSuccessOutput{}},
	"StartExecution":                   {stepwise.StartExecutionInput{}, stepwise.StartExecutionOutput{}},
	"StartSyncExecution":               {stepwise.StartSyncExecutionInput{}, stepwise.StartSyncExecutionOutput{}},
	"StopExecution":                    {stepwise.StopExecutionInput{}, stepwise.StopExecutionOutput{}},
	"TagResource":                      {stepwise.TagResourceInput{}, stepwise.TagResourceOutput{}},
	"TestState":                        {stepwise.TestStateInput{}, stepwise.TestStateOutput{}},
	"UntagResource":                    {stepwise.UntagResourceInput{}, stepwise.UntagResourceOutput{}},
	"UpdateMapRun":                     {stepwise.UpdateMapRunInput{}, stepwise.UpdateMapRunOutput{}},
	"UpdateStateMachine":               {stepwise.UpdateStateMachineInput{}, stepwise.UpdateStateMachineOutput{}},
	"UpdateStateMachineAlias":          {stepwise.UpdateStateMachineAliasInput{}, stepwise.UpdateStateMachineAliasOutput{}},
	"ValidateStateMachineDefinition":   {stepwise.ValidateStateMachineDefinitionInput{}, stepwise.ValidateStateMachineDefinitionOutput{}},
}

// fakeSFN records request bodies and answers with a canned body.
type fakeSFN struct {
	mu       sync.Mutex
	lastBody []byte
	reply    []byte
}

func (f *fakeSFN) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastBody = body
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	_, _ = w.Write(f.reply)
}

// fill sets every exported field of v (recursively) to a non-zero value.
func fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth)
	case reflect.Struct:
		fillStruct(v, depth)
	case reflect.String:
		v.SetString("s")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(7.5)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), depth+1)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, depth+1)
		fill(e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	}
}

func fillStruct(v reflect.Value, depth int) {
	switch v.Type() {
	case reflect.TypeOf(time.Time{}):
		v.Set(reflect.ValueOf(time.Unix(1700000000, 0).UTC()))
		return
	case reflect.TypeOf(stepwise.Time{}):
		v.Set(reflect.ValueOf(stepwise.NewTime(time.Unix(1700000000, 0))))
		return
	}
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.CanSet() && v.Type().Field(i).Name != "ResultMetadata" {
			fill(f, depth)
		}
	}
}

// zeroFields lists the exported fields of v (recursively) left at zero.
func zeroFields(v reflect.Value, path string) []string {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return []string{path}
		}
		return zeroFields(v.Elem(), path)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) || v.Type() == reflect.TypeOf(stepwise.Time{}) {
			if v.Interface() == reflect.Zero(v.Type()).Interface() {
				return []string{path}
			}
			return nil
		}
		var out []string
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.IsExported() && f.Name != "ResultMetadata" {
				out = append(out, zeroFields(v.Field(i), path+"."+f.Name)...)
			}
		}
		return out
	case reflect.Slice, reflect.Map:
		if v.Len() == 0 {
			return []string{path}
		}
		if v.Kind() == reflect.Slice && v.Type() != reflect.TypeOf(json.RawMessage{}) {
			return zeroFields(v.Index(0), path+"[0]")
		}
		return nil
	}
	if v.IsZero() {
		return []string{path}
	}
	return nil
}

func TestWireNamesMatchSDK(t *testing.T) {
	t.Parallel()
	fake := &fakeSFN{}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	client := reflect.ValueOf(sdkClient(srv.URL, "AKID", "secret"))
	if n := len(actionTypes); n != 37 {
		t.Errorf("%d actions, want 37", n)
	}
	for action, types := range actionTypes {
		method := client.MethodByName(action)
		if !method.IsValid() {
			t.Errorf("the SDK has no %s", action)
			continue
		}
		sdkIn := reflect.New(method.Type().In(1).Elem())
		fill(sdkIn.Elem(), 0)
		reply := []byte(`{"events":[{"timestamp":1.7E9,"type":"PassStateEntered","id":1}],"nextToken":"s"}`)
		if action != "GetExecutionHistory" {
			out := reflect.New(reflect.TypeOf(types[1]))
			fill(out.Elem(), 0)
			var err error
			reply, err = json.Marshal(out.Interface())
			must(t, "Marshal", err)
		}
		fake.mu.Lock()
		fake.reply = reply
		fake.mu.Unlock()
		res := method.Call([]reflect.Value{reflect.ValueOf(context.Background()), sdkIn})
		if err, _ := res[1].Interface().(error); err != nil {
			t.Errorf("%s: %v", action, err)
			continue
		}
		checkInput(t, action, fake, types[0])
		if action != "GetExecutionHistory" {
			if zero := zeroFields(res[0].Elem(), action+"Output"); len(zero) > 0 {
				t.Errorf("%s: SDK output members not filled by stepwise's JSON: %v\n%s", action, zero, reply)
			}
		}
	}
}

// checkInput decodes the body the SDK sent into stepwise's input type and
// reports members that stayed empty.
func checkInput(t *testing.T, action string, fake *fakeSFN, in any) {
	t.Helper()
	fake.mu.Lock()
	body := fake.lastBody
	fake.mu.Unlock()
	v := reflect.New(reflect.TypeOf(in))
	if err := json.Unmarshal(body, v.Interface()); err != nil {
		t.Errorf("%s: decoding %s: %v", action, body, err)
		return
	}
	if zero := zeroFields(v.Elem(), action+"Input"); len(zero) > 0 {
		t.Errorf("%s: stepwise input members the SDK did not fill: %v\n%s", action, zero, body)
	}
	if strings.Contains(string(body), "\"\"") {
		t.Logf("%s: body has an empty string: %s", action, body)
	}
}
