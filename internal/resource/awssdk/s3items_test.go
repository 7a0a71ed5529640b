package awssdk

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

func gzipped(t *testing.T, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write([]byte(text)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestS3GetInventory(t *testing.T) {
	t.Parallel()
	b := setup(t)
	const rows = `"src","csvDataset/titles.csv","3399671","2022-11-16T00:29:32.000Z"` + "\n"
	b.fake.PutObject("inv", "src/cfg/data/a.csv.gz", gzipped(t, rows))
	b.fake.PutObject("inv", "src/cfg/data/b.csv", []byte("plain\n"))
	b.fake.PutObject("inv", "src/cfg/data/bad.csv.gz", []byte{0x1f, 0x8b, 1, 2})
	put := func(key, text string) { b.fake.PutObject("inv", key, []byte(text)) }
	put("m/dest.json", `{"destinationBucket":"arn:aws:s3:::inv","fileFormat":"CSV","fileSchema":"Bucket, Key, Size, LastModifiedDate",`+
		`"files":[{"key":"src/cfg/data/a.csv.gz","size":7300},{"key":"src/cfg/data/b.csv"}]}`)
	put("m/own.json", `{"fileSchema":"Key","files":[{"key":"src/cfg/data/b.csv"}]}`)
	put("m/none.json", `{"fileSchema":"Key"}`)
	put("m/text.json", `not json`)
	put("m/missing.json", `{"files":[{"key":"nope.csv"}]}`)
	put("m/bad.json", `{"files":[{"key":"src/cfg/data/bad.csv.gz"}]}`)
	tests := []struct {
		key, want, errName, cause string
	}{
		{key: "m/dest.json", want: `"Files":["` + strings.ReplaceAll(strings.TrimSuffix(rows, "\n"), `"`, `\"`) + `\n","plain\n"]}`},
		{key: "m/own.json", want: `"Files":["plain\n"]}`},
		{key: "m/none.json", want: `{"Manifest":{"fileSchema":"Key"},"Files":[]}`},
		{key: "m/text.json", want: `{"Manifest":"not json","Files":[]}`},
		{key: "m/missing.json", errName: "S3.AmazonS3Exception", cause: "The specified key does not exist."},
		{key: "m/bad.json", errName: "States.ItemReaderFailed", cause: "Cannot decompress 'src/cfg/data/bad.csv.gz': "},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			out, err := b.invoke(t, "arn:aws:states:::s3:getInventory", `{"Bucket":"inv","Key":"`+tc.key+`"}`)
			if tc.errName != "" {
				var f *resource.Failure
				if !errors.As(err, &f) || f.Name != tc.errName || !strings.HasPrefix(f.Cause, tc.cause) {
					t.Fatalf("got %s, %v; want %s: %s", value.String(out), err, tc.errName, tc.cause)
				}
				return
			}
			if err != nil || !strings.HasSuffix(value.String(out), tc.want) {
				t.Errorf("got %s, %v\nwant ...%s", value.String(out), err, tc.want)
			}
		})
	}
}

func TestS3GetInventoryParameters(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, err := b.invoke(t, "arn:aws:states:::s3:getInventory", `{"Bucket":"bucket-name","Key":"file_key","Prefix":"p"}`)
	var f *resource.Failure
	if !errors.As(err, &f) || f.Name != resource.ErrorRuntime || !strings.Contains(f.Cause, "[The field 'Prefix' is not supported by Step Functions]") {
		t.Errorf("got %v", err)
	}
}
