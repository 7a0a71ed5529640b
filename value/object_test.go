package value

import (
	"fmt"
	"slices"
	"testing"
)

// bigObject returns an object with n members k0..k(n-1) holding 0..n-1.
func bigObject(n int) *Object {
	ms := make([]Member, n)
	for i := range ms {
		ms[i] = Member{Key: fmt.Sprintf("k%d", i), Value: Int(int64(i))}
	}
	return NewObject(ms)
}

func TestObjectSizesAroundTheIndex(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, indexAbove, indexAbove + 1, 40} {
		o := bigObject(n)
		if o.Len() != n || (n > indexAbove) != (o.index != nil) {
			t.Fatalf("n=%d: Len %d, indexed %v", n, o.Len(), o.index != nil)
		}
		for i := range n {
			key := fmt.Sprintf("k%d", i)
			if v, ok := o.Get(key); !ok || v != Int(int64(i)) || !o.Has(key) {
				t.Errorf("n=%d: Get(%s) = %v, %v", n, key, v, ok)
			}
		}
		if v, ok := o.Get("missing"); ok || v != nil || o.Has("missing") {
			t.Errorf("n=%d: Get(missing) = %v, %v", n, v, ok)
		}
	}
}

func TestObjectWith(t *testing.T) {
	t.Parallel()
	for _, n := range []int{3, indexAbove, 20} {
		o := bigObject(n)
		before := String(o)

		replaced := o.With("k1", "new")
		if got, _ := replaced.Get("k1"); got != "new" || replaced.Keys()[1] != "k1" || replaced.Len() != n {
			t.Errorf("n=%d: With(existing) = %s", n, String(replaced))
		}
		added := o.With("extra", true)
		if got, _ := added.Get("extra"); got != true || added.Keys()[n] != "extra" || added.Len() != n+1 {
			t.Errorf("n=%d: With(new) = %s", n, String(added))
		}
		for i := range n { // every old key is still found, through the index too
			if v, _ := added.Get(fmt.Sprintf("k%d", i)); v != Int(int64(i)) {
				t.Errorf("n=%d: after With, k%d = %v", n, i, v)
			}
		}
		if String(o) != before {
			t.Errorf("n=%d: With changed the original: %s", n, String(o))
		}
	}
}

func TestObjectWithout(t *testing.T) {
	t.Parallel()
	for _, n := range []int{3, indexAbove + 1, 20} {
		o := bigObject(n)
		before := String(o)
		less := o.Without("k0")
		if less.Len() != n-1 || less.Has("k0") {
			t.Fatalf("n=%d: Without(k0) = %s", n, String(less))
		}
		for i := 1; i < n; i++ { // positions moved; the index must follow
			if v, ok := less.Get(fmt.Sprintf("k%d", i)); !ok || v != Int(int64(i)) {
				t.Errorf("n=%d: after Without, k%d = %v, %v", n, i, v, ok)
			}
		}
		if want := slices.Delete(o.Keys(), 0, 1); !slices.Equal(less.Keys(), want) {
			t.Errorf("n=%d: keys %v, want %v", n, less.Keys(), want)
		}
		if same := o.Without("missing"); same != o {
			t.Errorf("n=%d: Without(missing) copied", n)
		}
		if String(o) != before {
			t.Errorf("n=%d: Without changed the original", n)
		}
	}
}

func TestNilObject(t *testing.T) {
	t.Parallel()
	var o *Object
	if o.Len() != 0 || o.Members() != nil || len(o.Keys()) != 0 || o.Has("a") {
		t.Error("a nil *Object is not empty")
	}
	if v, ok := o.Get("a"); ok || v != nil {
		t.Errorf("Get on nil = %v, %v", v, ok)
	}
	if got := String(o.With("a", Number("1"))); got != `{"a":1}` {
		t.Errorf("nil.With = %s", got)
	}
	if o.Without("a") != nil {
		t.Error("nil.Without is not nil")
	}
	var zero Object
	if got := String(&zero); got != `{}` || zero.Len() != 0 {
		t.Errorf("zero Object = %s", got)
	}
}

func TestNewObjectDuplicates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		keys []string
		want string
	}{
		{[]string{"a", "b", "a"}, `{"a":2,"b":1}`},
		{[]string{"a", "a", "a"}, `{"a":2}`},
		{[]string{"x", "y", "z"}, `{"x":0,"y":1,"z":2}`},
	}
	for _, tt := range tests {
		ms := make([]Member, len(tt.keys))
		for i, k := range tt.keys {
			ms[i] = Member{Key: k, Value: Int(int64(i))}
		}
		if got := String(NewObject(ms)); got != tt.want {
			t.Errorf("NewObject(%v) = %s, want %s", tt.keys, got, tt.want)
		}
	}
	// Beyond indexAbove the duplicate search uses a map.
	ms := bigObject(30).Members()
	ms = append(slices.Clone(ms), Member{Key: "k3", Value: "again"})
	o := NewObject(ms)
	if v, _ := o.Get("k3"); o.Len() != 30 || v != "again" || o.Keys()[3] != "k3" {
		t.Errorf("30 members with a repeat: Len %d, k3 = %v", o.Len(), v)
	}
}

func TestObjectKeysAndMembers(t *testing.T) {
	t.Parallel()
	o := MustParse(`{"b":1,"a":[2],"c":null}`).(*Object)
	if got := o.Keys(); !slices.Equal(got, []string{"b", "a", "c"}) {
		t.Errorf("Keys = %v", got)
	}
	ms := o.Members()
	if len(ms) != 3 || ms[1].Key != "a" || String(ms[1].Value) != `[2]` {
		t.Errorf("Members = %v", ms)
	}
}
