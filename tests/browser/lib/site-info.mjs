// Reads the two settings the browser tests need from a project's
// content/site.yaml: the path part of base_url (where the site is served) and
// the language. A line-based read on purpose: no YAML dependency, and
// site.yaml keeps these as plain top-level scalars.
//
// CLI: node site-info.mjs PROJECT_ROOT  -> prints "BASE_PATH LANG"
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function siteInfo(projectRoot) {
  const text = readFileSync(path.join(projectRoot, 'content', 'site.yaml'), 'utf8');
  const scalar = (key) => {
    const m = text.match(new RegExp(`^${key}:[ \\t]*["']?([^"'#\\r\\n]*?)["']?[ \\t]*(?:#.*)?$`, 'm'));
    return m ? m[1].trim() : '';
  };
  let basePath = '/';
  const baseUrl = scalar('base_url');
  if (baseUrl) {
    try {
      basePath = new URL(baseUrl).pathname || '/';
    } catch {
      basePath = '/';
    }
  }
  if (!basePath.endsWith('/')) basePath += '/';
  return { basePath, lang: scalar('language') || 'nl' };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const info = siteInfo(process.argv[2] || '.');
  process.stdout.write(`${info.basePath} ${info.lang}\n`);
}
