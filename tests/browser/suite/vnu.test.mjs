// The Nu HTML checker (vnu.jar) over every HTML and SVG file of both sites,
// in one java run; no errors allowed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { htmlFiles, sites } from '../lib/common.mjs';

const require = createRequire(import.meta.url);
const VNU = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
const all = sites();

const run = spawnSync(
  'java',
  [
    '-Xss8m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-jar', VNU,
    '--errors-only',
    '--skip-non-html',
    '--also-check-svg',
    '--format', 'json',
    '--exit-zero-always',
    ...all.map((s) => s.dir),
  ],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);

test('vnu ran', () => {
  assert.equal(run.error, undefined, `java could not start: ${run.error}`);
  assert.equal(run.status, 0, `vnu exited ${run.status}:\n${run.stderr.slice(0, 2000)}`);
});

let messages = null;
try {
  messages = JSON.parse(run.stderr).messages;
} catch (e) {
  test('vnu output is JSON', () => assert.fail(`${e}\n${(run.stderr || '').slice(0, 2000)}`));
}

test('vnu: no message outside a checked file', () => {
  const loose = (messages || []).filter((m) => !m.url && m.type !== 'info');
  assert.deepEqual(loose.map((m) => `${m.type}: ${m.message}`), []);
});

for (const site of all) {
  const files = [...htmlFiles(site.dir), ...htmlFiles(site.dir, '.svg')];
  test(`vnu: ${site.name}: ${files.length} HTML/SVG files, no errors`, () => {
    assert.ok(files.length > 0, `no HTML in ${site.dir}`);
    assert.ok(Array.isArray(messages), 'vnu gave no report (see above)');
    const prefix = `file:${site.dir}/`;
    const mine = messages.filter((m) => (m.url ? fileURLToPath(m.url) : '').startsWith(site.dir + path.sep) || m.url?.startsWith(prefix));
    const errors = mine.filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error');
    const report = errors
      .slice(0, 40)
      .map((m) => {
        const file = m.url ? path.relative(site.dir, fileURLToPath(m.url)) : '?';
        const extract = m.extract ? `\n      ${m.extract.replace(/\s+/g, ' ').trim()}` : '';
        return `  ${file}:${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? '?'}: ${m.message}${extract}`;
      })
      .join('\n');
    const more = errors.length > 40 ? `\n  … and ${errors.length - 40} more` : '';
    assert.ok(errors.length === 0, `vnu found ${errors.length} error(s) in ${site.name}:\n${report}${more}`);
  });
}
