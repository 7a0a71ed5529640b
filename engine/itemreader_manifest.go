package engine

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/value"
)

// An S3 Inventory read by an ItemReader with InputType MANIFEST: the
// manifest.json of an inventory report names its CSV data files ("files")
// and their columns ("fileSchema"); every row of every file is an item,
// e.g. {"LastModifiedDate":"...","Bucket":"...","Size":"...","Key":"..."}.

// The failures of an S3 Inventory read. AWS documents none of them; the
// format rule is worded as its documentation words it.
const (
	errInventoryManifest readerError = "The Amazon S3 inventory manifest must be a JSON object."
	errInventoryFormat   readerError = "The output format of the Amazon S3 inventory report must be CSV."
	errInventorySchema   readerError = "The Amazon S3 inventory manifest must have a fileSchema."
)

// isManifest reports whether r reads an S3 Inventory.
func isManifest(r *asl.ItemReader) bool {
	return strings.EqualFold(r.InputType, "MANIFEST")
}

// inventoryItems reads an S3 Inventory as s3:getInventory returns it:
// {"Manifest": the manifest document, "Files": [the text of each data file
// it lists, in its order]}. The rows have no header: fileSchema names the
// columns.
func inventoryItems(out value.Value) ([]value.Value, error) {
	obj, _ := out.(*value.Object)
	m, _ := member(obj, "Manifest").(*value.Object)
	if m == nil {
		return nil, errInventoryManifest
	}
	if format, ok := member(m, "fileFormat").(string); ok && !strings.EqualFold(format, "CSV") {
		return nil, errInventoryFormat
	}
	schema, _ := member(m, "fileSchema").(string)
	if strings.TrimSpace(schema) == "" {
		return nil, errInventorySchema
	}
	headers := strings.Split(schema, ",")
	for i, h := range headers {
		headers[i] = strings.TrimSpace(h)
	}
	files, _ := member(obj, "Files").([]value.Value)
	items := []value.Value{}
	for _, file := range files {
		text, _ := file.(string)
		rows, err := csvItems(text, headers, false)
		if err != nil {
			return nil, err
		}
		items = append(items, rows...)
	}
	return items, nil
}

func member(o *value.Object, key string) value.Value {
	v, _ := o.Get(key)
	return v
}

// javaOrder returns the indexes of keys in the order a java.util.HashMap
// filled with them, in key order, iterates them: by bucket of a table
// sized for them (load factor 0.75), then by insertion. AWS builds the
// items of CSV files and S3 Inventories in such maps, so that the header
// "Bucket, Key, Size, LastModifiedDate" gives LastModifiedDate, Bucket,
// Size, Key.
func javaOrder(keys []string) []int {
	mask := uint32(15)
	for len(keys) > int(mask+1)/4*3 {
		mask = mask<<1 | 1
	}
	slot := make([]uint32, len(keys))
	order := make([]int, len(keys))
	for i, k := range keys {
		h := javaHash(k)
		slot[i], order[i] = (h^h>>16)&mask, i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(slot[a], slot[b]) })
	return order
}

// javaHash is java.lang.String#hashCode: over UTF-16 code units.
func javaHash(s string) uint32 {
	var h uint32
	for _, u := range utf16.Encode([]rune(s)) {
		h = 31*h + uint32(u)
	}
	return h
}
