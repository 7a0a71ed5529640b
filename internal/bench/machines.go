package bench

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The state machines the scenarios run.

// passInput is the input of the Pass chains (as in the engine's
// benchmarks).
const passInput = `{"data":{"value":"hello","n":1}}`

// passChain returns a definition of n Pass states, each with InputPath,
// Parameters and ResultPath: the engine benchmarks' chain.
func passChain(n int) string {
	var b strings.Builder
	b.WriteString(`{"StartAt":"S0","States":{`)
	for i := range n {
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

// waitMachine returns a definition that waits seconds between two Pass
// states.
func waitMachine(seconds int) string {
	return `{"StartAt":"Before","States":{` +
		`"Before":{"Type":"Pass","Next":"Wait"},` +
		`"Wait":{"Type":"Wait","Seconds":` + strconv.Itoa(seconds) + `,"Next":"After"},` +
		`"After":{"Type":"Pass","End":true}}}`
}

// mapMachine is an inline Map whose iterations are one Pass state each.
const mapMachine = `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","ItemsPath":"$.items",` +
	`"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Item",` +
	`"States":{"Item":{"Type":"Pass","Parameters":{"item.$":"$","done":true},"End":true}}},` +
	`"ResultPath":"$.results","End":true}}}`

// mapInput returns an input of n items for mapMachine.
func mapInput(n int) string {
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"sku":"A-%d"}`, i, i)
	}
	b.WriteString(`]}`)
	return b.String()
}

// activityMachine runs one Task state on an activity.
func activityMachine(activityArn string) string {
	res, _ := json.Marshal(activityArn)
	return `{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":` + string(res) + `,"End":true}}}`
}

// mustJSON marshals a request body of the benchmark's own wire types,
// which are plain strings and numbers: it cannot fail.
func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
