package api_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/api"
)

// awsCLI runs the AWS CLI against the test server, signing with the given
// keys; it skips the test when the CLI is not installed.
func awsCLI(t *testing.T, b *bundle, id, secret string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	bin, lookErr := exec.LookPath("aws")
	if lookErr != nil {
		t.Skip("the AWS CLI is not installed")
	}
	dir := t.TempDir()
	full := append([]string{"stepfunctions", "--endpoint-url", b.srv.URL, "--region", "us-east-1", "--output", "json"}, args...)
	cmd := exec.Command(bin, full...)
	cmd.Env = append(envWithoutAWS(),
		"AWS_ACCESS_KEY_ID="+id, "AWS_SECRET_ACCESS_KEY="+secret,
		"AWS_CONFIG_FILE="+filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED=true", "AWS_PAGER=", "AWS_MAX_ATTEMPTS=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// envWithoutAWS is the environment without the AWS_ variables that would
// select other credentials or profiles.
func envWithoutAWS() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			env = append(env, kv)
		}
	}
	return env
}

func TestAWSCLI(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{Credentials: map[string]string{"AKIDCLI": "cli-secret"}})
	_, stderr, err := awsCLI(t, b, "AKIDCLI", "cli-secret", "create-state-machine", "--name", "cli-machine",
		"--definition", passDef, "--role-arn", testRole)
	if err != nil {
		t.Fatalf("create-state-machine: %v\n%s", err, stderr)
	}
	stdout, stderr, err := awsCLI(t, b, "AKIDCLI", "cli-secret", "list-state-machines")
	if err != nil {
		t.Fatalf("list-state-machines: %v\n%s", err, stderr)
	}
	var list struct {
		StateMachines []struct {
			StateMachineArn, Name, Type string
			CreationDate                any
		} `json:"stateMachines"`
	}
	if err := json.Unmarshal([]byte(stdout), &list); err != nil {
		t.Fatalf("list-state-machines output %q: %v", stdout, err)
	}
	if len(list.StateMachines) != 1 || list.StateMachines[0].Name != "cli-machine" || list.StateMachines[0].CreationDate == nil {
		t.Errorf("list-state-machines = %s", stdout)
	}
	_, stderr, err = awsCLI(t, b, "AKIDCLI", "cli-secret", "describe-state-machine", "--state-machine-arn",
		"arn:aws:states:us-east-1:123456789012:stateMachine:nope")
	want := "An error occurred (StateMachineDoesNotExist) when calling the DescribeStateMachine operation: " +
		"State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:nope'"
	if err == nil || !strings.Contains(stderr, want) {
		t.Errorf("describe-state-machine of an unknown machine: %v\n%s", err, stderr)
	}
	_, stderr, err = awsCLI(t, b, "AKIDCLI", "wrong", "list-state-machines")
	if err == nil || !strings.Contains(stderr, "(InvalidSignatureException)") {
		t.Errorf("wrong secret: %v\n%s", err, stderr)
	}
}
