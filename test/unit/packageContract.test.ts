import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import pkg from '../../package.json';

interface MenuItem {
  command?: string;
  submenu?: string;
  when?: string;
}

const contributes = pkg.contributes as unknown as {
  commands: Array<{ command: string; title: string; category?: string }>;
  menus: Record<string, MenuItem[]>;
  submenus: Array<{ id: string }>;
  keybindings?: Array<{ command: string }>;
  configuration: { properties: Record<string, { scope?: string; enum?: unknown[]; enumDescriptions?: unknown[]; default?: unknown }> };
  views: Record<string, Array<{ id: string }>>;
  viewsWelcome: Array<{ view: string; contents: string }>;
};

describe('package.json contract (ARCHITECTURE.md)', () => {
  const ids = contributes.commands.map((c) => c.command);

  it('contributes every command of the contract, each with a title and the category', () => {
    const contract = ['extractText', 'detectFaces', 'classify', 'findCopies', 'analyze', 'recognizePersons', 'enrollPerson', 'selectProvider', 'setCredentials', 'clearCredentials', 'insertText'];
    for (const id of contract) assert.ok(ids.includes(`imageInsight.${id}`), id);
    for (const command of contributes.commands) {
      assert.match(command.command, /^imageInsight\.[a-z][A-Za-z.]+$/);
      assert.ok(command.title.startsWith('%'), `${command.command} title is localized`);
      assert.equal(command.category, '%category%', command.command);
    }
  });

  it('menus and keybindings reference contributed commands and submenus only', () => {
    const submenus = contributes.submenus.map((s) => s.id);
    for (const [menu, items] of Object.entries(contributes.menus)) {
      if (menu !== 'commandPalette' && !menu.includes('/') && !submenus.includes(menu)) assert.fail(`unknown menu ${menu}`);
      for (const item of items) {
        if (item.command) assert.ok(ids.includes(item.command), `${menu}: ${item.command}`);
        if (item.submenu) assert.ok(submenus.includes(item.submenu), `${menu}: ${item.submenu}`);
      }
    }
    for (const binding of contributes.keybindings ?? []) assert.ok(ids.includes(binding.command), binding.command);
  });

  it('hides image commands from the palette when there is no image', () => {
    const palette = new Map(contributes.menus.commandPalette!.map((i) => [i.command, i.when]));
    for (const id of ['extractText', 'detectFaces', 'classify', 'findCopies', 'analyze', 'recognizePersons', 'enrollPerson']) {
      const when = palette.get(`imageInsight.${id}`);
      assert.ok(when?.includes('resourceExtname') && when.includes('imagePreview.previewEditor'), id);
    }
  });

  it('gives machine or application scope to every setting that decides where data or credentials go', () => {
    const props = contributes.configuration.properties;
    const routing = Object.keys(props).filter((k) => /(endpoint|Endpoint|provider|folderId|projectId|location|oauthProvider|space)$/.test(k));
    assert.ok(routing.length >= 10);
    for (const key of routing) assert.ok(['machine', 'application'].includes(props[key]!.scope ?? ''), key);
  });

  it('gives application scope to every address data or keys are sent to (a dev container writes machine scope)', () => {
    const props = contributes.configuration.properties;
    const addresses = Object.keys(props).filter((k) => /(endpoint|Endpoint|Url)$/.test(k));
    assert.ok(addresses.length >= 6);
    for (const key of addresses) assert.equal(props[key]!.scope, 'application', key);
  });

  it('keeps what changes how or where images go out of a workspace\'s reach: machine scope, or restricted in untrusted workspaces', () => {
    const props = contributes.configuration.properties;
    const restricted = (pkg.capabilities.untrustedWorkspaces as { restrictedConfigurations?: string[] }).restrictedConfigurations ?? [];
    for (const key of ['imageInsight.yandex.textApi', 'imageInsight.maxFileSizeMB', 'imageInsight.languages']) {
      assert.ok(['machine', 'application'].includes(props[key]!.scope ?? '') || restricted.includes(key), key);
    }
  });

  it('lets only the user\'s own settings send images with their metadata (a workspace or dev container cannot)', () => {
    assert.equal(contributes.configuration.properties['imageInsight.keepMetadata']!.scope, 'application');
    assert.equal(contributes.configuration.properties['imageInsight.keepMetadata']!.default, false);
  });

  it('describes every enum value', () => {
    for (const [key, prop] of Object.entries(contributes.configuration.properties)) {
      if (prop.enum && key !== 'imageInsight.smarty.space') assert.equal(prop.enumDescriptions?.length, prop.enum.length, key);
    }
  });

  it('activates only on what is needed: commands and views implicitly, and a results panel to restore', () => {
    assert.deepEqual(pkg.activationEvents, ['onWebviewPanel:imageInsight.results']);
  });

  it('gives the Smarty view a welcome text with a Set Credentials link', () => {
    const welcome = contributes.viewsWelcome.find((w) => w.view === 'imageInsight.smarty');
    assert.ok(welcome);
    assert.ok(Object.values(contributes.views).flat().some((v) => v.id === 'imageInsight.smarty'));
  });

  it('keeps @types/vscode no newer than engines.vscode', () => {
    const engine = pkg.engines.vscode.replace(/^\^/, '').split('.').map(Number);
    const types = pkg.devDependencies['@types/vscode'].replace(/^[\^~]/, '').split('.').map(Number);
    assert.ok(types[0]! < engine[0]! || (types[0] === engine[0] && types[1]! <= engine[1]!), `${types.join('.')} > ${engine.join('.')}`);
  });

  it('ships every bundle the build makes (.vscodeignore lists each outfile of esbuild.mjs)', () => {
    const root = path.join(__dirname, '../../..');
    const outfiles = [...fs.readFileSync(path.join(root, 'esbuild.mjs'), 'utf8').matchAll(/'(dist\/[\w/.-]+\.js)'/g)].map((m) => m[1]!);
    const shipped = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((line) => line.trim());
    assert.ok(outfiles.length >= 10, `found ${outfiles.length} bundles in esbuild.mjs`);
    for (const file of outfiles) assert.ok(shipped.includes(`!${file}`) || shipped.includes(`!${path.posix.dirname(file)}/**`), `${file} is left out of the .vsix`);
  });
});
