/**
 * Strings an OCR engine or a web page title could hand us that would do harm if they reached the
 * DOM as markup: script and handler payloads, style breakouts, dangerous URLs, bidi overrides,
 * zero-width and combining characters, entity soup, a 1 MB string. `count` of them, varied.
 */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</style><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<iframe src="javascript:alert(1)"></iframe>',
  'javascript:alert(document.domain)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '<a href="javascript:alert(1)">click</a>',
  '<foreignObject><body onload=alert(1)></foreignObject>',
  '&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;img src=x onerror=alert(1)&#x3E; &amp;amp;',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '\u202Egnp.exe\u202C',
  'a\u200Bb\u200Cc\u200Dd\uFEFFe',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035A',
  '<style>*{display:none}</style>',
  '<meta http-equiv="refresh" content="0;url=https://example.invalid">',
  '<link rel=import href=x>',
  '"; alert(1); //',
];

export function hostileStrings(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const payload = PAYLOADS[i % PAYLOADS.length]!;
    const variant = Math.floor(i / PAYLOADS.length) % 4;
    out.push(variant === 0 ? payload : variant === 1 ? `word${i}${payload}` : variant === 2 ? `${payload}${payload}` : payload.toUpperCase());
  }
  out[out.length - 1] = `${'<b>x</b>'.repeat(131_072)}`; // 1 MB of markup in one word
  return out;
}
