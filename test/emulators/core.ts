/**
 * The shared core of the cloud emulators: a tiny HTTP server on 127.0.0.1 that records every
 * request and lets a test inject the failures a real network produces (slow answers, throttling,
 * 5xx, stalls, resets, broken bodies, proxy pages, redirects). Provider emulators supply only a
 * `Handler`; everything about transport and faults lives here so each client test exercises the
 * same failure matrix.
 */
import * as http from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';

/** One failure applied to one request instead of (or before) the handler's normal answer. */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; retryAfter?: string; body?: string; contentType?: string }
  | { kind: 'stall' }
  | { kind: 'reset' }
  | { kind: 'malformedJson' }
  | { kind: 'truncated'; afterBytes: number }
  | { kind: 'html'; status: number }
  | { kind: 'redirect'; location: string; status?: number };

/** A request as the emulator received it; `headers` are lower-cased as Node gives them. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  at: number;
}

/** What a handler answers; an object body is sent as JSON. */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

export type Handler = (request: RecordedRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export interface EmulatorOptions {
  /** Shown in error pages and logs, so a test failure says which emulator answered. */
  name?: string;
  /** 0 (default) picks a free port, so parallel test runs never collide. */
  port?: number;
  /** Bytes; a larger request body is refused with 413 before the handler sees it. */
  maxBodyBytes?: number;
  /** The body of a `status` fault given without one: providers differ in their error envelope. */
  statusBody?: (status: number) => EmulatorResponse['body'];
  /** Every answer takes this long from the request's arrival, its making included (a real service's latency, for the batch bench); a fault's own latency adds to it. */
  latencyMs?: number;
}

const DEFAULT_MAX_BODY = 64 * 1024 * 1024;

export class EmulatorServer {
  readonly requests: RecordedRequest[] = [];
  /** Requests received and not answered yet, nor given up by their client (for "nothing in flight after a cancel"). */
  open = 0;
  private readonly queue: Fault[] = [];
  private readonly matchers: { match: (r: RecordedRequest) => boolean; fault: Fault }[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    readonly name: string,
    private readonly options: EmulatorOptions,
  ) {}

  static async start(handler: Handler, options: EmulatorOptions = {}): Promise<EmulatorServer> {
    const server = http.createServer();
    // Loopback only: an emulator must never be reachable from the network it runs on.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const emulator = new EmulatorServer(server, `http://127.0.0.1:${port}`, options.name ?? 'emulator', options);
    server.on('connection', (socket) => {
      emulator.sockets.add(socket);
      socket.once('close', () => emulator.sockets.delete(socket));
    });
    server.on('request', (req, res) => void emulator.serve(handler, req, res));
    return emulator;
  }

  /** Faults for the next requests, one per request, first in first out. */
  inject(...faults: Fault[]): void {
    this.queue.push(...faults);
  }

  /** Faults the first later request `match` accepts, once; checked before the FIFO queue. */
  injectFor(match: (r: RecordedRequest) => boolean, fault: Fault): void {
    this.matchers.push({ match, fault });
  }

  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.matchers.length = 0;
  }

  /** Stops listening and ends every open socket, stalled ones included, so tests never hang. */
  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const t = setTimeout(() => (this.timers.delete(t), resolve()), ms);
      this.timers.add(t);
    });
  }

  private takeFault(request: RecordedRequest): Fault | undefined {
    const i = this.matchers.findIndex((m) => m.match(request));
    if (i >= 0) return this.matchers.splice(i, 1)[0]!.fault;
    return this.queue.shift();
  }

  private async serve(handler: Handler, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const arrived = performance.now();
    this.open++;
    res.once('close', () => this.open--);
    const limit = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > limit) {
          tooLarge = true;
          break;
        }
        chunks.push(chunk);
      }
    } catch {
      return; // the client went away mid-upload; nothing to answer
    }
    const url = new URL(req.url ?? '/', this.url);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: { ...req.headers },
      body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks),
      at: Date.now(),
    };
    this.requests.push(request);
    if (tooLarge) {
      // Close the connection: the rest of the upload is still in flight.
      this.send(res, { status: 413, headers: { connection: 'close' }, body: { message: `${this.name}: request body over ${limit} bytes` } });
      return;
    }
    const fault = this.takeFault(request);
    try {
      if (fault === undefined && this.options.latencyMs) {
        // A service's latency counts from the request's arrival, and its work happens inside it
        // (on a machine of its own): the answer is made at once and sent when the time is up.
        const response = await handler(request);
        await this.delay(arrived + this.options.latencyMs - performance.now());
        if (!res.destroyed) this.send(res, response);
        return;
      }
      if (this.options.latencyMs) await this.delay(this.options.latencyMs);
      await this.apply(fault, handler, request, res);
    } catch (e) {
      if (!res.headersSent) this.send(res, { status: 500, body: { message: `${this.name}: handler failed: ${String(e)}` } });
      else res.destroy();
    }
  }

  private async apply(fault: Fault | undefined, handler: Handler, request: RecordedRequest, res: http.ServerResponse): Promise<void> {
    switch (fault?.kind) {
      case undefined:
        this.send(res, await handler(request));
        return;
      case 'latency':
        await this.delay(fault.ms);
        if (!res.destroyed) this.send(res, await handler(request));
        return;
      case 'status': {
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
        if (fault.contentType !== undefined) headers['content-type'] = fault.contentType;
        const body = fault.body ?? this.options.statusBody?.(fault.status) ?? { message: `${this.name}: injected HTTP ${fault.status}` };
        this.send(res, { status: fault.status, headers, body });
        return;
      }
      case 'stall':
        return; // the socket stays open until the client gives up or close() runs
      case 'reset':
        res.socket?.destroy();
        return;
      case 'malformedJson':
        // Looks like the start of a real answer, so a parser that sniffs the first byte is fooled.
        this.send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"results":[{"results":[{"textDetection":{"pages":[ <<not json>>' });
        return;
      case 'truncated': {
        const real = toWire(await handler(request));
        const cut = real.body.subarray(0, Math.max(0, Math.min(fault.afterBytes, real.body.length - 1)));
        // The full Content-Length promises more than arrives: the client must see a broken body,
        // not a short valid one.
        res.writeHead(real.status, { ...real.headers, 'content-length': String(real.body.length) });
        res.write(cut, () => res.socket?.destroy());
        return;
      }
      case 'html':
        this.send(res, {
          status: fault.status,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: `<html>\r\n<head><title>${fault.status} ${http.STATUS_CODES[fault.status] ?? 'Error'}</title></head>\r\n<body>\r\n<center><h1>${fault.status} ${http.STATUS_CODES[fault.status] ?? 'Error'}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
        });
        return;
      case 'redirect':
        this.send(res, { status: fault.status ?? 302, headers: { location: fault.location }, body: '' });
        return;
    }
  }

  private send(res: http.ServerResponse, response: EmulatorResponse): void {
    if (res.destroyed) return;
    const wire = toWire(response);
    res.writeHead(wire.status, { ...wire.headers, 'content-length': String(wire.body.length) });
    res.end(wire.body);
  }
}

/** Serializes a handler's answer: objects become JSON, and a content-type is always present. */
function toWire(response: EmulatorResponse): { status: number; headers: Record<string, string>; body: Buffer } {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers ?? {})) headers[k.toLowerCase()] = v;
  const b = response.body;
  let body: Buffer;
  if (b === undefined) body = Buffer.alloc(0);
  else if (Buffer.isBuffer(b)) body = b;
  else if (typeof b === 'string') body = Buffer.from(b, 'utf8');
  else {
    body = Buffer.from(JSON.stringify(b), 'utf8');
    headers['content-type'] ??= 'application/json';
  }
  if (body.length > 0) headers['content-type'] ??= Buffer.isBuffer(b) ? 'application/octet-stream' : 'text/plain; charset=utf-8';
  return { status: response.status, headers, body };
}
