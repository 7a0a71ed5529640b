package lambda

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
	"github.com/stepwisehq/stepwise/value"
)

// isolateAWSEnv points the SDK's configuration at nothing, so that the test
// sees only what it sets; the instance metadata service is off.
func isolateAWSEnv(t *testing.T) {
	t.Helper()
	none := filepath.Join(t.TempDir(), "none")
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
		"AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_LAMBDA",
		"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI"} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_CONFIG_FILE", none)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", none)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

func TestNewWithDefaultConfig(t *testing.T) {
	isolateAWSEnv(t)
	fake := newFakeLambda(t)
	tests := []struct {
		name, env, keyID string
	}{
		{"dummy credentials, service endpoint", "AWS_ENDPOINT_URL_LAMBDA", awsclient.DummyAccessKeyID},
		{"dummy credentials, generic endpoint", "AWS_ENDPOINT_URL", awsclient.DummyAccessKeyID},
		{"configured credentials", "AWS_ENDPOINT_URL_LAMBDA", "AKIDEXAMPLE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(tt.env, fake.URL())
			if tt.keyID != awsclient.DummyAccessKeyID {
				t.Setenv("AWS_ACCESS_KEY_ID", tt.keyID)
				t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
			}
			inv, err := New(context.Background(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			out, err := inv.Invoke(context.Background(), &resource.Request{
				Resource: fnARN + "id_function", Input: value.MustParse(`{"ok":true}`)})
			if err != nil || value.String(out) != `{"ok":true}` {
				t.Fatalf("Invoke = %v, %v", out, err)
			}
			reqs := fake.received()
			auth := reqs[len(reqs)-1].Header.Get("Authorization")
			if !strings.Contains(auth, "Credential="+tt.keyID+"/") {
				t.Errorf("Authorization = %q, want key %s", auth, tt.keyID)
			}
		})
	}
}

func TestNewBadConfig(t *testing.T) {
	isolateAWSEnv(t)
	t.Setenv("AWS_PROFILE", "no-such-profile")
	if _, err := New(context.Background(), Options{}); err == nil || !strings.HasPrefix(err.Error(), "lambda: load AWS config: ") {
		t.Errorf("New with a missing profile: %v", err)
	}
}
