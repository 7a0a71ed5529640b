package fakeaws

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

type table struct {
	name              string
	hashKey, rangeKey string
	items             map[string]*value.Object // by key
	order             []string                 // keys in insertion order
}

const (
	ddbNamespace      = "com.amazonaws.dynamodb.v20120810"
	validateNamespace = "com.amazon.coral.validate"
)

var tableNamePattern = regexp.MustCompile(`^[a-zA-Z0-9_.-]+$`)

// CreateTable creates an empty table keyed by a string or number hash key
// and an optional range key.
func (s *Server) CreateTable(name, hashKey string, rangeKey ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &table{name: name, hashKey: hashKey, items: map[string]*value.Object{}}
	if len(rangeKey) > 0 {
		t.rangeKey = rangeKey[0]
	}
	s.tables[name] = t
}

// Items returns a table's items (DynamoDB JSON), in insertion order.
func (s *Server) Items(tableName string) []*value.Object {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tables[tableName]
	if t == nil {
		return nil
	}
	out := make([]*value.Object, 0, len(t.order))
	for _, k := range t.order {
		out = append(out, t.items[k])
	}
	return out
}

func ddbValidation(message string) answer {
	return jsonError(400, "ValidationException", validateNamespace, message)
}

var errNoTable = jsonError(400, "ResourceNotFoundException", ddbNamespace, "Requested resource not found")

func (s *Server) dynamodb(action string, in *value.Object) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	if action == "CreateTable" {
		return s.createTableAPI(in)
	}
	if action == "ListTables" {
		names := make([]value.Value, 0, len(s.tables))
		for name := range s.tables {
			names = append(names, name)
		}
		return jsonAnswer(obj(member("TableNames", names)))
	}
	t, failure := s.tableFor(in)
	if failure != nil {
		return *failure
	}
	handler, ok := ddbActions[action]
	if !ok {
		return jsonError(400, "UnknownOperationException", "com.amazon.coral.service", "")
	}
	return handler(t, in)
}

var ddbActions = map[string]func(*table, *value.Object) answer{
	"GetItem": (*table).getItem, "PutItem": (*table).putItem, "DeleteItem": (*table).deleteItem,
	"UpdateItem": (*table).updateItem, "Query": (*table).query, "Scan": (*table).scan,
	"DescribeTable": (*table).describe,
}

// tableFor validates TableName and finds the table.
func (s *Server) tableFor(in *value.Object) (*table, *answer) {
	name, _ := text(in, "TableName")
	var problems []string
	if len(name) < 3 {
		problems = append(problems, fmt.Sprintf("Value '%s' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3", name))
	}
	if !tableNamePattern.MatchString(name) {
		problems = append(problems, fmt.Sprintf("Value '%s' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+", name))
	}
	if len(problems) > 0 {
		noun := "error"
		if len(problems) > 1 {
			noun = "errors"
		}
		a := ddbValidation(fmt.Sprintf("%d validation %s detected: %s", len(problems), noun, strings.Join(problems, "; ")))
		return nil, &a
	}
	t := s.tables[name]
	if t == nil {
		return nil, &errNoTable
	}
	return t, nil
}

func (s *Server) createTableAPI(in *value.Object) answer {
	name, _ := text(in, "TableName")
	schema, _ := field(in, "KeySchema").([]value.Value)
	t := &table{name: name, items: map[string]*value.Object{}}
	for _, k := range schema {
		ko, _ := k.(*value.Object)
		attr, _ := text(ko, "AttributeName")
		if typ, _ := text(ko, "KeyType"); typ == "RANGE" {
			t.rangeKey = attr
		} else {
			t.hashKey = attr
		}
	}
	if name == "" || t.hashKey == "" {
		return ddbValidation("1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null")
	}
	if _, exists := s.tables[name]; exists {
		return jsonError(400, "ResourceInUseException", ddbNamespace, "Table already exists: "+name)
	}
	s.tables[name] = t
	return jsonAnswer(obj(member("TableDescription", t.description())))
}

func (t *table) describe(*value.Object) answer {
	return jsonAnswer(obj(member("Table", t.description())))
}

func (t *table) description() *value.Object {
	return obj(member("ItemCount", value.Int(int64(len(t.items)))), member("TableName", t.name), member("TableStatus", "ACTIVE"))
}

// keyOf returns the key string of an item or key, or a validation failure.
func (t *table) keyOf(item *value.Object, exact bool) (string, *answer) {
	names := []string{t.hashKey}
	if t.rangeKey != "" {
		names = append(names, t.rangeKey)
	}
	if item == nil || (exact && item.Len() != len(names)) {
		a := ddbValidation("The provided key element does not match the schema")
		return "", &a
	}
	var key strings.Builder
	for _, n := range names {
		v, ok := item.Get(n)
		if !ok {
			msg := "The provided key element does not match the schema"
			if !exact {
				msg = "One or more parameter values were invalid: Missing the key " + n + " in the item"
			}
			a := ddbValidation(msg)
			return "", &a
		}
		key.WriteString(value.String(v) + "\x00")
	}
	return key.String(), nil
}

func (t *table) getItem(in *value.Object) answer {
	k, failure := t.keyOf(objectField(in, "Key"), true)
	if failure != nil {
		return *failure
	}
	if item := t.items[k]; item != nil {
		return jsonAnswer(obj(member("Item", item)))
	}
	return jsonAnswer(obj())
}

func (t *table) putItem(in *value.Object) answer {
	item := objectField(in, "Item")
	k, failure := t.keyOf(item, false)
	if failure != nil {
		return *failure
	}
	old := t.items[k]
	if failure := checkCondition(in, old); failure != nil {
		return *failure
	}
	t.store(k, item)
	return returnValues(in, old, item, nil)
}

func (t *table) deleteItem(in *value.Object) answer {
	k, failure := t.keyOf(objectField(in, "Key"), true)
	if failure != nil {
		return *failure
	}
	old := t.items[k]
	if failure := checkCondition(in, old); failure != nil {
		return *failure
	}
	if old != nil {
		delete(t.items, k)
		t.order = slices.DeleteFunc(t.order, func(s string) bool { return s == k })
	}
	return returnValues(in, old, nil, nil)
}

func (t *table) store(k string, item *value.Object) {
	if _, exists := t.items[k]; !exists {
		t.order = append(t.order, k)
	}
	t.items[k] = item
}

func (t *table) updateItem(in *value.Object) answer {
	key := objectField(in, "Key")
	k, failure := t.keyOf(key, true)
	if failure != nil {
		return *failure
	}
	old := t.items[k]
	if failure := checkCondition(in, old); failure != nil {
		return *failure
	}
	item := old
	if item == nil {
		item = key
	}
	expr, _ := text(in, "UpdateExpression")
	updated, changed, err := applyUpdate(item, expr, newExprEnv(in))
	if err != nil {
		return ddbValidation("Invalid UpdateExpression: " + err.Error())
	}
	t.store(k, updated)
	return returnValues(in, old, updated, changed)
}

// returnValues answers a write with the Attributes its ReturnValues asks
// for.
func returnValues(in, old, updated *value.Object, changed []string) answer {
	rv, _ := text(in, "ReturnValues")
	var attrs *value.Object
	switch rv {
	case "ALL_OLD":
		attrs = old
	case "ALL_NEW":
		attrs = updated
	case "UPDATED_OLD":
		attrs = pick(old, changed)
	case "UPDATED_NEW":
		attrs = pick(updated, changed)
	}
	if attrs == nil || attrs.Len() == 0 {
		return jsonAnswer(obj())
	}
	return jsonAnswer(obj(member("Attributes", attrs)))
}

func pick(item *value.Object, names []string) *value.Object {
	if item == nil {
		return nil
	}
	var ms []value.Member
	for _, n := range names {
		if v, ok := item.Get(n); ok {
			ms = append(ms, member(n, v))
		}
	}
	return obj(ms...)
}

func (t *table) scan(*value.Object) answer {
	items := make([]value.Value, 0, len(t.order))
	for _, k := range t.order {
		items = append(items, t.items[k])
	}
	n := value.Int(int64(len(items)))
	return jsonAnswer(obj(member("Count", n), member("Items", items), member("ScannedCount", n)))
}

func (t *table) query(in *value.Object) answer {
	expr, _ := text(in, "KeyConditionExpression")
	cond, err := parseCondition(expr, newExprEnv(in))
	if err != nil {
		return ddbValidation("Invalid KeyConditionExpression: " + err.Error())
	}
	var items []*value.Object
	for _, k := range t.order {
		if cond.match(t.items[k]) {
			items = append(items, t.items[k])
		}
	}
	if t.rangeKey != "" {
		slices.SortStableFunc(items, func(a, b *value.Object) int { return compareAttr(field(a, t.rangeKey), field(b, t.rangeKey)) })
	}
	if forward, ok := field(in, "ScanIndexForward").(bool); ok && !forward {
		slices.Reverse(items)
	}
	out := make([]value.Value, len(items))
	for i, it := range items {
		out[i] = it
	}
	n := value.Int(int64(len(out)))
	return jsonAnswer(obj(member("Count", n), member("Items", out), member("ScannedCount", n)))
}

func objectField(in *value.Object, key string) *value.Object {
	o, _ := field(in, key).(*value.Object)
	return o
}

// checkCondition evaluates a write's ConditionExpression against the
// current item.
func checkCondition(in, current *value.Object) *answer {
	expr, ok := text(in, "ConditionExpression")
	if !ok || expr == "" {
		return nil
	}
	cond, err := parseCondition(expr, newExprEnv(in))
	if err != nil {
		a := ddbValidation("Invalid ConditionExpression: " + err.Error())
		return &a
	}
	if current == nil {
		current = obj()
	}
	if !cond.match(current) {
		a := jsonError(400, "ConditionalCheckFailedException", ddbNamespace, "The conditional request failed")
		return &a
	}
	return nil
}
