package fakeaws

import "strings"

// AutoCreate makes the fake answer as if the SQS queues and SNS topics that
// calls name had been created beforehand: a queue URL (or name) that
// SendMessage, ReceiveMessage, DeleteQueue or PurgeQueue names, and a topic
// ARN that Publish names, come into existence on first use, empty.
//
// It is for replaying recordings whose test created those resources and
// masked their names: what SQS and SNS answer to those calls (a message
// ID, the digests of what was sent) does not depend on anything done to the
// queue or topic before. Tables, buckets and secrets are never created on
// use: DynamoDB's, S3's and Secrets Manager's answers depend on what they
// hold (and recordings expect ResourceNotFoundException and NoSuchBucket
// for the ones their test did not create); create those with CreateTable,
// CreateBucket and CreateSecret.
func (s *Server) AutoCreate() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.autoCreate = true
}

// queueNamed returns the queue a QueueUrl names, creating it when the fake
// auto-creates (nil when it does not exist).
func (s *Server) queueNamed(u string) *queue {
	if q := s.queueByURL(u); q != nil || !s.autoCreate || u == "" {
		return q
	}
	name := u[strings.LastIndexByte(u, '/')+1:]
	if name == "" || s.queues[name] != nil {
		return nil // a URL ending in "/", or another account's queue of that name
	}
	q := s.createQueue(name)
	if strings.Contains(u, "/") {
		q.url = u
	}
	return q
}

// topicNamed returns the topic an ARN names, creating it when the fake
// auto-creates (nil when it does not exist).
func (s *Server) topicNamed(arn string) *topic {
	if t := s.topics[arn]; t != nil || !s.autoCreate || !strings.HasPrefix(arn, "arn:") {
		return t
	}
	return s.createTopic(arn)
}
