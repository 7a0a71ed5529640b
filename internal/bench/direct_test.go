package bench

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestNamesAreInRunOrder(t *testing.T) {
	t.Parallel()
	all, err := Select([]string{"all"}, true)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range Names() {
		names = append(names, n[0])
	}
	if !slices.Equal(all, names) {
		t.Errorf("Select(all, extras) = %v, Names = %v", all, names)
	}
}

func TestWriteBaselineHeaders(t *testing.T) {
	t.Parallel()
	in := `{"a":"<&>"}`
	rec := httptest.NewRecorder()
	writeBaseline(rec, baselineReply(&baselineIn{StateMachineArn: "arn:aws:states:r:1:stateMachine:m", Input: &in}))
	body := rec.Body.String()
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/x-amz-json-1.0" ||
		rec.Header().Get("Content-Length") != strconv.Itoa(len(body)) {
		t.Errorf("%d %v", rec.Code, rec.Header())
	}
	if strings.HasSuffix(body, "\n") || !strings.Contains(body, `<&>`) {
		t.Errorf("body %s: a trailing newline or HTML escaping", body)
	}
	for _, key := range []string{`"startDate":`, `"stopDate":`, `"billingDetails":{"billedDurationInMilliseconds":100`} {
		if !strings.Contains(body, key) {
			t.Errorf("body lacks %s: %s", key, body)
		}
	}
}

func TestScenariosFailWithoutADataDirectory(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "missing", "deeper")
	for _, s := range scenarios() {
		if s.name == "baseline-http" {
			continue // needs no directory
		}
		r := &runner{opts: Options{Data: missing, Clients: 1, Count: 1}.withDefaults(), name: s.name}
		_, err := s.run(t.Context(), r)
		r.close()
		if err == nil || !strings.Contains(err.Error(), "temp dir") {
			t.Errorf("%s: error %v", s.name, err)
		}
	}
}

func TestRunIdleWaitingDirectly(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts a server")
	}
	r := testRunner(t, Options{Clients: 2, Waiting: 6, IdleWindow: 5 * time.Millisecond})
	res, err := runIdleWaiting(t.Context(), r)
	if err != nil {
		t.Fatal(err)
	}
	if res.Ops != 6 || res.Unit != "waiting execution" || res.Latency == nil {
		t.Errorf("result %+v", res)
	}
	for _, name := range []string{"live heap per waiting execution", "goroutines per waiting execution", "live heap with 6 waiting"} {
		if _, ok := res.Figure(name); !ok {
			t.Errorf("no %q in %+v", name, res.Figures)
		}
	}
}

func TestRunStartupDirectly(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts servers")
	}
	r := testRunner(t, Options{Clients: 2, StartupWith: 3})
	res, err := runStartup(t.Context(), r)
	if err != nil {
		t.Fatal(err)
	}
	if res.Ops != 3 || res.Unit != "restart" {
		t.Errorf("result %+v", res)
	}
	for _, name := range []string{"startup on an empty store", "startup with 3 finished executions",
		"startup with 3 finished and 3 waiting executions", "live heap after startup with 3 finished and 3 waiting executions"} {
		if f, ok := res.Figure(name); !ok || f.Value <= 0 {
			t.Errorf("%q = %+v", name, f)
		}
	}
}

func TestRunCallbackDirectly(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts a server")
	}
	r := testRunner(t, Options{Clients: 3, Count: 7})
	res, err := runCallback(t.Context(), r)
	if err != nil {
		t.Fatal(err)
	}
	if res.Ops != 7 || res.Errors != 0 || res.Unit != "round trip" {
		t.Errorf("result %+v", res)
	}
	if f, _ := res.Figure("state transitions per execution"); f.Value != 1 {
		t.Errorf("transitions per execution %v, want 1 (the Task state)", f.Value)
	}
}

func TestRunFsyncBaselineDirectly(t *testing.T) {
	t.Parallel()
	r := testRunner(t, Options{Count: 4})
	res, err := runFsyncBaseline(t.Context(), r)
	if err != nil {
		t.Fatal(err)
	}
	if res.Ops != 4 || res.Unit != "commit" || res.headline <= 0 || res.AllocsPerOp <= 0 {
		t.Errorf("result %+v", res)
	}
}
