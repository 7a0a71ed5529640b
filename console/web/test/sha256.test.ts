import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hmacSha256, sha256 } from '../src/sha256';
import { sign } from '../src/sigv4';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (s: string) => new TextEncoder().encode(s);

describe('sha256 (the fallback without WebCrypto)', () => {
  const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'a'.repeat(1000), 'é€𝄞 unicode', '{"stateMachineArn":"arn"}'];
  for (const s of inputs) {
    it(`hashes ${JSON.stringify(s.slice(0, 20))} (${s.length} chars) like node`, () => {
      expect(hex(sha256(bytes(s)))).toBe(createHash('sha256').update(s).digest('hex'));
    });
  }
  it('matches FIPS 180-2 "abc"', () => {
    expect(hex(sha256(bytes('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  for (const keyLen of [0, 20, 64, 65, 131]) {
    it(`computes HMAC with a ${keyLen}-byte key like node`, () => {
      const key = new Uint8Array(keyLen).map((_, i) => (i * 7 + 3) & 0xff);
      expect(hex(hmacSha256(key, bytes('what do ya want for nothing?')))).toBe(
        createHmac('sha256', Buffer.from(key)).update('what do ya want for nothing?').digest('hex'),
      );
    });
  }
});

describe('sign without WebCrypto', () => {
  afterEach(() => vi.unstubAllGlobals());
  it('still matches the get-vanilla vector', async () => {
    vi.stubGlobal('crypto', {});
    const h = await sign(
      { method: 'GET', host: 'example.amazonaws.com', path: '/', headers: {}, body: '', region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z') },
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    );
    expect(h.authorization).toContain('Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });
});
