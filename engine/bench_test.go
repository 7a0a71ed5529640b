package engine_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/value"
)

// passChain returns a definition of n Pass states, each with InputPath,
// Parameters and ResultPath.
func passChain(n int) string {
	var b strings.Builder
	b.WriteString(`{"StartAt":"S0","States":{`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"S%d":{"Type":"Pass","InputPath":"$.data","Parameters":{"value.$":"$.value","step":%d},"ResultPath":"$.data.last",`, i, i)
		if i == n-1 {
			b.WriteString(`"End":true}`)
		} else {
			fmt.Fprintf(&b, `"Next":"S%d"}`, i+1)
		}
	}
	b.WriteString(`}}`)
	return b.String()
}

func benchProgram(b *testing.B, def string, opts engine.Options) *engine.Program {
	d, err := asl.Parse(def, asl.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return engine.New(d, opts)
}

// BenchmarkExpressPassChain10 is issue 3's target: an in-process EXPRESS
// execution of a 10-state Pass chain with InputPath/Parameters/ResultPath.
func BenchmarkExpressPassChain10(b *testing.B) {
	prog := benchProgram(b, passChain(10), engine.Options{NoHistory: true})
	input := value.MustParse(`{"data":{"value":"hello","n":1}}`)
	now := time.Now()
	meta := engine.Meta{Name: "bench", Express: true, StartTime: now}
	ids := &seqIDs{}
	b.ReportAllocs()
	for b.Loop() {
		x, _, _ := prog.Start(meta, input, ids, now)
		if !x.Done() {
			b.Fatal("not done")
		}
	}
}

// BenchmarkPassChain10WithHistory is the same execution keeping its
// history events, as a STANDARD execution does.
func BenchmarkPassChain10WithHistory(b *testing.B) {
	prog := benchProgram(b, passChain(10), engine.Options{})
	input := value.MustParse(`{"data":{"value":"hello","n":1}}`)
	now := time.Now()
	meta := engine.Meta{Name: "bench", StartTime: now}
	ids := &seqIDs{}
	b.ReportAllocs()
	for b.Loop() {
		x, evs, _ := prog.Start(meta, input, ids, now)
		if !x.Done() || len(evs) != 22 {
			b.Fatal("unexpected")
		}
	}
}

// BenchmarkBaselineStdlibJSON10 is the same-run baseline for the chain: ten
// encoding/json round trips (decode into map[string]any, re-encode) of the
// execution's input, what a naive engine would spend on data flow alone.
func BenchmarkBaselineStdlibJSON10(b *testing.B) {
	doc := []byte(`{"data":{"value":"hello","n":1}}`)
	b.ReportAllocs()
	for b.Loop() {
		for range 10 {
			var m map[string]any
			if err := json.Unmarshal(doc, &m); err != nil {
				b.Fatal(err)
			}
			if _, err := json.Marshal(m); err != nil {
				b.Fatal(err)
			}
		}
	}
}
