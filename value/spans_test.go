package value

import "testing"

func TestParseWithSpans(t *testing.T) {
	src := `{"a": [1, 2], "b": {"c": "d"}, "e": []}`
	v, sp, err := ParseWithSpans(src)
	if err != nil {
		t.Fatal(err)
	}
	o := v.(*Object)
	if got, ok := sp.Text(o); !ok || got != src {
		t.Errorf("root text %q", got)
	}
	a, _ := o.Get("a")
	if got, _ := sp.Text(a); got != "[1, 2]" {
		t.Errorf("array text %q", got)
	}
	b, _ := o.Get("b")
	if got, _ := sp.Text(b); got != `{"c": "d"}` {
		t.Errorf("object text %q", got)
	}
	if _, ok := sp.Text(MustParse(`[1, 2]`)); ok {
		t.Error("an equal copy has no text")
	}
	e, _ := o.Get("e")
	if _, ok := sp.Text(e); ok {
		t.Error("empty arrays are not tracked")
	}
	if _, _, err := ParseWithSpans(`[1,`); err == nil {
		t.Error("bad JSON accepted")
	}
}
