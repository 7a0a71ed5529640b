package resource

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestHandlerResults(t *testing.T) {
	t.Parallel()
	cyclic := make([]any, 1)
	cyclic[0] = cyclic
	deep := any("leaf")
	for range maxResultDepth + 5 {
		deep = []any{deep}
	}
	tests := []struct {
		name string
		out  any
		want string // "" = a States.Runtime failure
	}{
		{"value", value.MustParse(`{"b":[1.50,null],"a":"x"}`), `{"b":[1.50,null],"a":"x"}`},
		{"nil", nil, `null`},
		{"go map", map[string]any{"b": 1, "a": []any{2.5, "s", true, nil}}, `{"a":[2.5,"s",true,null],"b":1}`},
		{"go slice", []any{int64(7), json.Number("1.0"), value.MustParse(`{"k":1}`)}, `[7,1.0,{"k":1}]`},
		{"go number", 3.25, `3.25`},
		{"object holding a Go int", value.NewObject([]value.Member{{Key: "n", Value: 1}}), ""},
		{"struct", struct{ A int }{1}, ""},
		{"map of strings", map[string]string{"a": "b"}, ""},
		{"NaN", []any{json.Number("NaN")}, ""},
		{"slice holding itself", cyclic, ""},
		{"too deep", deep, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := HandlerFunc(func(context.Context, value.Value) (value.Value, error) { return tt.out, nil })
			got, err := h.Invoke(context.Background(), &Request{})
			if tt.want == "" {
				var f *Failure
				if !errors.As(err, &f) || f.Name != ErrorRuntime || !strings.Contains(f.Cause, "is not a JSON value") {
					t.Fatalf("got %v, %v; want a States.Runtime failure", got, err)
				}
				return
			}
			if err != nil || value.String(got) != tt.want {
				t.Fatalf("got %v, %v; want %s", got, err, tt.want)
			}
		})
	}
}
