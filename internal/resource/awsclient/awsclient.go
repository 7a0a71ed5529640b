// Package awsclient holds what the AWS SDK clients of the task integrations
// (internal/resource/lambda and internal/resource/awssdk) share:
//
//   - LoadConfig: the AWS configuration, with dummy credentials when the
//     chain finds none, no SDK retries, and no EC2 instance metadata service
//     for an endpoint on this machine; Endpoint finds the endpoint a
//     service's client will use;
//   - WithoutWriteTo: an HTTP client that works around the SDK's
//     request-body race with fast local servers;
//   - WireNames, AllHeaders, HashMapOrder and CompareFold: the spelling and
//     order in which the AWS SDK for Java behind Step Functions lists response
//     headers and map keys (java.util.HashMap, a TreeMap ignoring case);
//   - TransportMessage: the network error under the SDK's wrapping.
package awsclient
