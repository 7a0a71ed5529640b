package mock

import (
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

const (
	arnLambda        = "arn:aws:states:::lambda:invoke"
	arnGetFunction   = "arn:aws:states:::aws-sdk:lambda:getFunction"
	arnGetObject     = "arn:aws:states:::aws-sdk:s3:getObject"
	arnPutObject     = "arn:aws:states:::aws-sdk:s3:putObject"
	arnListObjects   = "arn:aws:states:::aws-sdk:s3:listObjectsV2"
	arnPutItem       = "arn:aws:states:::dynamodb:putItem"
	arnGetItem       = "arn:aws:states:::dynamodb:getItem"
	arnUpdateItem    = "arn:aws:states:::dynamodb:updateItem"
	arnDeleteItem    = "arn:aws:states:::dynamodb:deleteItem"
	arnPutEvents     = "arn:aws:states:::events:putEvents"
	arnSendMessage   = "arn:aws:states:::sqs:sendMessage"
	arnPublish       = "arn:aws:states:::sns:publish"
	arnStart         = "arn:aws:states:::states:startExecution"
	arnStartSync     = "arn:aws:states:::states:startExecution.sync"
	arnStartSync2    = "arn:aws:states:::states:startExecution.sync:2"
	arnEncrypt       = "arn:aws:states:::aws-sdk:kms:encrypt"
	arnGetSecret     = "arn:aws:states:::aws-sdk:secretsmanager:getSecretValue"
	strictMode       = ""
	maxMemoryMessage = "Field 'MemorySize' exceeds the maximum value"
)

type validateCase struct {
	name, resource, result, mode, want string
}

// recordedCases are the mock results AWS's TestState answered in the
// conformance corpus (invalid_definitions/TestFieldValidation* and
// test_state_api/*), with the detail of its ValidationException.
var recordedCases = []validateCase{
	{"lambda getFunction memory above maximum", arnGetFunction, `{"Configuration": {"MemorySize": 10241}}`, ModeStrict, maxMemoryMessage},
	{"lambda getFunction memory above maximum (PRESENT)", arnGetFunction, `{"Configuration": {"MemorySize": 10241}}`, ModePresent, maxMemoryMessage},
	{"s3 storage class not in enum", arnGetObject, `{"StorageClass": "Papyrus"}`, strictMode, "Field 'StorageClass' is not an expected value"},
	{"s3 storage class not in enum (PRESENT)", arnGetObject, `{"StorageClass": "Papyrus"}`, ModePresent, "Field 'StorageClass' is not an expected value"},
	{"s3 content length as string", arnGetObject, `{"ContentLength": "9000"}`, strictMode, "Field 'ContentLength' must be a number"},
	{"dynamodb capacity units as string", arnPutItem, `{"ConsumedCapacity": {"CapacityUnits": "123.45"}}`, strictMode, "Field 'CapacityUnits' must be a number"},
	{"dynamodb capacity units as string (PRESENT)", arnPutItem, `{"ConsumedCapacity": {"CapacityUnits": "123.45"}}`, ModePresent, "Field 'CapacityUnits' must be a number"},
	{"events second entry id is array", arnPutEvents, `{"Entries": [{"EventId": "First eventId has correct type: string"}, {"EventId": ["Second eventId has incorrect type: array"]}]}`, strictMode, "Field 'EventId' must be a string"},
	{"events second entry id is array (PRESENT)", arnPutEvents, `{"Entries": [{"EventId": "First eventId has correct type: string"}, {"EventId": ["Second eventId has incorrect type: array"]}]}`, ModePresent, "Field 'EventId' must be a string"},
	{"events nested id is array", arnPutEvents, `{"Entries": [{"EventId": ["EventId value should have been a string not a list of strings"]}]}`, strictMode, "Field 'EventId' must be a string"},
	{"events entries is string", arnPutEvents, `{"Entries": "Entries value should have been a list of entry objects"}`, strictMode, "Field 'Entries' must be an array"},
	{"events entries is string (PRESENT)", arnPutEvents, `{"Entries": "Entries value should have been a list of entry objects"}`, ModePresent, "Field 'Entries' must be an array"},
	{"events empty result (PRESENT)", arnPutEvents, `{}`, ModePresent, ""},
	{"lambda status code as string (PRESENT)", arnLambda, `{"StatusCode": "200"}`, ModePresent, "Field 'StatusCode' must be a number"},
	{"sfn execution arn as number (PRESENT)", arnStart, `{"ExecutionArn": 1764103483}`, ModePresent, "Field 'ExecutionArn' must be a string"},
	{"sfn camelCase names miss the required field", arnStart, `{"executionArn": "stringValueExecutionArn", "startDate": "stringValueStartDate"}`, strictMode, "Required field 'ExecutionArn' is missing"},
	{"sfn start date as number", arnStart, `{"ExecutionArn": "stringValueExecutionArn", "StartDate": 1764103483}`, strictMode, "Field 'StartDate' must be a string"},
	{"sfn start date as text", arnStart, `{"ExecutionArn": "exec_arn", "StartDate": "2026-11-25T00:41:25.403697"}`, strictMode, ""},
	{"sfn missing fields (PRESENT)", arnStart, `{}`, ModePresent, ""},
	{"sfn missing fields (NONE)", arnStart, `{}`, ModeNone, ""},
	{"sfn start date boolean (NONE)", arnStart, `{"ExecutionArn": "stringValueExecutionArn", "StartDate": true}`, ModeNone, ""},
	{"kms blob as number", arnEncrypt, `{"CiphertextBlob": 123}`, strictMode, "Field 'CiphertextBlob' must be a string"},
	{"lambda unknown fields", arnLambda, `{"pokemon": "pikachu"}`, strictMode, ""},
	{"lambda payload and sdk metadata", arnLambda, `{"Payload": "function output", "SdkHttpMetadata": {"HttpStatusCode": 200}}`, strictMode, ""},
	{"dynamodb sdk metadata only", arnPutItem, `{"SdkHttpMetadata": {"HttpStatusCode": 200}}`, strictMode, ""},
	{"sqs send message", arnSendMessage, `{"MD5OfMessageBody": "b6e2733e5062adaba6cc40ad1c806ef5", "MessageId": "u0000a7b-0000-4000-8000-000000000000"}`, strictMode, ""},
	{"sqs wait for task token takes any output", "arn:aws:states:::sqs:sendMessage.waitForTaskToken", `{"pokemon": ["charizard", "pikachu", "bulbasaur"]}`, strictMode, ""},
	{"api gateway is not checked", "arn:aws:states:::apigateway:invoke", `{"approval": true }`, strictMode, ""},
}

func TestValidateResultRecorded(t *testing.T) {
	t.Parallel()
	runValidateCases(t, recordedCases)
}

func runValidateCases(t *testing.T, cases []validateCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ValidateResult(tt.resource, value.MustParse(tt.result), tt.mode); got != tt.want {
				t.Errorf("ValidateResult(%s, %s, %q) = %q, want %q", tt.resource, tt.result, tt.mode, got, tt.want)
			}
		})
	}
}

// TestValidateResultRules covers each rule of the checker.
func TestValidateResultRules(t *testing.T) {
	t.Parallel()
	runValidateCases(t, []validateCase{
		// modes
		{"NONE accepts a wrong type", arnLambda, `{"StatusCode": "x"}`, ModeNone, ""},
		{"unknown mode is STRICT", arnStart, `{}`, "LOOSE", "Required field 'ExecutionArn' is missing"},
		{"STRICT requires in model order", arnStart, `{"StartDate": "d"}`, ModeStrict, "Required field 'ExecutionArn' is missing"},
		{"STRICT second required", arnStart, `{"ExecutionArn": "a"}`, ModeStrict, "Required field 'StartDate' is missing"},
		{"required before types", arnStart, `{"StartDate": 1}`, ModeStrict, "Required field 'ExecutionArn' is missing"},
		{"PRESENT skips required", arnStart, `{"StartDate": "d"}`, ModePresent, ""},
		{"first bad field in result order", arnLambda, `{"LogResult": 1, "StatusCode": "x"}`, ModeStrict, "Field 'LogResult' must be a string"},
		{"null is not a string", arnStart, `{"ExecutionArn": null, "StartDate": "d"}`, ModeStrict, "Field 'ExecutionArn' must be a string"},
		{"null is not a number", arnLambda, `{"StatusCode": null}`, ModeStrict, "Field 'StatusCode' must be a number"},
		// top level
		{"array result", arnLambda, `[1, 2]`, ModeStrict, "The mock result must be a JSON object"},
		{"string result", arnStart, `"x"`, ModePresent, "The mock result must be a JSON object"},
		{"null result", arnLambda, `null`, ModeStrict, "The mock result must be a JSON object"},
		{"non-object result is fine in NONE", arnLambda, `[1]`, ModeNone, ""},
		{"unknown resource accepts anything", "arn:aws:states:::glue:startJobRun.sync", `[1]`, ModeStrict, ""},
		{"unknown sdk action", "arn:aws:states:::aws-sdk:s3:deleteObject", `{"DeleteMarker": "x"}`, ModeStrict, ""},
		{"lambda function ARN", "arn:aws:lambda:us-east-1:123456789012:function:f", `{"StatusCode": "x"}`, ModeStrict, ""},
		{"activity ARN", "arn:aws:states:us-east-1:123456789012:activity:a", `[1]`, ModeStrict, ""},
		{"malformed resource", "not-an-arn", `[1]`, ModeStrict, ""},
		{"lambda callback output", "arn:aws:states:::lambda:invoke.waitForTaskToken", `"anything"`, ModeStrict, ""},
		// integers
		{"integer", arnLambda, `{"StatusCode": 200}`, ModeStrict, ""},
		{"integer written with exponent", arnLambda, `{"StatusCode": 2e2}`, ModeStrict, ""},
		{"integer written with zero fraction", arnLambda, `{"StatusCode": 200.0}`, ModeStrict, ""},
		{"integer with fraction", arnLambda, `{"StatusCode": 200.5}`, ModeStrict, "Field 'StatusCode' must be an integer"},
		{"integer as boolean", arnLambda, `{"StatusCode": true}`, ModeStrict, "Field 'StatusCode' must be a number"},
		{"integer above int32", arnLambda, `{"StatusCode": 2147483648}`, ModeStrict, "Field 'StatusCode' exceeds the maximum value"},
		{"integer below int32", arnLambda, `{"StatusCode": -2147483649}`, ModeStrict, "Field 'StatusCode' is below the minimum value"},
		{"integer at int32 bounds", arnLambda, `{"StatusCode": -2147483648, "FunctionError": "x"}`, ModeStrict, ""},
		{"integer far above int64", arnLambda, `{"StatusCode": 1e30}`, ModeStrict, "Field 'StatusCode' exceeds the maximum value"},
		{"integer far below int64", arnLambda, `{"StatusCode": -1e30}`, ModeStrict, "Field 'StatusCode' is below the minimum value"},
		{"long above int32", arnGetObject, `{"ContentLength": 9000000000}`, ModeStrict, ""},
		{"long above int64", arnGetObject, `{"ContentLength": 9223372036854775808}`, ModeStrict, "Field 'ContentLength' exceeds the maximum value"},
		{"memory at maximum", arnGetFunction, `{"Configuration": {"MemorySize": 10240}}`, ModeStrict, ""},
		{"memory at minimum", arnGetFunction, `{"Configuration": {"MemorySize": 128}}`, ModeStrict, ""},
		{"memory below minimum", arnGetFunction, `{"Configuration": {"MemorySize": 127}}`, ModeStrict, "Field 'MemorySize' is below the minimum value"},
		{"timeout below minimum", arnGetFunction, `{"Configuration": {"Timeout": 0}}`, ModePresent, "Field 'Timeout' is below the minimum value"},
		// doubles
		{"double integer", arnPutItem, `{"ConsumedCapacity": {"CapacityUnits": 1}}`, ModeStrict, ""},
		{"double fraction", arnPutItem, `{"ConsumedCapacity": {"CapacityUnits": 123.45}}`, ModeStrict, ""},
		{"double as boolean", arnPutItem, `{"ConsumedCapacity": {"WriteCapacityUnits": false}}`, ModeStrict, "Field 'WriteCapacityUnits' must be a number"},
		// booleans
		{"boolean", arnGetObject, `{"DeleteMarker": true}`, ModeStrict, ""},
		{"boolean as string", arnGetObject, `{"DeleteMarker": "true"}`, ModeStrict, "Field 'DeleteMarker' must be a boolean"},
		{"boolean as number", arnListObjects, `{"IsTruncated": 0}`, ModeStrict, "Field 'IsTruncated' must be a boolean"},
		// strings and enums
		{"enum value", arnGetObject, `{"StorageClass": "GLACIER_IR"}`, ModeStrict, ""},
		{"enum is case sensitive", arnGetObject, `{"StorageClass": "standard"}`, ModeStrict, "Field 'StorageClass' is not an expected value"},
		{"enum as number", arnGetObject, `{"StorageClass": 1}`, ModeStrict, "Field 'StorageClass' must be a string"},
		{"enum of kms", arnEncrypt, `{"EncryptionAlgorithm": "RSA"}`, ModeStrict, "Field 'EncryptionAlgorithm' is not an expected value"},
		{"string as object", arnPublish, `{"MessageId": {}}`, ModeStrict, "Field 'MessageId' must be a string"},
		// timestamps and blobs
		{"timestamp any text", arnGetObject, `{"LastModified": "yesterday"}`, ModeStrict, ""},
		{"timestamp as number", arnGetObject, `{"LastModified": 1700000000}`, ModeStrict, "Field 'LastModified' must be a string"},
		{"blob as text", arnGetObject, `{"Body": "hello"}`, ModeStrict, ""},
		{"blob as object", arnGetObject, `{"Body": {"a": 1}}`, ModeStrict, "Field 'Body' must be a string"},
		// structures, lists and maps
		{"nested structure as string", arnGetFunction, `{"Configuration": "x"}`, ModeStrict, "Field 'Configuration' must be an object"},
		{"list item not an object", arnPutEvents, `{"Entries": ["x"]}`, ModeStrict, "Field 'Entries' must be an object"},
		{"list of enums", arnGetFunction, `{"Configuration": {"Architectures": ["arm64", "riscv"]}}`, ModeStrict, "Field 'Architectures' is not an expected value"},
		{"map as array", arnGetObject, `{"Metadata": ["a"]}`, ModeStrict, "Field 'Metadata' must be an object"},
		{"map value wrong", arnGetObject, `{"Metadata": {"a": "b", "c": 1}}`, ModeStrict, "Field 'Metadata' must be a string"},
		{"nested required in STRICT", arnGetFunction, `{"TagsError": {"ErrorCode": "E"}}`, ModeStrict, "Required field 'Message' is missing"},
		{"nested required skipped in PRESENT", arnGetFunction, `{"TagsError": {"ErrorCode": "E"}}`, ModePresent, ""},
		{"required inside a list item", arnGetFunction, `{"Configuration": {"FileSystemConfigs": [{"Arn": "a"}]}}`, ModeStrict, "Required field 'LocalMountPath' is missing"},
		{"unknown nested fields", arnGetFunction, `{"Configuration": {"Future": {"x": 1}, "MemorySize": 512}}`, ModeStrict, ""},
	})
}

// TestValidateResultShapes exercises every integration's output model with
// a realistic result, and one wrong field for each.
func TestValidateResultShapes(t *testing.T) {
	t.Parallel()
	runValidateCases(t, []validateCase{
		{"lambda invoke", arnLambda, `{"StatusCode": 200, "FunctionError": "Unhandled", "LogResult": "bG9n", "Payload": {"any": [1, null]}, "ExecutedVersion": "$LATEST"}`, ModeStrict, ""},
		{"lambda invoke payload any type", arnLambda, `{"Payload": 12}`, ModeStrict, ""},
		{"lambda invoke wrong version", arnLambda, `{"ExecutedVersion": 1}`, ModeStrict, "Field 'ExecutedVersion' must be a string"},
		{"lambda getFunction", arnGetFunction, `{"Configuration": {"FunctionName": "f", "Runtime": "python3.12", "MemorySize": 512, "Timeout": 30,
			"CodeSize": 1234, "State": "Active", "LastUpdateStatus": "Successful", "PackageType": "Zip", "Architectures": ["x86_64"],
			"Environment": {"Variables": {"A": "1"}}, "TracingConfig": {"Mode": "PassThrough"}, "EphemeralStorage": {"Size": 512},
			"LoggingConfig": {"LogFormat": "JSON", "ApplicationLogLevel": "INFO", "SystemLogLevel": "WARN", "LogGroup": "/aws/lambda/f"},
			"Layers": [{"Arn": "l", "CodeSize": 10}], "VpcConfig": {"SubnetIds": [], "SecurityGroupIds": [], "Ipv6AllowedForDualStack": false},
			"SnapStart": {"ApplyOn": "None", "OptimizationStatus": "Off"}},
			"Code": {"RepositoryType": "S3", "Location": "https://x"}, "Tags": {"k": "v"}, "Concurrency": {"ReservedConcurrentExecutions": 5}}`, ModeStrict, ""},
		{"lambda getFunction runtime", arnGetFunction, `{"Configuration": {"Runtime": "cobol"}}`, ModeStrict, "Field 'Runtime' is not an expected value"},
		{"lambda getFunction ephemeral storage", arnGetFunction, `{"Configuration": {"EphemeralStorage": {"Size": 10241}}}`, ModeStrict, "Field 'Size' exceeds the maximum value"},
		{"lambda getFunction ephemeral storage required", arnGetFunction, `{"Configuration": {"EphemeralStorage": {}}}`, ModeStrict, "Required field 'Size' is missing"},
		{"lambda getFunction concurrency", arnGetFunction, `{"Concurrency": {"ReservedConcurrentExecutions": -1}}`, ModeStrict, "Field 'ReservedConcurrentExecutions' is below the minimum value"},
		{"lambda getFunction tags", arnGetFunction, `{"Tags": {"k": 1}}`, ModeStrict, "Field 'Tags' must be a string"},
		{"s3 getObject", arnGetObject, `{"Body": "hello", "ContentLength": 5, "ContentType": "text/plain", "ETag": "\"e\"",
			"LastModified": "2024-01-01T00:00:00Z", "Metadata": {}, "ServerSideEncryption": "AES256", "StorageClass": "STANDARD",
			"AcceptRanges": "bytes", "VersionId": "null", "PartsCount": 1, "TagCount": 0, "ChecksumType": "FULL_OBJECT",
			"ObjectLockMode": "GOVERNANCE", "ObjectLockLegalHoldStatus": "OFF", "ReplicationStatus": "COMPLETED", "RequestCharged": "requester"}`, ModeStrict, ""},
		{"s3 getObject encryption", arnGetObject, `{"ServerSideEncryption": "rot13"}`, ModeStrict, "Field 'ServerSideEncryption' is not an expected value"},
		{"s3 putObject", arnPutObject, `{"ETag": "\"e\"", "VersionId": "v", "Size": 5, "BucketKeyEnabled": false, "ChecksumCRC32": "x"}`, ModeStrict, ""},
		{"s3 putObject size", arnPutObject, `{"Size": "5"}`, ModeStrict, "Field 'Size' must be a number"},
		{"s3 listObjectsV2", arnListObjects, `{"IsTruncated": false, "KeyCount": 1, "MaxKeys": 1000, "Name": "b", "Prefix": "",
			"Contents": [{"Key": "k", "Size": 3, "StorageClass": "STANDARD", "LastModified": "t", "ChecksumAlgorithm": ["CRC32"],
			"Owner": {"ID": "o"}, "RestoreStatus": {"IsRestoreInProgress": false}}], "CommonPrefixes": [{"Prefix": "p/"}], "EncodingType": "url"}`, ModeStrict, ""},
		{"s3 listObjectsV2 object size", arnListObjects, `{"Contents": [{"Key": "k"}, {"Size": "3"}]}`, ModeStrict, "Field 'Size' must be a number"},
		{"s3 listObjectsV2 encoding", arnListObjects, `{"EncodingType": "base64"}`, ModeStrict, "Field 'EncodingType' is not an expected value"},
		{"dynamodb getItem", arnGetItem, `{"Item": {"id": {"S": "1"}, "n": {"N": "2"}, "m": {"M": {"l": {"L": [{"BOOL": true}, {"NULL": true}, {"SS": ["a"]}]}}}}}`, ModeStrict, ""},
		{"dynamodb getItem deep attribute", arnGetItem, `{"Item": {"m": {"M": {"l": {"L": [{"N": 2}]}}}}}`, ModeStrict, "Field 'N' must be a string"},
		{"dynamodb getItem item as array", arnGetItem, `{"Item": []}`, ModeStrict, "Field 'Item' must be an object"},
		{"dynamodb putItem", arnPutItem, `{"Attributes": {"a": {"S": "x"}}, "ConsumedCapacity": {"TableName": "t", "CapacityUnits": 1.5,
			"Table": {"CapacityUnits": 1}, "GlobalSecondaryIndexes": {"g": {"ReadCapacityUnits": 0.5}}},
			"ItemCollectionMetrics": {"ItemCollectionKey": {"k": {"S": "v"}}, "SizeEstimateRangeGB": [0, 1.5]}}`, ModeStrict, ""},
		{"dynamodb updateItem", arnUpdateItem, `{"Attributes": {"a": {"BOOL": "yes"}}}`, ModeStrict, "Field 'BOOL' must be a boolean"},
		{"dynamodb deleteItem", arnDeleteItem, `{"ItemCollectionMetrics": {"SizeEstimateRangeGB": ["1"]}}`, ModeStrict, "Field 'SizeEstimateRangeGB' must be a number"},
		{"dynamodb index capacity", arnPutItem, `{"ConsumedCapacity": {"LocalSecondaryIndexes": {"i": {"CapacityUnits": "1"}}}}`, ModeStrict, "Field 'CapacityUnits' must be a number"},
		{"events putEvents", arnPutEvents, `{"Entries": [{"EventId": "e"}, {"ErrorCode": "c", "ErrorMessage": "m"}], "FailedEntryCount": 1}`, ModeStrict, ""},
		{"events failed count", arnPutEvents, `{"FailedEntryCount": "0"}`, ModeStrict, "Field 'FailedEntryCount' must be a number"},
		{"sqs sendMessage", arnSendMessage, `{"MessageId": "m", "SequenceNumber": "1", "MD5OfMessageAttributes": "x", "MD5OfMessageSystemAttributes": "y"}`, ModeStrict, ""},
		{"sqs sequence number", arnSendMessage, `{"SequenceNumber": 1}`, ModeStrict, "Field 'SequenceNumber' must be a string"},
		{"sns publish", arnPublish, `{"MessageId": "m", "SequenceNumber": "1"}`, ModeStrict, ""},
		{"sfn startExecution", arnStart, `{"ExecutionArn": "arn", "StartDate": "2024-01-01T00:00:00.000Z"}`, ModeStrict, ""},
		{"sfn sync", arnStartSync, `{"ExecutionArn": "a", "StateMachineArn": "s", "Status": "SUCCEEDED", "StartDate": "1745486528077",
			"StopDate": "1745486528078", "Name": "n", "Input": "{}", "InputDetails": {"Included": true}, "Output": "{\"Arg1\":\"argument1\"}",
			"OutputDetails": {"Included": true}, "RedriveCount": 0, "RedriveStatus": "NOT_REDRIVABLE", "RedriveStatusReason": "r"}`, ModeStrict, ""},
		{"sfn sync output must be text", arnStartSync, `{"ExecutionArn": "a", "StateMachineArn": "s", "Status": "SUCCEEDED", "StartDate": "d", "Output": {}}`, ModeStrict, "Field 'Output' must be a string"},
		{"sfn sync required status", arnStartSync, `{"ExecutionArn": "a", "StateMachineArn": "s", "StartDate": "d"}`, ModeStrict, "Required field 'Status' is missing"},
		{"sfn sync status enum", arnStartSync, `{"Status": "DONE"}`, ModePresent, "Field 'Status' is not an expected value"},
		{"sfn sync details", arnStartSync, `{"InputDetails": {"Included": "yes"}}`, ModePresent, "Field 'Included' must be a boolean"},
		{"sfn sync:2 output is JSON", arnStartSync2, `{"ExecutionArn": "a", "StateMachineArn": "s", "Status": "SUCCEEDED", "StartDate": "d", "Input": {}, "Output": {"Arg1": "argument1"}}`, ModeStrict, ""},
		{"sfn sync:2 redrive status", arnStartSync2, `{"RedriveStatus": "MAYBE"}`, ModePresent, "Field 'RedriveStatus' is not an expected value"},
		{"sdk sfn startExecution", "arn:aws:states:::aws-sdk:sfn:startExecution", `{"ExecutionArn": "a"}`, ModeStrict, "Required field 'StartDate' is missing"},
		{"sdk dynamodb putItem", "arn:aws:states:::aws-sdk:dynamodb:putItem", `{"Attributes": 1}`, ModeStrict, "Field 'Attributes' must be an object"},
		{"sdk eventbridge putEvents", "arn:aws:states:::aws-sdk:eventbridge:putEvents", `{"Entries": {}}`, ModeStrict, "Field 'Entries' must be an array"},
		{"kms encrypt", arnEncrypt, `{"CiphertextBlob": "AQID", "KeyId": "arn:aws:kms:k", "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"}`, ModeStrict, ""},
		{"secretsmanager getSecretValue", arnGetSecret, `{"ARN": "a", "Name": "n", "VersionId": "v", "SecretString": "s", "VersionStages": ["AWSCURRENT"], "CreatedDate": "d"}`, ModeStrict, ""},
		{"secretsmanager stages", arnGetSecret, `{"VersionStages": "AWSCURRENT"}`, ModeStrict, "Field 'VersionStages' must be an array"},
		{"secretsmanager binary", arnGetSecret, `{"SecretBinary": true}`, ModeStrict, "Field 'SecretBinary' must be a string"},
		{"regional optimized ARN form", "arn:aws-cn:states:::dynamodb:getItem", `{"Item": 1}`, ModeStrict, "Field 'Item' must be an object"},
	})
}

// TestOutputShapesWellFormed checks the registry: every key names a
// resource ValidateResult can reach, every structure has an index that
// matches its members, and names are PascalCase.
func TestOutputShapesWellFormed(t *testing.T) {
	t.Parallel()
	for k, s := range outputShapes {
		if got := outputShape("arn:aws:states:::" + k); got != s {
			t.Errorf("key %q is not reachable from its ARN", k)
		}
		checkShape(t, k, s, map[*shape]bool{})
	}
}

func checkShape(t *testing.T, path string, s *shape, seen map[*shape]bool) {
	t.Helper()
	if seen[s] {
		return
	}
	seen[s] = true
	switch s.kind {
	case kindStruct:
		if len(s.index) != len(s.members) {
			t.Errorf("%s: duplicate member names", path)
		}
		for _, f := range s.members {
			if f.name == "" || strings.ToUpper(f.name[:1]) != f.name[:1] {
				t.Errorf("%s: member %q is not PascalCase", path, f.name)
			}
			checkShape(t, path+"."+f.name, f.shape, seen)
		}
	case kindList, kindMap:
		checkShape(t, path+"[]", s.elem, seen)
	case kindInteger:
		if s.min > s.max {
			t.Errorf("%s: empty range", path)
		}
	}
}
