// The UI bridge of test/host/run.mjs: tests inside the extension host drive the real workbench
// page (Playwright) over HTTP on 127.0.0.1. The ops and their shapes are listed in run.mjs's header.
//   POST / {"op": "...", ...args} -> {"ok":true,"value":...} | {"ok":false,"error":"..."}
import fs from 'node:fs';
import path from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Returns the HTTP request handler. `state.page` is the workbench page (set once it is open) and
 * `state.finishing` turns every op down while the run ends.
 */
export function createUiBridge({ state: st, log, verbose: VERBOSE }) {
  const DEFAULT_WAIT_MS = 10_000;

  /**
   * Webview content frames. A webview is an outer `iframe.webview` (…/webview/browser/pre/index.html?
   * id=…&extensionId=…) holding the content in an inner iframe (fake.html?id=…) whose element id is
   * `pending-frame` while it loads and `active-frame` once shown. `filter` is true (any webview) or a
   * substring of the outer or inner frame URL (e.g. the extension id).
   */
  async function webviewFrames(filter) {
    const main = st.page.mainFrame();
    const out = [];
    for (const inner of st.page.frames()) {
      const outer = inner.parentFrame();
      if (!outer || outer === main || outer.parentFrame() !== main || !outer.url().includes('/webview/')) continue;
      if (filter !== true && !`${outer.url()}\n${inner.url()}`.includes(String(filter))) continue;
      const id = await inner.frameElement().then((el) => el.getAttribute('id')).catch(() => null);
      if (id === 'active-frame') out.push(inner);
    }
    return out;
  }
  /** True when an op targets the workbench page itself rather than webview content. */
  const inPage = (a) => a.frame === undefined || a.frame === null || a.frame === false;
  /** The frames to search: the page itself, or the matching webview frames. */
  const scopes = async (a) => (inPage(a) ? [st.page] : webviewFrames(a.frame));

  /** First element matching a.selector; in webview mode waits (polling) until some frame has it. */
  async function firstLocator(a, timeoutMs) {
    if (inPage(a)) return st.page.locator(a.selector).first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const f of await webviewFrames(a.frame)) {
        const l = f.locator(a.selector);
        if (await l.count().catch(() => 0)) return l.first();
      }
      if (Date.now() > deadline) throw new Error(`no webview frame (${a.frame}) has an element matching ${a.selector} after ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  async function collect(a, fn) {
    const values = [];
    for (const s of await scopes(a)) values.push(...(await fn(s.locator(a.selector))));
    return values;
  }

  const need = (a, ...keys) => { for (const k of keys) if (a[k] === undefined) throw new Error(`missing "${k}"`); };

  const OPS = {
    text: async (a) => { need(a, 'selector'); return collect(a, async (l) => (await l.allTextContents()).map((t) => t.trim())); },
    html: async (a) => { need(a, 'selector'); return collect(a, (l) => l.evaluateAll((els) => els.map((e) => e.outerHTML))); },
    attr: async (a) => { need(a, 'selector', 'name'); return collect(a, (l) => l.evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), a.name)); },
    count: async (a) => { need(a, 'selector'); return (await collect(a, async (l) => [await l.count()])).reduce((x, y) => x + y, 0); },
    box: async (a) => {
      need(a, 'selector');
      return collect(a, async (l) => Promise.all((await l.all()).map((e) => e.boundingBox().catch(() => null))));
    },
    waitFor: async (a) => {
      need(a, 'selector');
      const state = a.state || 'visible';
      if (!['visible', 'attached', 'hidden', 'detached'].includes(state)) throw new Error(`bad state ${state}`);
      const timeout = a.timeoutMs ?? DEFAULT_WAIT_MS;
      if (inPage(a)) { await st.page.locator(a.selector).first().waitFor({ state, timeout }); return true; }
      // Webview frames come and go, so poll: present-states need one frame, absent-states need all.
      const deadline = Date.now() + timeout;
      for (;;) {
        const hits = [];
        for (const f of await webviewFrames(a.frame)) {
          const l = f.locator(a.selector);
          const n = state === 'visible' || state === 'hidden' ? l.filter({ visible: true }) : l;
          hits.push((await n.count().catch(() => 0)) > 0);
        }
        if ((state === 'visible' || state === 'attached') ? hits.some(Boolean) : !hits.some(Boolean)) return true;
        if (Date.now() > deadline) throw new Error(`timeout ${timeout}ms waiting for ${a.selector} to be ${state} in webview frame (${a.frame})`);
        await sleep(100);
      }
    },
    click: async (a) => {
      need(a, 'selector');
      const timeout = a.timeoutMs ?? DEFAULT_WAIT_MS;
      const l = await firstLocator(a, timeout);
      await l.click({ button: a.button, modifiers: a.modifiers, clickCount: a.clickCount, position: a.position, timeout });
      return true;
    },
    hover: async (a) => {
      need(a, 'selector');
      const timeout = a.timeoutMs ?? DEFAULT_WAIT_MS;
      await (await firstLocator(a, timeout)).hover({ position: a.position, timeout });
      return true;
    },
    press: async (a) => { need(a, 'key'); await st.page.keyboard.press(a.key); return true; },
    type: async (a) => { need(a, 'text'); await st.page.keyboard.type(String(a.text)); return true; },
    mouse: async (a) => {
      need(a, 'action');
      const m = st.page.mouse;
      const at = () => { need(a, 'x', 'y'); return m.move(a.x, a.y, { steps: a.steps }); };
      if (a.action === 'move') await at();
      else if (a.action === 'down') { if (a.x !== undefined) await at(); await m.down({ button: a.button }); }
      else if (a.action === 'up') { if (a.x !== undefined) await at(); await m.up({ button: a.button }); }
      else throw new Error(`bad mouse action ${a.action}`);
      return true;
    },
    screenshot: async (a) => {
      need(a, 'path');
      const file = path.resolve(a.path);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (a.selector) await (await firstLocator(a, a.timeoutMs ?? DEFAULT_WAIT_MS)).screenshot({ path: file, timeout: a.timeoutMs ?? DEFAULT_WAIT_MS });
      else await st.page.screenshot({ path: file });
      return file;
    },
    // The browser's clipboard. NB: in extension-test mode VS Code keeps vscode.env.clipboard in memory,
    // apart from this one; what a webview copies with navigator.clipboard lands here.
    clipboard: async (a) => {
      await st.page.bringToFront();
      if (a.text !== undefined) await st.page.evaluate((t) => navigator.clipboard.writeText(t), String(a.text));
      return st.page.evaluate(() => navigator.clipboard.readText());
    },
    // An image file's bytes onto the browser clipboard as image/png (what "copy image" in any app
    // does), so that a test can paste it into an editor with a real Ctrl+V.
    clipboardImage: async (a) => {
      need(a, 'path');
      const base64 = fs.readFileSync(path.resolve(a.path)).toString('base64');
      await st.page.bringToFront();
      await st.page.evaluate(async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
      }, base64);
      return true;
    },
    webStorageDump: async () => st.page.evaluate(async () => {
      const str = (v) => {
        if (typeof v === 'string') return v;
        if (v instanceof ArrayBuffer) v = new Uint8Array(v);
        if (ArrayBuffer.isView(v)) return new TextDecoder().decode(v);
        if (v instanceof Blob) return `[Blob ${v.size} bytes ${v.type}]`;
        try { const j = JSON.stringify(v); return j === undefined ? String(v) : j; } catch { return String(v); }
      };
      const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      const out = [];
      for (const { name } of await indexedDB.databases()) {
        const open = indexedDB.open(name);
        open.onupgradeneeded = () => open.transaction.abort(); // deleted meanwhile: do not re-create it
        let db;
        try { db = await req(open); } catch { continue; }
        try {
          for (const store of db.objectStoreNames) {
            const os = db.transaction(store, 'readonly').objectStore(store);
            const [keys, values] = await Promise.all([req(os.getAllKeys()), req(os.getAll())]);
            keys.forEach((k, i) => out.push({ db: name, store, key: str(k), value: str(values[i]) }));
          }
        } finally { db.close(); }
      }
      for (const [db, s] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]]) {
        for (let i = 0; i < s.length; i++) { const k = s.key(i); out.push({ db, store: '', key: k, value: s.getItem(k) }); }
      }
      return out;
    }),
    frames: async () => st.page.frames().map((f) => ({ name: f.name(), url: f.url(), parentUrl: f.parentFrame()?.url() ?? null })),
  };

  async function handleBridge(req, res) {
    const reply = (status, obj) => {
      const body = JSON.stringify(obj);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    try {
      if (req.method !== 'POST') return reply(405, { ok: false, error: 'use POST / with a JSON body {"op": ...}' });
      const chunks = [];
      let size = 0;
      for await (const chunk of req) { chunks.push(chunk); size += chunk.length; if (size > 1e6) throw new Error('request too large'); }
      let a;
      try { a = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { throw new Error('body is not JSON'); }
      if (!a || typeof a !== 'object' || typeof a.op !== 'string') throw new Error('body must be {"op": string, ...}');
      if (!Object.hasOwn(OPS, a.op)) throw new Error(`unknown op "${a.op}" (known: ${Object.keys(OPS).join(', ')})`);
      if (!st.page || st.page.isClosed() || st.finishing) throw new Error('the workbench page is not available');
      const value = await OPS[a.op](a);
      if (VERBOSE) log(`bridge ${a.op} ok`);
      reply(200, { ok: true, value: value === undefined ? null : value });
    } catch (e) {
      if (VERBOSE) log(`bridge error: ${e?.message || e}`);
      // eslint-disable-next-line no-control-regex
      const error = String(e?.message || e).replace(/\x1b\[[0-9;]*m/g, ''); // Playwright's call logs carry ANSI colours
      try { reply(200, { ok: false, error }); } catch {}
    }
  }

  return handleBridge;
}
