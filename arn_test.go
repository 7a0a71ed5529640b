package stepwise

import (
	"errors"
	"strings"
	"testing"
)

func TestParseARN(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in        string
		typ       resourceType
		name      string
		qualifier string
		version   int
		base      string
		err       string
	}{
		{in: testPrefix + "stateMachine:m", typ: typeStateMachine, name: "m", base: testPrefix + "stateMachine:m"},
		{in: testPrefix + "stateMachine:m:3", typ: typeStateMachine, name: "m", qualifier: "3", version: 3, base: testPrefix + "stateMachine:m"},
		{in: testPrefix + "stateMachine:m:prod", typ: typeStateMachine, name: "m", qualifier: "prod", base: testPrefix + "stateMachine:m"},
		{in: testPrefix + "stateMachine:m:0", typ: typeStateMachine, name: "m", qualifier: "0"},
		{in: testPrefix + "stateMachine:m:+1", typ: typeStateMachine, name: "m", qualifier: "+1"},
		{in: testPrefix + "activity:a", typ: typeActivity, name: "a"},
		{in: testPrefix + "execution:m:e", typ: typeExecution, name: "m", qualifier: "e"},
		{in: "arn:aws-cn:states:cn-north-1:1:stateMachine:m", typ: typeStateMachine, name: "m", base: "arn:aws-cn:states:cn-north-1:1:stateMachine:m"},
		{in: "invalid_arn", err: "Invalid Arn: 'Invalid ARN prefix: invalid_arn'"},
		{in: "", err: "Invalid Arn: 'Invalid ARN prefix: '"},
		{in: "ARN:aws:states:r:a:stateMachine:m", err: "Invalid Arn: 'Invalid ARN prefix: ARN:aws:states:r:a:stateMachine:m'"},
		{in: "arn:aws:states:r:a:stateMachine", err: "Invalid Arn: 'Invalid ARN: arn:aws:states:r:a:stateMachine'"},
		{in: "arn:aws:lambda:r:a:function:f", err: "Invalid Arn: 'Invalid ARN: arn:aws:lambda:r:a:function:f'"},
		{in: "arn::states:r:a:stateMachine:m", err: "Invalid Arn: 'Invalid ARN: arn::states:r:a:stateMachine:m'"},
		{in: "arn:aws:states:r:a:stateMachine:", err: "Invalid Arn: 'Invalid ARN: arn:aws:states:r:a:stateMachine:'"},
	} {
		a, err := parseARN(tc.in)
		if tc.err != "" {
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeInvalidArn || e.Message != tc.err {
				t.Errorf("parseARN(%q) error = %v, want %s", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || a.Type != tc.typ || a.Name != tc.name || a.Qualifier() != tc.qualifier || a.Version() != tc.version {
			t.Errorf("parseARN(%q) = %+v, %v", tc.in, a, err)
		}
		if tc.base != "" && a.Base() != tc.base {
			t.Errorf("parseARN(%q).Base() = %s, want %s", tc.in, a.Base(), tc.base)
		}
	}
}

func TestParseTypedARN(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		fn   func(string) (parsedARN, error)
		want string
	}{
		{testPrefix + "execution:m:e", parseStateMachineARN, "Invalid Arn: 'Resource type not valid in this context: execution'"},
		{testPrefix + "stateMachine:m:1:2", parseStateMachineARN, "Invalid Arn: 'Invalid ARN: " + testPrefix + "stateMachine:m:1:2'"},
		{testPrefix + "stateMachine:m", parseActivityARN, "Invalid Arn: 'Resource type not valid in this context: stateMachine'"},
		{testPrefix + "activity:a:b", parseActivityARN, "Invalid Arn: 'Invalid ARN: " + testPrefix + "activity:a:b'"},
		{testPrefix + "activity:a", parseActivityARN, ""},
		{testPrefix + "stateMachine:m:v", parseStateMachineARN, ""},
	} {
		_, err := tc.fn(tc.in)
		got := ""
		if err != nil {
			got = err.(*Error).Message
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestClientARNs(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	if got := b.c.stateMachineARN("m"); got != machineArn("m") {
		t.Errorf("stateMachineARN = %s", got)
	}
	if got := b.c.activityARN("a"); got != activityArn("a") {
		t.Errorf("activityARN = %s", got)
	}
	for region, want := range map[string]string{"us-east-1": "aws", "cn-north-1": "aws-cn", "us-gov-west-1": "aws-us-gov", "eu-west-3": "aws"} {
		if got := partitionOf(region); got != want {
			t.Errorf("partitionOf(%s) = %s, want %s", region, got, want)
		}
	}
}

func TestValidName(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"a", "A-b_c.d", "123", "été", "x+y=z", "a@b!c'd(e)f", strings.Repeat("z", 200)} {
		if !validName(ok) {
			t.Errorf("validName(%q) = false", ok)
		}
	}
	for _, bad := range []string{"", " ", "a b", "a\nb", "a\u0000", "a\u009f", "a\u2028b", "a\ufeffb",
		"<", ">", "{", "}", "[", "]", "?", "*", "\"", "#", "%", "\\", "^", "|", "~", "`", "$", "&", ",", ";", ":", "/"} {
		if validName(bad) {
			t.Errorf("validName(%q) = true", bad)
		}
	}
	if err := checkName("a b"); ErrorCodeOf(err) != CodeInvalidName || err.(*Error).Message != "Invalid Name: 'a b'" {
		t.Errorf("checkName = %v", err)
	}
}

func FuzzParseARN(f *testing.F) {
	for _, s := range []string{"arn:aws:states:us-east-1:1:stateMachine:m:1", "arn:", "arn:aws:states:::activity:a", "x", "arn:::::::::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := parseARN(s)
		if err != nil {
			if ErrorCodeOf(err) != CodeInvalidArn {
				t.Fatalf("parseARN(%q): error %v is not InvalidArn", s, err)
			}
			return
		}
		if a.Name == "" || !strings.HasPrefix(s, "arn:") {
			t.Fatalf("parseARN(%q) = %+v", s, a)
		}
		if v := a.Version(); v < 0 {
			t.Fatalf("negative version %d", v)
		}
		if !strings.HasPrefix(s, a.Base()) {
			t.Fatalf("Base %q is not a prefix of %q", a.Base(), s)
		}
		_ = validName(a.Name)
		_ = validAliasName(a.Qualifier())
	})
}
