package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/internal/resource/fakeaws"
	"github.com/stepwisehq/stepwise/internal/sharedtest"
)

// servicesConformanceFloor is the ratchet for the recorded cases that call
// AWS services other than Lambda (SQS, SNS, DynamoDB, S3, EventBridge,
// Secrets Manager, Step Functions itself), replayed by `stepwise serve`
// against fakeaws: the share of the replayable ones that must pass. Raise
// it as fidelity improves, never lower it to make a change pass.
const servicesConformanceFloor = 0.95

// needsRecording says why a recorded service case cannot be replayed
// against local stand-ins: what it needs is the recording's own (its test's
// actions during the run, data its test stored, a Lambda the corpus does
// not name) or AWS's answers disagree between recordings. A case matches
// when its needs hold Need or its "category/id" matches Case.
var needsRecording = []struct {
	Need string
	Case *regexp.Regexp
	Why  string
}{
	{Need: "s3:ItemReader",
		Why: "Map's ItemReader reads S3 objects that the recording's test wrote; their contents are not in the corpus"},
	{Case: regexp.MustCompile(`^services/TestTaskServiceAwsSdk__test_s3_get_object__`),
		Why: "GetObject reads an object that the recording's test put; its content is not in the corpus"},
	{Case: regexp.MustCompile(`^(callback/TestCallback__test_multiple_(executions_and_heartbeat_notifications__|heartbeat_notifications)|` +
		`callback/TestCallback__test_sqs_wait_for_task_token_call_chain|callback/TestCallback__test_sync_with_task_token|` +
		`error_handling/TestTaskServiceSqs__test_sqs_failure_in_wait_for_task_tok|local_mocking/TestBaseScenarios__test_sqs_wait_for_task_token)`),
		Why: "the recording's test read the SQS message and answered its task token (SendTaskHeartbeat, SendTaskSuccess, SendTaskFailure)"},
	{Case: regexp.MustCompile(`^activities/TestActivities__test_activity_task(_with_heartbeat|_start_timeout)?$`),
		Why: "the recording's test created the activity and a worker of it took the task (ActivityStarted names the worker)"},
	{Case: regexp.MustCompile(`^sfn_api/TestSnfApi__test_stop_execution$`),
		Why: "the recording's test called StopExecution during the run"},
	{Case: regexp.MustCompile(`^(callback/TestCallback__test_start_execution_sync_delegate_timeout|test_state_api/TestStateCaseScenarios__test_base_lambda_service_task_state__)`),
		Why: "calls a Lambda function whose handler the corpus does not name (no lambda:<handler> need), so the harness' fake Lambda cannot stand in"},
	{Case: regexp.MustCompile(`^callback/TestCallback__test_start_execution_sync2?$`),
		Why: "recorded in 2023, before redrive: local_mocking/TestBaseScenarios__test_sfn_start_execution_sync__SFN_SYNC(2) record the same calls in 2025 with RedriveCount, RedriveStatus and RedriveStatusReason"},
	{Case: regexp.MustCompile(`^local_mocking/TestBaseScenarios__test_dynamodb_put_get_item$`),
		Why: "AWS spelt GetItem's request-id header x-amzn-RequestId here and x-amzn-requestid in services/..._DYNAMODB_PUT_GET_ITEM; Go's net/http folds header names, so one spelling is kept"},
}

// serviceCase is what the test reads of a recorded case.
type serviceCase struct {
	Needs   []string       `json:"needs"`
	Request map[string]any `json:"request"`
}

// needsService reports whether a case calls an AWS service other than the
// harness' Lambda stubs: the cases that the harness' default selection
// (--needs lambda) leaves out.
func needsService(file string, c serviceCase) bool {
	switch sharedtest.Category(file) {
	case "invalid_definitions", "api_errors":
		return false
	case "test_state_api":
		if _, mocked := c.Request["mock"]; mocked {
			return false
		}
	}
	return slices.ContainsFunc(c.Needs, func(n string) bool { return n != "none" && !strings.HasPrefix(n, "lambda:") })
}

// whyNotReplayable returns why a case needs the recording, "" when it can
// be replayed.
func whyNotReplayable(id string, c serviceCase) string {
	for _, n := range needsRecording {
		if n.Need != "" && slices.Contains(c.Needs, n.Need) || n.Case != nil && n.Case.MatchString(id) {
			return n.Why
		}
	}
	return ""
}

// serviceCases copies the replayable service cases into dir (as
// <category>/<id>.json, for the harness' --cases) and returns the others'
// ids by the reason they are left out.
func serviceCases(t *testing.T, dir string) (copied int, left map[string][]string) {
	t.Helper()
	left = map[string][]string{}
	for _, file := range sharedtest.Cases(t, "*") {
		var c serviceCase
		sharedtest.ReadJSON(t, file, &c)
		if !needsService(file, c) {
			continue
		}
		id := sharedtest.Category(file) + "/" + sharedtest.Name(file)
		if why := whyNotReplayable(id, c); why != "" {
			left[why] = append(left[why], id)
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(id)+".json")
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
		copied++
	}
	return copied, left
}

// startFakeAWS starts the stand-in for AWS's services with what the
// recordings' tests created before their executions ran, empty, under the
// names the cases use: the DynamoDB table that the placeholder "table-name"
// stands for (keyed by "id" alone, as the recorded GetItem calls show), the
// S3 bucket that "bucket-name" stands for and "result-bucket", which a
// ResultWriter names. SQS queues and SNS topics come into being when a
// call names them (AutoCreate); other tables, buckets and secrets do not
// exist, as the recordings of ResourceNotFoundException and NoSuchBucket
// expect.
func startFakeAWS(t *testing.T) *fakeaws.Server {
	t.Helper()
	s := fakeaws.Start(t)
	s.AutoCreate()
	s.CreateTable("table-name", "id")
	s.CreateBucket("bucket-name")
	s.CreateBucket("result-bucket")
	return s
}

// TestConformanceServices replays the recorded cases that call AWS services
// through a real `stepwise serve` whose AWS endpoints are fakeaws (and,
// for aws-sdk:sfn, the server itself), with the harness' fake Lambda. The
// cases that need what only the recording had are left out and logged with
// the reason. The cases share fakeaws (one DynamoDB item, for one), so they
// run one at a time.
func TestConformanceServices(t *testing.T) {
	conf := endpointHarness(t, "slow: replays the recorded service cases against a server")
	cases := t.TempDir()
	n, left := serviceCases(t, cases)
	logLeftOut(t, left)
	aws := startFakeAWS(t)
	lambda, addr, home := freePort(t), freePort(t), t.TempDir()
	startServe(t, buildBinary(t), addr,
		"AWS_ENDPOINT_URL="+aws.URL, "AWS_ENDPOINT_URL_LAMBDA=http://"+lambda, "AWS_ENDPOINT_URL_SFN=http://"+addr,
		"AWS_ACCESS_KEY_ID=fakeaws", "AWS_SECRET_ACCESS_KEY=fakeaws", "AWS_SESSION_TOKEN=", "AWS_REGION=us-east-1",
		"AWS_PROFILE=", "AWS_CONFIG_FILE="+filepath.Join(home, "config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(home, "credentials"), "AWS_EC2_METADATA_DISABLED=true")
	cmd := exec.Command("python3", filepath.Join(conf, "sfn_conformance.py"),
		"--cases", cases, "--needs", "all", "--endpoint", "http://"+addr,
		"--fake-lambda", lambda, "--jobs", "1", "--timeout", "10")
	t.Logf("%d replayable service cases", n)
	checkHarness(t, cmd, "stepwise serve + fakeaws", servicesConformanceFloor)
}

// endpointHarness returns ../shared/conformance, or skips the test when it
// is short (saying why it is slow) or the harness cannot run in endpoint
// mode.
func endpointHarness(t *testing.T, slow string) string {
	t.Helper()
	if testing.Short() {
		t.Skip(slow)
	}
	shared := sharedDir(t)
	if err := exec.Command("python3", "-c", "import botocore").Run(); err != nil {
		t.Skip("python3 with botocore not installed")
	}
	return filepath.Join(shared, "conformance")
}

// startServe starts `stepwise serve` on addr with a temporary store, idle
// waits scaled by 0.01 and env added to the environment; it stops when the
// test ends.
func startServe(t *testing.T, bin, addr string, env ...string) {
	t.Helper()
	srv := exec.Command(bin, "serve", "--addr", addr, "--data", t.TempDir(), "--time-scale", "0.01", "--log-level", "error")
	srv.Env = append(os.Environ(), env...)
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Process.Kill(); _ = srv.Wait() })
	waitListening(t, addr)
}

// logLeftOut logs the service cases left out, by reason.
func logLeftOut(t *testing.T, left map[string][]string) {
	t.Helper()
	reasons := make([]string, 0, len(left))
	total := 0
	for why, ids := range left {
		reasons = append(reasons, why)
		total += len(ids)
	}
	sort.Strings(reasons)
	t.Logf("%d service cases need what only the recording had:", total)
	for _, why := range reasons {
		t.Logf("  %d: %s\n    %s", len(left[why]), why, strings.Join(left[why], "\n    "))
	}
}
