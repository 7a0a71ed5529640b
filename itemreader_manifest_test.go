package stepwise_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"testing"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/internal/resource/fakeaws"
	"github.com/stepwisehq/stepwise/store/memory"
)

// An ItemReader with InputType MANIFEST reads an S3 Inventory: the
// manifest, then its gzipped CSV files, one item a row (not parallel: the
// AWS endpoint comes from the environment).
func TestItemReaderS3Inventory(t *testing.T) {
	fake := fakeaws.Start(t)
	t.Setenv("AWS_ENDPOINT_URL", fake.URL)
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	_, _ = w.Write([]byte(`"src","csvDataset/","0","2022-11-16T00:27:19.000Z"` + "\n" +
		`"src","csvDataset/titles.csv","3399671","2022-11-16T00:29:32.000Z"` + "\n"))
	_ = w.Close()
	fake.PutObject("inv", "src/cfg/data/a.csv.gz", gz.Bytes())
	fake.PutObject("inv", "src/cfg/2022-11-16T00-00Z/manifest.json", []byte(`{"sourceBucket":"src",
	 "destinationBucket":"arn:aws:s3:::inv","version":"2016-11-30","fileFormat":"CSV",
	 "fileSchema":"Bucket, Key, Size, LastModifiedDate","files":[{"key":"src/cfg/data/a.csv.gz","size":7300}]}`))

	b := startWith(t, stepwise.Config{Store: memory.New(), TimeScale: 0.001})
	ctx := context.Background()
	sm := b.machine(t, "inventory", "STANDARD", `{"StartAt":"M","States":{"M":{"Type":"Map",
	 "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"MANIFEST"},
	  "Parameters":{"Bucket":"inv","Key":"src/cfg/2022-11-16T00-00Z/manifest.json"}},
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`)
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm})
	if err != nil {
		t.Fatal(err)
	}
	d := b.wait(t, start.ExecutionArn)
	want := `[{"LastModifiedDate":"2022-11-16T00:27:19.000Z","Bucket":"src","Size":"0","Key":"csvDataset/"},` +
		`{"LastModifiedDate":"2022-11-16T00:29:32.000Z","Bucket":"src","Size":"3399671","Key":"csvDataset/titles.csv"}]`
	if d.Status != stepwise.ExecutionStatusSucceeded || d.Output != want {
		t.Fatalf("execution %s %s %v %v", d.Status, d.Output, d.Error, d.Cause)
	}
}

// startWith starts Stepwise configured with cfg, stopped when the test ends.
func startWith(t *testing.T, cfg stepwise.Config) *testBundle {
	t.Helper()
	sw, err := stepwise.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sw.Stop(context.Background()) })
	return &testBundle{sw: sw, c: sw.Client()}
}
