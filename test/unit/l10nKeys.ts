import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Every message passed to `l10n.t(…)` or a `t(…)` Localize parameter in src/, as VS Code looks
 * it up (the source string with its escapes resolved).
 */
export function runtimeMessages(): Map<string, string> {
  const found = new Map<string, string>();
  const call = /(?<![\w.$])(?:vscode\.l10n\.t|l10n\.t|t)\(\s*(['"])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(call)) {
      const message = match[2]!.replace(/\\(.)/g, '$1');
      if (!found.has(message)) found.set(message, path.relative(ROOT, file));
    }
  }
  return found;
}

/** Calls of `t(` whose first argument is not a string literal: their messages cannot be checked. */
export function nonLiteralCalls(): string[] {
  const out: string[] = [];
  const call = /(?<![\w.$])(?:vscode\.l10n\.t|l10n\.t|t)\(\s*([^'"\s)])/g;
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(call)) out.push(`${path.relative(ROOT, file)}: t(${match[1]}…`);
  }
  return out;
}

if (require.main === module) {
  // `node out/test/unit/l10nKeys.js` prints the messages missing from the Russian bundle.
  const ru = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n/bundle.l10n.ru.json'), 'utf8')) as Record<string, string>;
  const missing = [...runtimeMessages().keys()].filter((m) => !(m in ru));
  console.log(JSON.stringify(Object.fromEntries(missing.map((m) => [m, ''])), null, 2));
}
