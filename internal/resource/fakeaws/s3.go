package fakeaws

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

type bucket struct {
	name    string
	created time.Time
	objects map[string]*object
}

type object struct {
	body        []byte
	contentType string
	modified    time.Time
	metadata    map[string]string
}

const s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

// CreateBucket creates an empty bucket (if it does not exist).
func (s *Server) CreateBucket(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.createBucket(name)
}

func (s *Server) createBucket(name string) *bucket {
	if b, ok := s.buckets[name]; ok {
		return b
	}
	b := &bucket{name: name, created: s.now().UTC(), objects: map[string]*object{}}
	s.buckets[name] = b
	return b
}

// PutObject stores an object, creating its bucket if needed.
func (s *Server) PutObject(bucketName, key string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.createBucket(bucketName).objects[key] = &object{body: slices.Clone(body), contentType: "binary/octet-stream", modified: s.now().UTC()}
}

// Object returns an object's content.
func (s *Server) Object(bucketName, key string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.buckets[bucketName]
	if b == nil || b.objects[key] == nil {
		return nil, false
	}
	return slices.Clone(b.objects[key].body), true
}

// s3Answer is an S3 response: status, headers and body.
type s3Answer struct {
	status int
	header http.Header
	body   []byte
}

func (s *Server) serveS3(w http.ResponseWriter, r *http.Request, body []byte) {
	bucketName, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	a := s.s3(r, bucketName, key, body)
	h := w.Header()
	for k, v := range a.header {
		h[k] = v
	}
	h["x-amz-request-id"] = []string{strings.ToUpper(strings.ReplaceAll(newID(), "-", ""))[:16]}
	h["x-amz-id-2"] = []string{base64.StdEncoding.EncodeToString([]byte(newID()))}
	if h.Get("Content-Type") == "" && len(a.body) > 0 {
		h.Set("Content-Type", "application/xml")
	}
	if r.Method == http.MethodHead {
		w.WriteHeader(a.status)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(a.body)))
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

func (s *Server) s3(r *http.Request, bucketName, key string, body []byte) s3Answer {
	action := s3Action(r.Method, bucketName, key, r.URL.Query())
	s.record("s3", action, r, body)
	s.mu.Lock()
	defer s.mu.Unlock()
	if action == "ListBuckets" {
		return s.listBuckets()
	}
	if action == "CreateBucket" {
		s.createBucket(bucketName)
		return s3Answer{status: 200, header: http.Header{"Location": {"/" + bucketName}}}
	}
	b := s.buckets[bucketName]
	if b == nil {
		return s3Error(404, "NoSuchBucket", "The specified bucket does not exist", "BucketName", bucketName)
	}
	switch action {
	case "PutObject":
		return s.putObject(r, b, key, body)
	case "GetObject", "HeadObject":
		return getObject(r, b, key)
	case "DeleteObject":
		delete(b.objects, key)
		return s3Answer{status: 204}
	case "ListObjects", "ListObjectsV2":
		return listObjects(b, r.URL.Query(), action == "ListObjectsV2")
	case "HeadBucket":
		return s3Answer{status: 200}
	case "DeleteBucket":
		delete(s.buckets, bucketName)
		return s3Answer{status: 204}
	}
	return s3Error(501, "NotImplemented", "A header you provided implies functionality that is not implemented", "", "")
}

// s3Action names the operation of a path-style request.
func s3Action(method, bucketName, key string, q url.Values) string {
	switch {
	case bucketName == "":
		return "ListBuckets"
	case key == "" && method == http.MethodPut:
		return "CreateBucket"
	case key == "" && method == http.MethodDelete:
		return "DeleteBucket"
	case key == "" && method == http.MethodHead:
		return "HeadBucket"
	case key == "" && q.Get("list-type") == "2":
		return "ListObjectsV2"
	case key == "" && method == http.MethodGet:
		return "ListObjects"
	case method == http.MethodPut && q.Get("x-id") != "CopyObject":
		return "PutObject"
	case method == http.MethodGet:
		return "GetObject"
	case method == http.MethodHead:
		return "HeadObject"
	case method == http.MethodDelete:
		return "DeleteObject"
	}
	return "Unsupported"
}

func (s *Server) putObject(r *http.Request, b *bucket, key string, body []byte) s3Answer {
	if isAWSChunked(r) {
		var err error
		if body, err = decodeAWSChunked(body); err != nil {
			return s3Error(400, "IncompleteBody", "The request body terminated unexpectedly", "", "")
		}
	}
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		ct = "binary/octet-stream"
	}
	o := &object{body: body, contentType: ct, modified: s.now().UTC().Truncate(time.Second), metadata: map[string]string{}}
	for k, v := range r.Header {
		if name, ok := strings.CutPrefix(strings.ToLower(k), "x-amz-meta-"); ok {
			o.metadata[name] = v[0]
		}
	}
	b.objects[key] = o
	h := http.Header{}
	h.Set("ETag", etag(body))
	h.Set("x-amz-server-side-encryption", "AES256")
	h.Set("x-amz-checksum-crc32", crc32Base64(body))
	h.Set("x-amz-checksum-type", "FULL_OBJECT")
	return s3Answer{status: 200, header: h}
}

func getObject(r *http.Request, b *bucket, key string) s3Answer {
	o := b.objects[key]
	if o == nil {
		return s3Error(404, "NoSuchKey", "The specified key does not exist.", "Key", key)
	}
	h := http.Header{}
	h.Set("Accept-Ranges", "bytes")
	h.Set("Content-Type", o.contentType)
	h.Set("Content-Length", strconv.Itoa(len(o.body)))
	h.Set("ETag", etag(o.body))
	h.Set("Last-Modified", o.modified.Format(http.TimeFormat))
	h.Set("x-amz-server-side-encryption", "AES256")
	for name, v := range o.metadata {
		h.Set("x-amz-meta-"+name, v)
	}
	if strings.EqualFold(r.Header.Get("x-amz-checksum-mode"), "ENABLED") {
		h.Set("x-amz-checksum-crc32", crc32Base64(o.body))
		h.Set("x-amz-checksum-type", "FULL_OBJECT")
	}
	return s3Answer{status: 200, header: h, body: o.body}
}

// maxKeys is S3's page size.
const maxKeys = 1000

func listObjects(b *bucket, q url.Values, v2 bool) s3Answer {
	prefix := q.Get("prefix")
	after := q.Get("start-after")
	if v2 && q.Get("continuation-token") != "" {
		after = q.Get("continuation-token")
	} else if !v2 {
		after = q.Get("marker")
	}
	limit := maxKeys
	if n, err := strconv.Atoi(q.Get("max-keys")); err == nil && n >= 0 && n < maxKeys {
		limit = n
	}
	keys := make([]string, 0, len(b.objects))
	for k := range b.objects {
		if strings.HasPrefix(k, prefix) && k > after {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	truncated := len(keys) > limit
	keys = keys[:min(limit, len(keys))]
	var out bytes.Buffer
	fmt.Fprintf(&out, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<ListBucketResult xmlns="%s"><Name>%s</Name><Prefix>%s</Prefix>`, s3Namespace, escape(b.name), escape(prefix))
	if v2 {
		fmt.Fprintf(&out, "<KeyCount>%d</KeyCount>", len(keys))
	}
	fmt.Fprintf(&out, "<MaxKeys>%d</MaxKeys><IsTruncated>%v</IsTruncated>", limit, truncated)
	for _, k := range keys {
		o := b.objects[k]
		fmt.Fprintf(&out, "<Contents><Key>%s</Key><LastModified>%s</LastModified><ETag>%s</ETag><Size>%d</Size><StorageClass>STANDARD</StorageClass></Contents>",
			escape(k), o.modified.Format("2006-01-02T15:04:05.000Z"), escape(etag(o.body)), len(o.body))
	}
	if truncated && v2 {
		fmt.Fprintf(&out, "<NextContinuationToken>%s</NextContinuationToken>", escape(keys[len(keys)-1]))
	} else if truncated {
		fmt.Fprintf(&out, "<NextMarker>%s</NextMarker>", escape(keys[len(keys)-1]))
	}
	out.WriteString("</ListBucketResult>")
	return s3Answer{status: 200, body: out.Bytes()}
}

func (s *Server) listBuckets() s3Answer {
	names := make([]string, 0, len(s.buckets))
	for n := range s.buckets {
		names = append(names, n)
	}
	slices.Sort(names)
	var out bytes.Buffer
	fmt.Fprintf(&out, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<ListAllMyBucketsResult xmlns="%s"><Owner><ID>%s</ID></Owner><Buckets>`, s3Namespace, Account)
	for _, n := range names {
		fmt.Fprintf(&out, "<Bucket><Name>%s</Name><CreationDate>%s</CreationDate></Bucket>", escape(n), s.buckets[n].created.Format("2006-01-02T15:04:05.000Z"))
	}
	out.WriteString("</Buckets></ListAllMyBucketsResult>")
	return s3Answer{status: 200, body: out.Bytes()}
}

// s3Error is S3's XML error, with the resource it names.
func s3Error(status int, code, message, resourceTag, resource string) s3Answer {
	extra := ""
	if resourceTag != "" {
		extra = "<" + resourceTag + ">" + escape(resource) + "</" + resourceTag + ">"
	}
	body := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<Error><Code>%s</Code><Message>%s</Message>%s<RequestId>%s</RequestId><HostId>%s</HostId></Error>`,
		code, escape(message), extra, strings.ToUpper(strings.ReplaceAll(newID(), "-", ""))[:16], base64.StdEncoding.EncodeToString([]byte(newID())))
	return s3Answer{status: status, header: http.Header{"Content-Type": {"application/xml"}}, body: []byte(body)}
}

func etag(body []byte) string { return `"` + md5Hex(body) + `"` }

func crc32Base64(body []byte) string {
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(body)))
}

func isAWSChunked(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Content-Encoding"), "aws-chunked") ||
		strings.HasPrefix(r.Header.Get("X-Amz-Content-Sha256"), "STREAMING-")
}

// decodeAWSChunked reads the aws-chunked encoding: "<hex size>[;ext]\r\n
// <data>\r\n" chunks up to a zero-size one, then trailers.
func decodeAWSChunked(body []byte) ([]byte, error) {
	r := bufio.NewReader(bytes.NewReader(body))
	var out []byte
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		sizeText, _, _ := strings.Cut(strings.TrimSpace(line), ";")
		size, err := strconv.ParseInt(sizeText, 16, 64)
		if err != nil || size < 0 || size > int64(len(body)) {
			return nil, fmt.Errorf("bad chunk size %q", sizeText)
		}
		if size == 0 {
			return out, nil
		}
		chunk := make([]byte, size)
		if _, err := io.ReadFull(r, chunk); err != nil {
			return nil, err
		}
		out = append(out, chunk...)
		if _, err := r.ReadString('\n'); err != nil {
			return nil, err
		}
	}
}
