import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fetch from 'node-fetch';
import { LanguageData, type DownloadProgress, type LanguageDataOptions } from '../../src/providers/local/languageData';
import { checkFile, checkHead } from '../../src/providers/local/traineddata';
import { UserError, isCancellation } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';
import { tokenSource } from './cancellation';
import { traineddata } from './traineddataBuilder';

const ROOT = path.resolve(__dirname, '../../..');
const BUNDLED = path.join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int');
const DEBIAN_RUS = '/usr/share/tesseract-ocr/5/tessdata/rus.traineddata';

// Random bytes barely compress, so the body spans many chunks and can be cut mid-way.
const GZ = zlib.gzipSync(traineddata(randomBytes(256 * 1024)));

const never = () => tokenSource();

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const serve = (body: Buffer, headers: http.OutgoingHttpHeaders = {}): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length, ...headers });
  res.end(body);
};
/** Sends the first half of `body`, then `after` (cut the socket, or hold it open). */
const half = (body: Buffer, after: (res: http.ServerResponse) => void): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length });
  res.write(body.subarray(0, body.length >> 1), () => setTimeout(() => after(res), 50));
};

describe('LanguageData (against a local HTTP server)', function () {
  this.timeout(30_000);
  let server: http.Server;
  let base: string;
  let routes: Map<string, Handler>;
  let requests: string[];
  let dir: string;
  let storage: string;

  before(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      const handler = routes.get(req.url ?? '');
      if (handler) return handler(req, res);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/npm/{lang}/`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    routes = new Map();
    requests = [];
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ii-langdata-'));
    storage = path.join(dir, 'globalStorage', 'tessdata');
  });
  afterEach(() => {
    server.closeAllConnections();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // No pins here: these tests serve made-up files (pinned checksums: languagePins.test.ts).
  const make = (options: Partial<LanguageDataOptions> = {}) =>
    new LanguageData({ storageDir: storage, bundledDir: BUNDLED, baseUrl: base, fetch, t: formatOnly, pins: {}, ...options });
  const stored = () => (fs.existsSync(storage) ? fs.readdirSync(storage).sort() : []);
  const rejectsWith = (promise: Promise<unknown>, pattern: RegExp) =>
    assert.rejects(promise, (e: Error) => {
      assert.ok(e instanceof UserError, `${e.name}: ${e.message}`);
      assert.match(e.message, pattern);
      return true;
    });

  it('downloads a language with progress, then serves it from the cache (one request)', async () => {
    routes.set('/npm/rus/rus.traineddata.gz', serve(GZ));
    let setting = base;
    const data = make({ baseUrl: () => setting });
    assert.deepEqual(await data.missing(['eng', 'rus']), ['rus']);
    const seen: DownloadProgress[] = [];
    assert.equal(await data.ensure(['rus'], never(), (p) => seen.push(p)), storage);
    assert.deepEqual(fs.readFileSync(path.join(storage, 'rus.traineddata.gz')), GZ);
    assert.ok(seen.length > 2, `${seen.length} progress reports`);
    assert.ok(seen.every((p, i) => p.code === 'rus' && p.totalBytes === GZ.length && (i === 0 || p.receivedBytes >= seen[i - 1]!.receivedBytes)));
    assert.equal(seen.at(-1)!.receivedBytes, GZ.length);
    assert.deepEqual(await data.missing(['eng', 'rus']), []);
    setting = 'http://127.0.0.1:1/elsewhere/'; // read at each download: nothing to download here
    await data.ensure(['rus'], never());
    await make().ensure(['rus'], never()); // a new session checks the cached file instead of fetching
    assert.deepEqual(requests, ['/npm/rus/rus.traineddata.gz']);
    assert.deepEqual(stored(), ['rus.traineddata.gz']);
  });

  it('downloads real Russian data (Debian tesseract-ocr-rus, gzipped here)', async function () {
    if (!fs.existsSync(DEBIAN_RUS)) return this.skip();
    const gz = zlib.gzipSync(fs.readFileSync(DEBIAN_RUS), { level: 1 });
    assert.equal(checkHead(gz.subarray(0, 65536)), undefined);
    routes.set('/npm/rus/rus.traineddata.gz', serve(gz));
    await make().ensure(['eng', 'rus'], never());
    assert.deepEqual(fs.readFileSync(path.join(storage, 'rus.traineddata.gz')), gz);
    assert.deepEqual(requests, ['/npm/rus/rus.traineddata.gz']);
  });

  it('copies the bundled English into storage without the network, so one langPath serves all', async () => {
    const langPath = await make({ fetch: () => Promise.reject(new Error('no network in this test')) }).ensure(['eng'], never());
    assert.deepEqual(fs.readFileSync(path.join(langPath, 'eng.traineddata.gz')), fs.readFileSync(path.join(BUNDLED, 'eng.traineddata.gz')));
    assert.equal(await checkFile(path.join(langPath, 'eng.traineddata.gz')), undefined);
    assert.deepEqual(requests, []);
  });

  it('404: says there is no such language data at the URL', async () => {
    await rejectsWith(make().ensure(['rus'], never()), /no Russian \(rus\) language data at http:\/\/127\.0\.0\.1:\d+\/npm\/rus\/rus\.traineddata\.gz \(HTTP 404\)/);
    assert.deepEqual(stored(), []);
  });

  it('an HTML page instead of data: refused, nothing kept', async () => {
    const page = Buffer.from('<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>'.padEnd(200_000, ' '));
    routes.set('/npm/rus/rus.traineddata.gz', serve(page, { 'content-type': 'text/html' }));
    await rejectsWith(make().ensure(['rus'], never()), /Russian \(rus\) language data from .* is not language data: the server sent an HTML page/);
    assert.deepEqual(stored(), []);
  });

  it('gzip that is not traineddata, and a damaged gzip without Content-Length: refused', async () => {
    routes.set('/npm/rus/rus.traineddata.gz', serve(zlib.gzipSync(Buffer.from('{"error": "nope"}'))));
    await rejectsWith(make().ensure(['rus'], never()), /not language data: the server sent a gzip file that is not tesseract language data/);
    const damaged = Buffer.from(GZ);
    damaged[damaged.length - 6]! ^= 0xff; // the CRC: only the whole body shows it
    routes.set('/npm/rus/rus.traineddata.gz', (_req, res) => res.writeHead(200).end(damaged));
    await rejectsWith(make().ensure(['rus'], never()), /the server sent a damaged or incomplete gzip file/);
    assert.deepEqual(stored(), []);
  });

  it('a download cut off half-way leaves no file (neither temp nor final)', async () => {
    routes.set('/npm/rus/rus.traineddata.gz', half(GZ, (res) => res.socket?.destroy()));
    await rejectsWith(make({ idleMs: 500 }).ensure(['rus'], never()), /download of the Russian \(rus\) language data .* broke off after \d+ bytes: no data arrived for 0.5 seconds\. Nothing was kept/);
    assert.deepEqual(stored(), []);
    // Chunked (no Content-Length): node-fetch sees the bad ending itself.
    routes.set('/npm/rus/rus.traineddata.gz', (_req, res) => {
      res.writeHead(200);
      res.write(GZ.subarray(0, GZ.length >> 1), () => setTimeout(() => res.socket?.destroy(), 50));
    });
    await rejectsWith(make().ensure(['rus'], never()), /broke off after \d+ bytes: Premature close/);
    assert.deepEqual(stored(), []);
  });

  it('cancelling mid-download aborts it: CancelledError, no file left', async () => {
    routes.set('/npm/rus/rus.traineddata.gz', half(GZ, () => undefined)); // then holds the connection open
    const token = tokenSource();
    await assert.rejects(make().ensure(['rus'], token, (p) => p.receivedBytes > 0 && token.cancel()), (e: Error) => isCancellation(e));
    assert.deepEqual(stored(), []);
  });

  it('a corrupt cached file is detected, deleted and fetched again', async () => {
    routes.set('/npm/rus/rus.traineddata.gz', serve(GZ));
    fs.mkdirSync(storage, { recursive: true });
    for (const junk of [Buffer.from('<html>oops</html>'), zlib.gzipSync(Buffer.alloc(1000)), Buffer.alloc(0)]) {
      fs.writeFileSync(path.join(storage, 'rus.traineddata.gz'), junk);
      await make().ensure(['rus'], never());
      assert.deepEqual(fs.readFileSync(path.join(storage, 'rus.traineddata.gz')), GZ);
    }
    assert.equal(requests.length, 3);
    const log: string[] = [];
    fs.writeFileSync(path.join(storage, 'rus.traineddata.gz'), 'junk');
    await make({ log: (l) => log.push(l) }).ensure(['rus'], never());
    assert.ok(log.some((l) => /damaged \(notGzip\)/.test(l)), log.join('\n'));
  });

  it('concurrent ensure calls share one download; one caller cancelling does not stop the other', async () => {
    routes.set('/npm/rus/rus.traineddata.gz', (req, res) => setTimeout(() => serve(GZ)(req, res), 150));
    const data = make();
    const quitter = tokenSource();
    const results = await Promise.allSettled([data.ensure(['rus'], never()), data.ensure(['rus', 'eng'], never()), data.ensure(['rus'], quitter)]);
    quitter.cancel();
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'fulfilled']);
    const cancelled = data.ensure(['ukr'], quitter);
    await assert.rejects(cancelled, (e: Error) => isCancellation(e));
    const again = tokenSource();
    routes.set('/npm/ukr/ukr.traineddata.gz', (req, res) => setTimeout(() => serve(GZ)(req, res), 150));
    const both = [data.ensure(['ukr'], again), data.ensure(['ukr'], never())];
    again.cancel();
    await assert.rejects(both[0]!, (e: Error) => isCancellation(e));
    await both[1];
    assert.deepEqual(requests, ['/npm/rus/rus.traineddata.gz', '/npm/ukr/ukr.traineddata.gz']);
  });

  it('refuses bodies over the size cap, with or without Content-Length', async () => {
    routes.set('/npm/rus/rus.traineddata.gz', serve(GZ));
    await rejectsWith(make({ maxBytes: 10_000 }).ensure(['rus'], never()), /larger than \d+ MB/);
    routes.set('/npm/rus/rus.traineddata.gz', (_req, res) => res.writeHead(200).end(GZ));
    await rejectsWith(make({ maxBytes: 100_000 }).ensure(['rus'], never()), /larger than \d+ MB/);
    assert.deepEqual(stored(), []);
  });

  it('offline (connection refused): says English works offline and where to set a mirror', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await rejectsWith(make({ baseUrl: `http://127.0.0.1:${port}/{lang}` }).ensure(['rus'], never()), /Could not download the Russian \(rus\) language data .*ECONNREFUSED.*English works offline.*imageInsight\.local\.languageDataUrl/);
  });

  it('only https (or http to this computer); unknown or unsafe codes never reach the network', async () => {
    const offline = make({ baseUrl: 'http://mirror.example.com/{lang}/', fetch: () => assert.fail('fetched') });
    await rejectsWith(offline.ensure(['rus'], never()), /only https addresses are allowed/);
    await rejectsWith(make().ensure(['../../etc'], never()), /"\.\.\/\.\.\/etc" is not one the local OCR engine knows/);
    assert.throws(() => make().codes(['xx']), /"xx" is not one the local OCR engine knows/);
    assert.deepEqual(make().codes(['ru', '*']), ['rus', 'eng']);
    assert.equal(make({ baseUrl: 'https://m.example/tessdata' }).urlFor('rus'), 'https://m.example/tessdata/rus.traineddata.gz');
    assert.equal(make({ baseUrl: '' }).urlFor('chi_sim'), 'https://cdn.jsdelivr.net/npm/@tesseract.js-data/chi_sim@1.0.0/4.0.0_best_int/chi_sim.traineddata.gz');
    assert.deepEqual(requests, []);
  });

  it('lists stored languages with sizes; removes downloaded ones but not the bundled English', async () => {
    routes.set('/npm/rus/rus.traineddata.gz', serve(GZ));
    const data = make();
    const bundledBytes = fs.statSync(path.join(BUNDLED, 'eng.traineddata.gz')).size;
    assert.deepEqual(await data.list(), [{ code: 'eng', bytes: bundledBytes, bundled: true }]);
    await data.ensure(['rus', 'eng'], never());
    assert.deepEqual(await data.list(), [{ code: 'eng', bytes: bundledBytes, bundled: true }, { code: 'rus', bytes: GZ.length, bundled: false }]);
    await rejectsWith(data.remove('eng'), /English is part of Image Insight/);
    assert.equal(await data.remove('rus'), true);
    assert.equal(await data.remove('rus'), false);
    assert.deepEqual((await data.list()).map((l) => l.code), ['eng']);
    await data.ensure(['rus'], never()); // removed means fetched again when needed
    assert.equal(requests.length, 2);
  });
});
