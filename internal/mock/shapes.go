package mock

// outputShapes holds the output model of each integration ValidateResult
// knows, keyed by "<ResourceType>:<Resource>" as resource.ParseTarget names
// them ("lambda:invoke", "aws-sdk:s3:getObject", "states:startExecution.sync:2").
// Member names are those the integration returns: PascalCase, also for the
// services whose own APIs are camelCase (Step Functions).
var outputShapes = buildOutputShapes()

func buildOutputShapes() map[string]*shape {
	m := map[string]*shape{}
	addLambda(m)
	addS3(m)
	addDynamoDB(m)
	addMessaging(m)
	addStates(m)
	addSecurity(m)
	return m
}

// addBoth registers s for an optimized integration and its aws-sdk twin.
func addBoth(m map[string]*shape, optimized, sdk string, s *shape) {
	m[optimized] = s
	m[sdk] = s
}

func addLambda(m map[string]*shape) {
	m["lambda:invoke"] = structure(
		opt("StatusCode", integerShape),
		opt("FunctionError", stringShape),
		opt("LogResult", stringShape),
		opt("Payload", anyShape),
		opt("ExecutedVersion", stringShape),
	)
	m["aws-sdk:lambda:getFunction"] = structure(
		opt("Configuration", lambdaFunctionConfiguration()),
		opt("Code", structure(strs("RepositoryType", "Location", "ImageUri", "ResolvedImageUri", "SourceKMSKeyArn")...)),
		opt("Tags", mapOf(stringShape)),
		opt("TagsError", structure(req("ErrorCode", stringShape), req("Message", stringShape))),
		opt("Concurrency", structure(opt("ReservedConcurrentExecutions", intRange(0, maxInt32)))),
	)
}

const maxInt32 = 1<<31 - 1

// lambdaRuntimes is Lambda's Runtime enum.
var lambdaRuntimes = []string{
	"nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x",
	"nodejs16.x", "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x", "nodejs4.3-edge",
	"java8", "java8.al2", "java11", "java17", "java21", "java25",
	"python2.7", "python3.6", "python3.7", "python3.8", "python3.9", "python3.10", "python3.11",
	"python3.12", "python3.13", "python3.14",
	"dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "dotnet8", "dotnet10",
	"go1.x", "ruby2.5", "ruby2.7", "ruby3.2", "ruby3.3", "ruby3.4",
	"provided", "provided.al2", "provided.al2023",
}

func lambdaFunctionConfiguration() *shape {
	errShape := structure(strs("ErrorCode", "Message")...)
	fields := with(strs("FunctionName", "FunctionArn"),
		opt("Runtime", enum(lambdaRuntimes...)),
		opt("Role", stringShape), opt("Handler", stringShape),
		opt("CodeSize", longShape), opt("Description", stringShape),
		opt("Timeout", intRange(1, maxInt32)),
		opt("MemorySize", intRange(128, 10240)),
		opt("LastModified", stringShape), opt("CodeSha256", stringShape), opt("Version", stringShape),
		opt("VpcConfig", structure(opt("SubnetIds", list(stringShape)), opt("SecurityGroupIds", list(stringShape)),
			opt("VpcId", stringShape), opt("Ipv6AllowedForDualStack", booleanShape))),
		opt("DeadLetterConfig", structure(opt("TargetArn", stringShape))),
		opt("Environment", structure(opt("Variables", mapOf(stringShape)), opt("Error", errShape))),
		opt("KMSKeyArn", stringShape),
		opt("TracingConfig", structure(opt("Mode", enum("Active", "PassThrough")))),
		opt("MasterArn", stringShape), opt("RevisionId", stringShape),
		opt("Layers", list(structure(opt("Arn", stringShape), opt("CodeSize", longShape),
			opt("SigningProfileVersionArn", stringShape), opt("SigningJobArn", stringShape)))),
		opt("State", enum("Pending", "Active", "Inactive", "Failed",
			"Deactivating", "Deactivated", "ActiveNonInvocable", "Deleting")),
		opt("StateReason", stringShape), opt("StateReasonCode", stringShape),
		opt("LastUpdateStatus", enum("Successful", "Failed", "InProgress")),
		opt("LastUpdateStatusReason", stringShape), opt("LastUpdateStatusReasonCode", stringShape),
		opt("FileSystemConfigs", list(structure(req("Arn", stringShape), req("LocalMountPath", stringShape)))),
		opt("PackageType", enum("Zip", "Image")),
		opt("ImageConfigResponse", structure(
			opt("ImageConfig", structure(opt("EntryPoint", list(stringShape)), opt("Command", list(stringShape)),
				opt("WorkingDirectory", stringShape))),
			opt("Error", errShape))),
		opt("SigningProfileVersionArn", stringShape), opt("SigningJobArn", stringShape),
		opt("Architectures", list(enum("x86_64", "arm64"))),
		opt("EphemeralStorage", structure(req("Size", intRange(512, 10240)))),
		opt("SnapStart", structure(opt("ApplyOn", enum("PublishedVersions", "None")),
			opt("OptimizationStatus", enum("On", "Off")))),
		opt("RuntimeVersionConfig", structure(opt("RuntimeVersionArn", stringShape), opt("Error", errShape))),
		opt("LoggingConfig", structure(
			opt("LogFormat", enum("JSON", "Text")),
			opt("ApplicationLogLevel", enum("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")),
			opt("SystemLogLevel", enum("DEBUG", "INFO", "WARN")),
			opt("LogGroup", stringShape))),
	)
	return structure(fields...)
}

func addMessaging(m map[string]*shape) {
	putEvents := structure(
		opt("FailedEntryCount", integerShape),
		opt("Entries", list(structure(strs("EventId", "ErrorCode", "ErrorMessage")...))),
	)
	addBoth(m, "events:putEvents", "aws-sdk:eventbridge:putEvents", putEvents)
	sendMessage := structure(strs("MD5OfMessageBody", "MD5OfMessageAttributes", "MD5OfMessageSystemAttributes",
		"MessageId", "SequenceNumber")...)
	addBoth(m, "sqs:sendMessage", "aws-sdk:sqs:sendMessage", sendMessage)
	publish := structure(strs("MessageId", "SequenceNumber")...)
	addBoth(m, "sns:publish", "aws-sdk:sns:publish", publish)
}

func addSecurity(m map[string]*shape) {
	m["aws-sdk:kms:encrypt"] = structure(
		opt("CiphertextBlob", blobShape),
		opt("KeyId", stringShape),
		opt("EncryptionAlgorithm", enum("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE")),
	)
	m["aws-sdk:secretsmanager:getSecretValue"] = structure(with(strs("ARN", "Name", "VersionId"),
		opt("SecretBinary", blobShape),
		opt("SecretString", stringShape),
		opt("VersionStages", list(stringShape)),
		opt("CreatedDate", timestampShape),
	)...)
}
