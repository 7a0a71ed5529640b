// Known vectors: get-vanilla from AWS's SigV4 test suite, and two POST requests shaped like
// the console's, whose signatures botocore (the AWS CLI's signer, 1.43) computed.
import { describe, expect, it } from 'vitest';
import { canonicalHeaders, sha256Hex, sign, toAmzDate, uriEncode } from '../src/sigv4';

const example = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

describe('sign', () => {
  it('matches the get-vanilla vector', async () => {
    const h = await sign(
      { method: 'GET', host: 'example.amazonaws.com', path: '/', headers: {}, body: '', region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z') },
      example,
    );
    expect(h['x-amz-date']).toBe('20150830T123600Z');
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('matches botocore for a console API call', async () => {
    const h = await sign(
      {
        method: 'POST',
        host: '127.0.0.1:8083',
        path: '/',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.ListStateMachines' },
        body: '{}',
        region: 'us-east-1',
        service: 'states',
        date: new Date('2024-01-02T03:04:05Z'),
      },
      example,
    );
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/us-east-1/states/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=60d721ed4f7ec430dd78a64a6085dae20be2b1d8b697396fde2a2d742fcd7764',
    );
  });

  it('matches botocore with a session token, a UTF-8 body and another region', async () => {
    const body = '{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:hello","input":"{\\"name\\": \\"é\\"}"}';
    const h = await sign(
      {
        method: 'POST',
        host: 'localhost:8083',
        path: '/',
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AWSStepFunctions.StartExecution' },
        body,
        region: 'eu-west-1',
        service: 'states',
        date: new Date('2026-11-01T23:59:59Z'),
      },
      { accessKeyId: 'local', secretAccessKey: 'local', sessionToken: 'TOKEN123' },
    );
    expect(h['x-amz-security-token']).toBe('TOKEN123');
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=local/20261101/eu-west-1/states/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=8d98fc21a08a51748629b33bc06a6f70719a48082a9d8957b66ae1b7f1f90582',
    );
  });
});

describe('helpers', () => {
  it('hashes the empty string', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('formats dates', () => {
    expect(toAmzDate(new Date('2024-01-02T03:04:05.678Z'))).toBe('20240102T030405Z');
  });
  it('encodes like RFC 3986', () => {
    expect(uriEncode("a b!*'()~_-.")).toBe('a%20b%21%2A%27%28%29~_-.');
  });
  it('canonicalises headers', () => {
    const c = canonicalHeaders({ 'X-B': '  two   words ', a: '1' });
    expect(c.text).toBe('a:1\nx-b:two words\n');
    expect(c.signed).toBe('a;x-b');
  });
});
