// Writes the notices of the npm packages esbuild bundled into the outputs (their license texts, as
// the MIT and BSD licenses ask of copies in binary form), from the builds' metafiles: the production
// build drops the packages' own comments, so this file, shipped beside the bundles, carries them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LICENSE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/** The package folder (`node_modules/<name>` or `node_modules/@scope/<name>`) of a bundled input, or null. */
function packageDir(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  return input.slice(0, at) + 'node_modules/' + name;
}

/** One notice per package in `metafiles`' inputs, sorted by name; fails when a package has neither a license file nor a license field. */
export function writeThirdPartyNotices(metafiles, outFile) {
  const dirs = new Set();
  for (const m of metafiles)
    for (const input of Object.keys(m.inputs)) {
      const dir = packageDir(input);
      if (dir) dirs.add(dir);
    }
  const notices = [...dirs]
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const files = readdirSync(dir)
        .filter((f) => LICENSE_FILE.test(f))
        .sort();
      const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
      if (texts.length === 0 && !pkg.license) throw new Error(`${pkg.name}: no license file and no license field`);
      const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
      const body = texts.length
        ? texts.join('\n\n')
        : `(The package ships no license file; its package.json gives the license ${pkg.license}${author ? ` and the author ${author}` : ''}.)`;
      return { name: pkg.name, text: `${pkg.name} ${pkg.version} (${pkg.license ?? 'see below'})\n\n${body}\n` };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const head =
    'Cost-Risk Lab bundles the following npm packages into its JavaScript files (dist/ and media/build/).\n' +
    'Their licenses follow, each as the package ships it.\n';
  writeFileSync(outFile, [head, ...notices.map((n) => n.text)].join(`\n${'-'.repeat(78)}\n\n`));
}
