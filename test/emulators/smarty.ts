/**
 * The VK Cloud Smarty emulator: persons/set, recognize, delete and truncate with real state per
 * account and space (smarty/state.ts), text/recognize, objects/detect and adult/detect with fixed
 * answers, and the token endpoint — on one loopback server. It checks requests as the server
 * does (token and provider in the query, a multipart body with a JSON `meta` whose image names
 * match the file parts, spaces "0"–"9", at most 100 images) and answers in the `{status, body,
 * htmlencoded, last_modified}` envelope. Besides the kit's HTTP faults it can answer objects with
 * status 2 (not done, try again) and refuse a token with a 401 that echoes part of it, as the
 * real one does.
 */
import { createHash } from 'node:crypto';
import { type EmulatorResponse, EmulatorServer, type RecordedRequest } from './core';
import { MultipartError, parseMultipart, type Part } from './smarty/multipart';
import { SmartyState } from './smarty/state';
import { TokenIssuer } from './smarty/tokens';

export interface SmartyEmulatorOptions {
  /** A console service token (never expires); its own account. */
  accessToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** `expired_in` of issued tokens, seconds. Default 3600. */
  tokenLifetimeS?: number;
  /** Per-image limit in bytes (15 MB since 2023; 4 MB before). */
  maxImageBytes?: number;
  /** Error envelopes under HTTP 200, as the OpenAPI spec documents them; default: the HTTP status mirrors the envelope's. */
  errorsUnder200?: boolean;
  port?: number;
  now?: () => number;
}

export interface SmartyEmulator {
  server: EmulatorServer;
  /** The endpoint setting (`imageInsight.smarty.endpoint`). */
  url: string;
  /** The token endpoint setting (`imageInsight.smarty.tokenEndpoint`). */
  tokenUrl: string;
  accessToken: string;
  clientId: string;
  clientSecret: string;
  state: SmartyState;
  tokens: TokenIssuer;
  /** The next `count` image objects (of any request) answer status 2 and change nothing. */
  temporaryFailures(count: number): void;
  /** The next request is refused with a 401 that echoes part of its token. */
  refuseNextToken(): void;
  /** The account a token belongs to (what `state` is keyed by), or undefined when it is not valid. */
  accountOf(token: string): string | undefined;
  reset(): void;
  close(): Promise<void>;
}

export const SMARTY_DEFAULTS = {
  accessToken: 'e50b000614a371ce99c01a80a4558d8ed93b3137373638emulator',
  clientId: 'emulator-client',
  clientSecret: 'emulator-client-secret-0000000000',
};

const MB = 1000 * 1000;
const MAX_IMAGES = 100;
const MAX_REQUEST_BYTES = 30 * MB;
const SPACES = new Set(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
const METHODS = new Set(['persons/set', 'persons/recognize', 'persons/delete', 'persons/truncate', 'text/recognize', 'objects/detect', 'adult/detect']);

class Refusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type Json = Record<string, unknown>;
type ObjectAnswer = Json & { status: 0 | 1 | 2; name: string };

export async function startSmartyEmulator(options: SmartyEmulatorOptions = {}): Promise<SmartyEmulator> {
  const accessToken = options.accessToken ?? SMARTY_DEFAULTS.accessToken;
  const client = { clientId: options.clientId ?? SMARTY_DEFAULTS.clientId, clientSecret: options.clientSecret ?? SMARTY_DEFAULTS.clientSecret };
  const now = options.now ?? Date.now;
  const maxImageBytes = options.maxImageBytes ?? 15 * MB;
  const state = new SmartyState();
  const tokens = new TokenIssuer(client, options.tokenLifetimeS ?? 3600, now);
  let temporary = 0;
  let refuseNext = false;

  const accountOf = (token: string): string | undefined => {
    if (token === accessToken) return `token:${accessToken}`;
    const issued = tokens.access.get(token);
    return issued && issued.expiresAt > now() ? issued.account : undefined;
  };

  const envelope = (status: number, body: unknown): EmulatorResponse => ({
    status: status === 200 || options.errorsUnder200 ? 200 : status,
    headers: { 'content-type': 'application/json' },
    body: { status, body, htmlencoded: false, last_modified: 0 },
  });

  const handle = (request: RecordedRequest): EmulatorResponse => {
    if (request.path === '/auth/oauth/v1/token') return tokens.answer(request);
    const method = request.path.replace(/^\/api\/v1\//, '');
    if (!request.path.startsWith('/api/v1/') || !METHODS.has(method)) return envelope(404, 'not found');
    if (request.method !== 'POST') return envelope(405, 'method not allowed');
    const provider = request.query.get('oauth_provider') ?? '';
    const token = request.query.get('oauth_token') ?? '';
    const account = accountOf(token);
    // The real server echoes part of the token it refused: the client must redact it.
    const echo = `authorization failed, provider: ${provider}, token: ${token.slice(0, 16)}, reason: `;
    if (provider !== 'mcs' && provider !== 'mr') return envelope(401, `${echo}unknown provider`);
    if (refuseNext) {
      refuseNext = false;
      return envelope(401, `${echo}token expired`);
    }
    if (account === undefined) return envelope(401, `${echo}${token === '' ? 'empty token' : 'invalid or expired token'}`);
    try {
      const { meta, files } = readRequest(request, method);
      return envelope(200, answer(method, account, meta, files));
    } catch (error) {
      if (error instanceof Refusal) return envelope(error.status, error.message);
      throw error;
    }
  };

  /** The body's meta and file parts, checked as the server checks them. */
  function readRequest(request: RecordedRequest, method: string): { meta: Json; files: Map<string, Buffer> } {
    if (request.body.length > MAX_REQUEST_BYTES) throw new Refusal(400, 'request too large');
    let parts: Part[];
    try {
      const type = request.headers['content-type'];
      parts = parseMultipart(request.body, Array.isArray(type) ? type[0] : type);
    } catch (error) {
      if (error instanceof MultipartError) throw new Refusal(400, `invalid multipart body: ${error.message}`);
      throw error;
    }
    const metaParts = parts.filter((p) => p.name === 'meta');
    if (metaParts.length !== 1) throw new Refusal(400, 'meta is required');
    let meta: unknown;
    try {
      meta = JSON.parse(metaParts[0]!.data.toString('utf8'));
    } catch {
      throw new Refusal(400, 'meta is not valid json');
    }
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw new Refusal(400, 'meta is not an object');
    const m = meta as Json;
    if (method.startsWith('persons/') && (typeof m.space !== 'string' || !SPACES.has(m.space))) throw new Refusal(400, 'invalid space');
    const files = new Map<string, Buffer>();
    for (const part of parts) {
      if (part.name === 'meta') continue;
      if (files.has(part.name)) throw new Refusal(400, `duplicate file ${part.name}`);
      files.set(part.name, part.data);
    }
    if (method === 'persons/truncate') return { meta: m, files };
    const images = m.images;
    if (!Array.isArray(images) || images.length === 0) throw new Refusal(400, 'images are required');
    if (images.length > MAX_IMAGES) throw new Refusal(400, `too many images: ${images.length} > ${MAX_IMAGES}`);
    const names = new Set<string>();
    for (const image of images as unknown[]) {
      const name = (image as Json | null)?.name;
      if (typeof name !== 'string' || name === '' || names.has(name)) throw new Refusal(400, 'image names must be unique and non-empty');
      names.add(name);
      if (method === 'persons/set' || method === 'persons/delete') {
        const id = (image as Json).person_id;
        if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) throw new Refusal(400, `invalid person_id for ${name}`);
      }
      if (method !== 'persons/delete') {
        const data = files.get(name);
        if (data === undefined) throw new Refusal(400, `no file for ${name}`);
        if (data.length === 0) throw new Refusal(400, 'empty image');
      }
    }
    for (const name of files.keys()) if (!names.has(name)) throw new Refusal(400, `file ${name} is not in meta.images`);
    return { meta: m, files };
  }

  /** A success body; each image first takes an injected status 2 if one is pending. */
  function answer(method: string, account: string, meta: Json, files: Map<string, Buffer>): Json {
    const space = meta.space as string;
    if (method === 'persons/truncate') {
      state.truncate(account, space);
      return {};
    }
    const each = (work: (image: Json, data: Buffer | undefined) => Json): ObjectAnswer[] =>
      (meta.images as Json[]).map((image) => {
        const name = image.name as string;
        if (temporary > 0) {
          temporary--;
          return { status: 2, name, error: 'temporary error, try again' };
        }
        const data = files.get(name);
        if (data && data.length > maxImageBytes) return { status: 1, name, error: 'image is too large' };
        if (data && !isImage(data)) return { status: 1, name, error: 'The memory contains data of an unknown image type' };
        return { status: 0, name, ...work(image, data) };
      });
    const hash = (data: Buffer | undefined) => createHash('sha256').update(data ?? Buffer.alloc(0)).digest('hex');
    switch (method) {
      case 'persons/set':
        return { objects: each((image, data) => (state.enroll(account, space, image.person_id as number, hash(data)), {})) };
      case 'persons/delete':
        return { objects: each((image) => (state.remove(account, space, image.person_id as number), {})) };
      case 'persons/recognize':
        return {
          objects: each((_image, data) => {
            const sha = hash(data);
            let id = state.find(account, space, sha);
            if (id === undefined && meta.create_new === true) id = state.create(account, space, sha);
            const known = id !== undefined;
            return { persons: [{ tag: known ? `person${id}` : 'undefined', coord: [10, 12, 110, 140], confidence: 0.999, similarity: known ? 0.98 : 0.31, awesomeness: 0.5, sex: 'female', age: 30, emotion: 'Neutral', valence: 0, arousal: 0 }] };
          }),
          aliases_changed: false,
        };
      case 'text/recognize':
        return { objects: each(() => (meta.mode === 'detailed' ? { results: [{ line_prob: 0.9, line_coord: [10, 10, 90, 30], words: [{ text: 'emulated', prob: 0.9, coord: [10, 10, 90, 30], lang: 'eng', lang_prob: 0.9 }] }] } : { text: 'emulated' })) };
      case 'objects/detect': {
        const modes = Array.isArray(meta.mode) ? (meta.mode as unknown[]) : [];
        const body: Json = {};
        if (modes.includes('multiobject')) body.multiobject_labels = each(() => ({ labels: [{ eng: 'Person', rus: 'Человек', prob: 0.9, coord: [10, 12, 110, 140] }] }));
        if (modes.includes('scene')) body.scene_labels = each(() => ({ labels: [{ eng: 'Office', rus: 'Офис', prob: 0.6 }] }));
        return body;
      }
      default:
        return { objects: each(() => ({ safe: 0.97 })) };
    }
  }

  const server = await EmulatorServer.start(handle, {
    name: 'smarty',
    port: options.port,
    // Over 30 MB is refused by the handler with an envelope; far over it, by the kit before reading it all.
    maxBodyBytes: 2 * MAX_REQUEST_BYTES,
    statusBody: (status) => ({ status, body: `injected HTTP ${status}`, htmlencoded: false, last_modified: 0 }),
  });
  return {
    server,
    url: server.url,
    tokenUrl: `${server.url}/auth/oauth/v1/token`,
    accessToken,
    ...client,
    state,
    tokens,
    temporaryFailures: (count) => void (temporary += count),
    refuseNextToken: () => void (refuseNext = true),
    accountOf,
    reset: () => {
      server.reset();
      state.clear();
      temporary = 0;
      refuseNext = false;
    },
    close: () => server.close(),
  };
}

/** JPEG, PNG or TIFF by their magic bytes: what Smarty takes. */
function isImage(data: Buffer): boolean {
  const jpeg = data[0] === 0xff && data[1] === 0xd8;
  const png = data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const tiff = ['II*\0', 'MM\0*'].includes(data.subarray(0, 4).toString('latin1'));
  return jpeg || png || tiff;
}
