package engine

import (
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/value"
)

func TestJavaOrder(t *testing.T) {
	tests := []struct {
		keys []string
		want string
	}{
		// AWS's documented S3 Inventory item and CSV item.
		{[]string{"Bucket", "Key", "Size", "LastModifiedDate"}, "LastModifiedDate Bucket Size Key"},
		{[]string{"userId", "movieId", "rating", "timestamp"}, "rating movieId userId timestamp"},
		// Recorded: a header row "H1," gives {"":...,"H1":...}.
		{[]string{"H1", ""}, " H1"},
		{[]string{"Col1", "Col2", "Col3"}, "Col1 Col2 Col3"},
		{nil, ""},
	}
	for _, tc := range tests {
		order := javaOrder(tc.keys)
		got := make([]string, len(order))
		for i, j := range order {
			got[i] = tc.keys[j]
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("%q: got %q, want %q", tc.keys, s, tc.want)
		}
	}
}

func TestJavaOrderGrowsTheTable(t *testing.T) {
	// "Q" (hash 81) is in bucket 1 of a 16-bucket table and bucket 17 of a
	// 32-bucket one, which 13 keys need.
	keys := strings.Fields("A0 Q c d e f g h i j k l m")
	for _, tc := range []struct {
		n    int
		want string
	}{
		{12, "Q c d e f g h i j k l A0"},
		{13, "c d e f g h i j k l m A0 Q"},
	} {
		order := javaOrder(keys[:tc.n])
		got := make([]string, len(order))
		for i, j := range order {
			got[i] = keys[j]
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("%d keys: got %q, want %q", tc.n, s, tc.want)
		}
	}
}

const manifest = `{"sourceBucket":"src","destinationBucket":"arn:aws:s3:::inv",
 "version":"2016-11-30","creationTimestamp":"1668560400000","fileFormat":"CSV",
 "fileSchema":"Bucket, Key, Size, LastModifiedDate",
 "files":[{"key":"src/cfg/data/a.csv.gz","size":7300,"MD5checksum":"x"},{"key":"src/cfg/data/b.csv.gz"}]}`

func TestInventoryItems(t *testing.T) {
	rowA := `"src","csvDataset/","0","2022-11-16T00:27:19.000Z"` + "\n" +
		`"src","csvDataset/titles.csv","3399671","2022-11-16T00:29:32.000Z"` + "\n"
	rowB := `"src","imageDataset/n.jpg","27034"` + "\n"
	tests := []struct {
		name, manifest string
		files          []string
		want, err      string
	}{
		{"two files", manifest, []string{rowA, rowB},
			`[{"LastModifiedDate":"2022-11-16T00:27:19.000Z","Bucket":"src","Size":"0","Key":"csvDataset/"},` +
				`{"LastModifiedDate":"2022-11-16T00:29:32.000Z","Bucket":"src","Size":"3399671","Key":"csvDataset/titles.csv"},` +
				`{"LastModifiedDate":"","Bucket":"src","Size":"27034","Key":"imageDataset/n.jpg"}]`, ""},
		{"no files", `{"fileFormat":"CSV","fileSchema":"Bucket, Key"}`, nil, `[]`, ""},
		{"extra columns are skipped", `{"fileSchema":"Bucket,Key"}`, []string{"b,k,extra\n"}, `[{"Bucket":"b","Key":"k"}]`, ""},
		{"not an object", `[1]`, nil, "", string(errInventoryManifest)},
		{"ORC", `{"fileFormat":"ORC","fileSchema":"Bucket, Key"}`, nil, "", string(errInventoryFormat)},
		{"no schema", `{"fileFormat":"CSV"}`, nil, "", string(errInventorySchema)},
		{"duplicate columns", `{"fileSchema":"Key, Key"}`, []string{"a,b\n"}, "", string(errDuplicateHeader)},
		{"bad CSV", `{"fileSchema":"Key"}`, []string{"\"open\n"}, "", `parse error on line 1, column 7: extraneous or missing " in quoted-field`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := make([]value.Value, len(tc.files))
			for i, f := range tc.files {
				files[i] = f
			}
			out := value.NewObject([]value.Member{{Key: "Manifest", Value: value.MustParse(tc.manifest)}, {Key: "Files", Value: files}})
			items, err := readItems(&asl.ItemReader{InputType: "MANIFEST"}, out)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil || value.String(items) != tc.want {
				t.Errorf("got %s, %v\nwant %s", value.String(items), err, tc.want)
			}
		})
	}
}

func TestInventoryItemsOfUnreadManifest(t *testing.T) {
	// s3:getInventory returns a manifest that is not JSON as text.
	out := value.NewObject([]value.Member{{Key: "Manifest", Value: "not json"}, {Key: "Files", Value: []value.Value{}}})
	if _, err := readItems(&asl.ItemReader{InputType: "manifest"}, out); err != errInventoryManifest {
		t.Errorf("error %v", err)
	}
}

func TestReaderResource(t *testing.T) {
	tests := []struct{ resource, inputType, want string }{
		{"arn:aws:states:::s3:getObject", "MANIFEST", "arn:aws:states:::s3:getInventory"},
		{"arn:aws-cn:states:::s3:getObject", "MANIFEST", "arn:aws-cn:states:::s3:getInventory"},
		{"arn:aws:states:::s3:getObject", "CSV", "arn:aws:states:::s3:getObject"},
		{"arn:aws:states:::s3:listObjectsV2", "MANIFEST", "arn:aws:states:::s3:listObjectsV2"},
	}
	for _, tc := range tests {
		if got := readerResource(&asl.ItemReader{Resource: tc.resource, InputType: tc.inputType}); got != tc.want {
			t.Errorf("%s %s: got %s", tc.resource, tc.inputType, got)
		}
	}
}

func TestCSVItemsKeepAWSMemberOrder(t *testing.T) {
	items, err := csvItems("H1,\nValue4,Value5,Value6\n", nil, true)
	if err != nil || value.String(items) != `[{"":"Value5","H1":"Value4"}]` {
		t.Errorf("got %s, %v", value.String(items), err)
	}
	items, err = csvItems("1,307,3.5,1256677221\n", []string{"userId", "movieId", "rating", "timestamp"}, false)
	if err != nil || value.String(items) != `[{"rating":"3.5","movieId":"307","userId":"1","timestamp":"1256677221"}]` {
		t.Errorf("got %s, %v", value.String(items), err)
	}
}

// FuzzReadItems feeds the item parsers (CSV, JSONL, JSON, S3 Inventory)
// arbitrary data: they return items or an error, never panic, and CSV
// items have one member a column.
func FuzzReadItems(f *testing.F) {
	f.Add("CSV", "a,b\n1,2\n", "")
	f.Add("JSONL", "{\"a\":1}\n[2]\n", "")
	f.Add("JSON", `[1,{"b":2}]`, "")
	f.Add("MANIFEST", "\"b\",\"k\"\n", manifest)
	f.Add("MANIFEST", "x", `{"fileSchema":" , ,"}`)
	f.Fuzz(func(t *testing.T, inputType, data, manifestText string) {
		r := &asl.ItemReader{InputType: inputType, HeaderFirst: true}
		var out value.Value = data
		if isManifest(r) {
			m, err := value.ParseString(manifestText)
			if err != nil {
				m = manifestText
			}
			out = value.NewObject([]value.Member{{Key: "Manifest", Value: m}, {Key: "Files", Value: []value.Value{data, data}}})
		}
		items, err := readItems(r, out)
		if err != nil {
			return
		}
		if strings.EqualFold(inputType, "CSV") && len(items) > 0 {
			first := items[0].(*value.Object).Len()
			for _, it := range items {
				if it.(*value.Object).Len() != first {
					t.Fatalf("items of different widths: %s", value.String(items))
				}
			}
		}
	})
}
