package mock

// S3's enums.
var (
	s3StorageClasses = []string{
		"STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
		"GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE",
		"FSX_OPENZFS", "FSX_ONTAP",
	}
	s3ServerSideEncryption = enum("AES256", "aws:fsx", "aws:kms", "aws:kms:dsse")
	s3ChecksumType         = enum("COMPOSITE", "FULL_OBJECT")
	s3RequestCharged       = enum("requester")
)

// s3Checksums are the checksum members of S3's object outputs.
func s3Checksums() []field {
	return strs("ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumSHA1", "ChecksumSHA256")
}

func addS3(m map[string]*shape) {
	m["aws-sdk:s3:getObject"] = s3GetObject()
	m["aws-sdk:s3:putObject"] = structure(with(strs("Expiration", "ETag"), with(s3Checksums(),
		opt("ChecksumType", s3ChecksumType),
		opt("ServerSideEncryption", s3ServerSideEncryption),
		opt("VersionId", stringShape),
		opt("SSECustomerAlgorithm", stringShape),
		opt("SSECustomerKeyMD5", stringShape),
		opt("SSEKMSKeyId", stringShape),
		opt("SSEKMSEncryptionContext", stringShape),
		opt("BucketKeyEnabled", booleanShape),
		opt("Size", longShape),
		opt("RequestCharged", s3RequestCharged),
	)...)...)
	m["aws-sdk:s3:listObjectsV2"] = s3ListObjectsV2()
}

func s3GetObject() *shape {
	fields := with([]field{
		opt("Body", blobShape),
		opt("DeleteMarker", booleanShape),
		opt("AcceptRanges", stringShape), opt("Expiration", stringShape), opt("Restore", stringShape),
		opt("LastModified", timestampShape),
		opt("ContentLength", longShape),
		opt("ETag", stringShape),
	}, with(s3Checksums(),
		opt("ChecksumType", s3ChecksumType),
		opt("MissingMeta", integerShape),
		opt("VersionId", stringShape), opt("CacheControl", stringShape),
		opt("ContentDisposition", stringShape), opt("ContentEncoding", stringShape),
		opt("ContentLanguage", stringShape), opt("ContentRange", stringShape), opt("ContentType", stringShape),
		opt("Expires", timestampShape), opt("ExpiresString", stringShape),
		opt("WebsiteRedirectLocation", stringShape),
		opt("ServerSideEncryption", s3ServerSideEncryption),
		opt("Metadata", mapOf(stringShape)),
		opt("SSECustomerAlgorithm", stringShape), opt("SSECustomerKeyMD5", stringShape), opt("SSEKMSKeyId", stringShape),
		opt("BucketKeyEnabled", booleanShape),
		opt("StorageClass", enum(s3StorageClasses...)),
		opt("RequestCharged", s3RequestCharged),
		opt("ReplicationStatus", enum("COMPLETE", "PENDING", "FAILED", "REPLICA", "COMPLETED")),
		opt("PartsCount", integerShape),
		opt("TagCount", integerShape),
		opt("ObjectLockMode", enum("GOVERNANCE", "COMPLIANCE")),
		opt("ObjectLockRetainUntilDate", timestampShape),
		opt("ObjectLockLegalHoldStatus", enum("ON", "OFF")),
	)...)
	return structure(fields...)
}

func s3ListObjectsV2() *shape {
	object := structure(
		opt("Key", stringShape),
		opt("LastModified", timestampShape),
		opt("ETag", stringShape),
		opt("ChecksumAlgorithm", list(enum("CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"))),
		opt("ChecksumType", s3ChecksumType),
		opt("Size", longShape),
		opt("StorageClass", enum(s3StorageClasses...)),
		opt("Owner", structure(strs("DisplayName", "ID")...)),
		opt("RestoreStatus", structure(opt("IsRestoreInProgress", booleanShape),
			opt("RestoreExpiryDate", timestampShape))),
	)
	return structure(
		opt("IsTruncated", booleanShape),
		opt("Contents", list(object)),
		opt("Name", stringShape), opt("Prefix", stringShape), opt("Delimiter", stringShape),
		opt("MaxKeys", integerShape),
		opt("CommonPrefixes", list(structure(opt("Prefix", stringShape)))),
		opt("EncodingType", enum("url")),
		opt("KeyCount", integerShape),
		opt("ContinuationToken", stringShape), opt("NextContinuationToken", stringShape),
		opt("StartAfter", stringShape),
		opt("RequestCharged", s3RequestCharged),
	)
}

// attributeValue is DynamoDB's AttributeValue, which nests itself in M and L.
func attributeValue() *shape {
	av := &shape{kind: kindStruct}
	av.setMembers([]field{
		opt("S", stringShape), opt("N", stringShape), opt("B", blobShape),
		opt("SS", list(stringShape)), opt("NS", list(stringShape)), opt("BS", list(blobShape)),
		opt("M", mapOf(av)), opt("L", list(av)),
		opt("NULL", booleanShape), opt("BOOL", booleanShape),
	})
	return av
}

func addDynamoDB(m map[string]*shape) {
	av := attributeValue()
	capacity := structure(opt("ReadCapacityUnits", doubleShape), opt("WriteCapacityUnits", doubleShape),
		opt("CapacityUnits", doubleShape))
	consumed := opt("ConsumedCapacity", structure(
		opt("TableName", stringShape),
		opt("CapacityUnits", doubleShape),
		opt("ReadCapacityUnits", doubleShape),
		opt("WriteCapacityUnits", doubleShape),
		opt("Table", capacity),
		opt("LocalSecondaryIndexes", mapOf(capacity)),
		opt("GlobalSecondaryIndexes", mapOf(capacity)),
	))
	metrics := opt("ItemCollectionMetrics", structure(
		opt("ItemCollectionKey", mapOf(av)),
		opt("SizeEstimateRangeGB", list(doubleShape)),
	))
	write := structure(opt("Attributes", mapOf(av)), consumed, metrics)
	addBoth(m, "dynamodb:getItem", "aws-sdk:dynamodb:getItem", structure(opt("Item", mapOf(av)), consumed))
	for _, action := range []string{"putItem", "updateItem", "deleteItem"} {
		addBoth(m, "dynamodb:"+action, "aws-sdk:dynamodb:"+action, write)
	}
}

func addStates(m map[string]*shape) {
	start := structure(req("ExecutionArn", stringShape), req("StartDate", timestampShape))
	addBoth(m, "states:startExecution", "aws-sdk:sfn:startExecution", start)
	addBoth(m, "states:startExecution.sync", "aws-sdk:sfn:describeExecution", describeExecution(stringShape))
	m["states:startExecution.sync:2"] = describeExecution(anyShape)
}

// describeExecution is DescribeExecution's output; io is the shape of Input
// and Output (text for .sync, parsed JSON for .sync:2).
func describeExecution(io *shape) *shape {
	included := structure(opt("Included", booleanShape))
	return structure(
		req("ExecutionArn", stringShape),
		req("StateMachineArn", stringShape),
		opt("Name", stringShape),
		req("Status", enum("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE")),
		req("StartDate", timestampShape),
		opt("StopDate", timestampShape),
		opt("Input", io),
		opt("InputDetails", included),
		opt("Output", io),
		opt("OutputDetails", included),
		opt("TraceHeader", stringShape), opt("MapRunArn", stringShape),
		opt("Error", stringShape), opt("Cause", stringShape),
		opt("StateMachineVersionArn", stringShape), opt("StateMachineAliasArn", stringShape),
		opt("RedriveCount", integerShape),
		opt("RedriveDate", timestampShape),
		opt("RedriveStatus", enum("REDRIVABLE", "NOT_REDRIVABLE", "REDRIVABLE_BY_MAP_RUN")),
		opt("RedriveStatusReason", stringShape),
	)
}
