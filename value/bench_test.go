package value

import (
	"strconv"
	"strings"
	"testing"
)

// doc1KiB is a 1 KiB document shaped like a Step Functions state input.
var doc1KiB = func() string {
	var b strings.Builder
	b.WriteString(`{"order":{"id":"ord-0001","customer":{"name":"Ada Lovelace","email":"ada@example.com","tier":"gold"},"items":[`)
	for i := range 12 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"sku":"SKU-` + strings.Repeat("7", 6) + `","qty":` + strconv.Itoa(i+1) +
			`,"price":12.50,"tags":["a","b"],"gift":false}`)
	}
	b.WriteString(`],"total":100.00,"note":"Leave at the door \"please\" é"},"attempt":1,"flags":{"rush":true,"fragile":null}}`)
	return b.String()
}()

func BenchmarkParse1KiB(b *testing.B) {
	data := []byte(doc1KiB)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppend1KiB(b *testing.B) {
	v := MustParse(doc1KiB)
	buf := make([]byte, 0, 2048)
	b.SetBytes(int64(len(Append(nil, v))))
	b.ReportAllocs()
	for b.Loop() {
		buf = Append(buf[:0], v)
	}
}

func TestBenchDocumentSize(t *testing.T) {
	t.Parallel()
	if n := len(doc1KiB); n < 900 || n > 1200 {
		t.Errorf("the benchmark document is %d bytes, want about 1 KiB", n)
	}
	if got := String(MustParse(doc1KiB)); got != doc1KiB {
		t.Errorf("the benchmark document does not round-trip")
	}
}
