package engine_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/value"
)

func TestItemReaderManifest(t *testing.T) {
	const def = `{"StartAt":"M","States":{"M":{"Type":"Map",
	 "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"MANIFEST"%s},
	  "Parameters":{"Bucket":"inv","Key":"src/cfg/2022-11-16T00-00Z/manifest.json"}},
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	inventory := value.MustParse(`{"Manifest":{"destinationBucket":"arn:aws:s3:::inv","fileFormat":"CSV",
	  "fileSchema":"Bucket, Key, Size, LastModifiedDate","files":[{"key":"a.csv.gz"},{"key":"b.csv.gz"}]},
	 "Files":["\"src\",\"csvDataset/titles.csv\",\"3399671\",\"2022-11-16T00:29:32.000Z\"\n",
	  "\"src\",\"imageDataset/\",\"0\",\"2022-11-15T20:00:44.000Z\"\n\"src\",\"imageDataset/n.jpg\",\"27034\",\"2022-11-15T20:02:16.000Z\"\n"]}`)
	tests := []struct {
		name, config    string
		out             value.Value
		errName, cause  string
		status          engine.Status
		output, errWant string
	}{
		{name: "rows of every file", out: inventory, status: engine.Succeeded,
			output: `[{"LastModifiedDate":"2022-11-16T00:29:32.000Z","Bucket":"src","Size":"3399671","Key":"csvDataset/titles.csv"},` +
				`{"LastModifiedDate":"2022-11-15T20:00:44.000Z","Bucket":"src","Size":"0","Key":"imageDataset/"},` +
				`{"LastModifiedDate":"2022-11-15T20:02:16.000Z","Bucket":"src","Size":"27034","Key":"imageDataset/n.jpg"}]`},
		{name: "MaxItems", config: `,"MaxItems":1`, out: inventory, status: engine.Succeeded,
			output: `[{"LastModifiedDate":"2022-11-16T00:29:32.000Z","Bucket":"src","Size":"3399671","Key":"csvDataset/titles.csv"}]`},
		{name: "not CSV", out: value.MustParse(`{"Manifest":{"fileFormat":"Parquet","fileSchema":"Bucket"},"Files":[]}`),
			status: engine.Failed, errWant: "States.ItemReaderFailed"},
		{name: "S3 failure", errName: "S3.AmazonS3Exception", cause: "The specified key does not exist.",
			status: engine.Failed, errWant: "S3.AmazonS3Exception"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var call *engine.TaskCall
			x, _ := run(t, fmt.Sprintf(def, tc.config), `{}`, func(c *engine.TaskCall) (value.Value, string, string) {
				call = c
				return tc.out, tc.errName, tc.cause
			})
			checkResult(t, x, tc.status, tc.output, tc.errWant, tc.cause)
			if call.Resource != "arn:aws:states:::s3:getInventory" || value.String(call.Input) != `{"Bucket":"inv","Key":"src/cfg/2022-11-16T00-00Z/manifest.json"}` {
				t.Errorf("reader call %s %s", call.Resource, value.String(call.Input))
			}
		})
	}
}

// startTest runs a TestState test of state M of def, answering no task.
func startTest(t *testing.T, def, input string, cfg *engine.TestConfig) (*engine.TestOutcome, []engine.Command) {
	t.Helper()
	d, err := asl.Parse(def, asl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg.State = "M"
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	x, cmds := engine.New(d, engine.Options{}).StartTest(engine.Meta{Name: "t", StartTime: now}, value.MustParse(input), &seqIDs{}, now, cfg)
	return x.TestOutcome(), cmds
}

func ptr[T any](v T) *T { return &v }

func TestTestStateMapReaderData(t *testing.T) {
	const def = `{"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailurePercentage":70,
	 "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"%s"%s},"Parameters":{"Bucket":"b","Key":"k"}},
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	mock := &engine.TestMock{Result: value.MustParse(`[1,4,9]`)}
	tests := []struct {
		name, inputType, config string
		data                    *string
		failures                int
		status, errName         string
	}{
		// 2 failed iterations of 3 items stay within 70%; of no items they do not.
		{"JSON data counts the items", "JSON", "", ptr("[1, 2, 3]"), 2, engine.TestSucceeded, ""},
		{"without data there are no items", "JSON", "", nil, 2, engine.TestFailed, "States.ExceedToleratedFailureThreshold"},
		{"CSV data", "CSV", `,"CSVHeaderLocation":"FIRST_ROW"`, ptr("a\n1\n2\n3\n"), 2, engine.TestSucceeded, ""},
		{"MaxItems applies", "JSONL", `,"MaxItems":2`, ptr("1\n2\n3\n"), 2, engine.TestFailed, "States.ExceedToleratedFailureThreshold"},
		{"data that does not parse", "JSON", "", ptr("{"), 0, engine.TestFailed, "States.ItemReaderFailed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, cmds := startTest(t, fmt.Sprintf(def, tc.inputType, tc.config), `{}`,
				&engine.TestConfig{Mock: mock, MapFailures: tc.failures, ReaderData: tc.data})
			if len(cmds) != 0 {
				t.Errorf("commands %v", cmds)
			}
			if o.Status != tc.status || o.Error != tc.errName {
				t.Errorf("got %s %s %s, want %s %s", o.Status, o.Error, o.Cause, tc.status, tc.errName)
			}
		})
	}
}

func TestTestStateMapErrorMockWinsOverReaderData(t *testing.T) {
	const def = `{"StartAt":"M","States":{"M":{"Type":"Map",
	 "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"b","Key":"k"}},
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	o, _ := startTest(t, def, `{}`, &engine.TestConfig{Mock: &engine.TestMock{IsError: true, Error: "MockException", Cause: "c"},
		MapFailures: 2, ReaderData: ptr("not json")})
	if o.Status != engine.TestFailed || o.Error != "MockException" || o.Cause != "c" {
		t.Errorf("got %+v", o)
	}
}

func TestTestStateReaderDataReplacesTheRead(t *testing.T) {
	// Without a mock (the engine allows it), the data is read instead of S3.
	const def = `{"StartAt":"M","States":{"M":{"Type":"Map",
	 "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},"Parameters":{"Bucket":"b","Key":"k"}},
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	o, cmds := startTest(t, def, `{}`, &engine.TestConfig{ReaderData: ptr("a,b\n1,2\n")})
	if len(cmds) != 0 || o.Status != engine.TestSucceeded || value.String(o.Output) != `[{"a":"1","b":"2"}]` {
		t.Errorf("got %+v %s, commands %v", o, value.String(o.Output), cmds)
	}
}
