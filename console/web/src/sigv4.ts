// AWS Signature Version 4 for the console's API calls, with WebCrypto (no dependencies).
// The console signs POST / with the headers it sends: content-type, host, x-amz-date,
// x-amz-target (and x-amz-security-token when a session token is given).

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignRequest {
  method: string;
  /** host[:port], as the browser will send it in the Host header. */
  host: string;
  /** The path, not URI-encoded ("/" for the Step Functions API). */
  path: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  region: string;
  service: string;
  date: Date;
}

import { hmacSha256, sha256 } from './sha256';

const encoder = new TextEncoder();

/** WebCrypto when the page has it (a secure context: https, localhost, 127.0.0.1), else none. */
function subtle(): SubtleCrypto | undefined {
  return globalThis.crypto?.subtle;
}

/** Signs a request; returns the headers to add (x-amz-date, authorization, maybe x-amz-security-token). */
export async function sign(req: SignRequest, creds: Credentials): Promise<Record<string, string>> {
  const amzDate = toAmzDate(req.date);
  const day = amzDate.slice(0, 8);
  const added: Record<string, string> = { 'x-amz-date': amzDate };
  if (creds.sessionToken) added['x-amz-security-token'] = creds.sessionToken;
  const headers = canonicalHeaders({ ...req.headers, ...added, host: req.host });
  const canonical = await canonicalRequest(req, headers);
  const scope = `${day}/${req.region}/${req.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256Hex(canonical)].join('\n');
  const key = await signingKey(creds.secretAccessKey, day, req.region, req.service);
  const signature = hex(await hmac(key, toSign));
  added.authorization =
    `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, ` +
    `SignedHeaders=${headers.signed}, Signature=${signature}`;
  return added;
}

interface Canonical {
  text: string;
  signed: string;
}

/** Lower-cased, trimmed, sorted headers: the canonical block and the signed-headers list. */
export function canonicalHeaders(headers: Record<string, string>): Canonical {
  const entries = Object.entries(headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    text: entries.map(([k, v]) => `${k}:${v}\n`).join(''),
    signed: entries.map(([k]) => k).join(';'),
  };
}

/** Builds the canonical request text. */
export async function canonicalRequest(req: SignRequest, headers: Canonical): Promise<string> {
  return [
    req.method.toUpperCase(),
    canonicalPath(req.path),
    canonicalQuery(req.query ?? {}),
    headers.text,
    headers.signed,
    await sha256Hex(req.body),
  ].join('\n');
}

function canonicalPath(path: string): string {
  return path.split('/').map(uriEncode).join('/') || '/';
}

function canonicalQuery(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([k, v]) => [uriEncode(k), uriEncode(v)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** RFC 3986 encoding, as SigV4 wants it. */
export function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Formats a date as YYYYMMDDTHHMMSSZ. */
export function toAmzDate(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

async function signingKey(secret: string, day: string, region: string, service: string): Promise<ArrayBuffer> {
  let key = await hmac(encoder.encode('AWS4' + secret), day);
  key = await hmac(key, region);
  key = await hmac(key, service);
  return hmac(key, 'aws4_request');
}

async function hmac(key: ArrayBuffer | Uint8Array, data: string): Promise<ArrayBuffer> {
  const s = subtle();
  if (!s) return toBuffer(hmacSha256(new Uint8Array(key), encoder.encode(data)));
  const k = await s.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return s.sign('HMAC', k, encoder.encode(data));
}

/** Hex SHA-256 of a string's UTF-8 bytes. */
export async function sha256Hex(data: string): Promise<string> {
  const s = subtle();
  if (!s) return hex(toBuffer(sha256(encoder.encode(data))));
  return hex(await s.digest('SHA-256', encoder.encode(data)));
}

function toBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

function hex(buf: ArrayBuffer): string {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}
