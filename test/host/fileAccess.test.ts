/** Paths from a webview against real folders and symlinks: inside the workspace, out of it, granted by a picker. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAccess, isInside, MAX_GRANTS, type GrantStore } from '../../src/host/fs/fileAccess';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'file-access-')));
const ws = join(root, 'ws');
const outside = join(root, 'outside');
mkdirSync(join(ws, 'data'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(ws, 'data', 'q.jsonl'), '{}\n');
writeFileSync(join(outside, 'secret.jsonl'), '{}\n');
symlinkSync(join(outside, 'secret.jsonl'), join(ws, 'link-out.jsonl'));
symlinkSync(outside, join(ws, 'dir-out'));
symlinkSync(join(ws, 'data', 'q.jsonl'), join(outside, 'link-in.jsonl'));
symlinkSync(join(ws, 'loop-a'), join(ws, 'loop-b'));
symlinkSync(join(ws, 'loop-b'), join(ws, 'loop-a'));
symlinkSync(join(outside, 'new.jsonl'), join(ws, 'dangling.jsonl'));

const access = (store?: GrantStore) => new FileAccess({ folders: () => [ws], store });
const reason = (r: { ok: boolean; reason?: string }): string => (r.ok ? 'allowed' : (r.reason as string));

test('inside the workspace: relative and absolute paths, `..` that stays inside; the real path is returned', async () => {
  const a = access();
  assert.deepEqual(await a.check('data/q.jsonl', 'read'), { ok: true, path: join(ws, 'data', 'q.jsonl') });
  assert.deepEqual(await a.check(join(ws, 'data', '..', 'data', 'q.jsonl'), 'read'), {
    ok: true,
    path: join(ws, 'data', 'q.jsonl'),
  });
  assert.deepEqual(
    await a.check(join(outside, 'link-in.jsonl'), 'read'),
    { ok: true, path: join(ws, 'data', 'q.jsonl') },
    'a link from outside into the workspace is judged by its target',
  );
  assert.deepEqual(
    await a.check('data/new-repo.jsonl', 'write'),
    { ok: true, path: join(ws, 'data', 'new-repo.jsonl') },
    'a new file in an existing folder may be written',
  );
});

test('outside the workspace: absolute paths, `..`, symlinks out (file or folder), loops, missing folders: refused with why', async () => {
  const a = access();
  assert.match(reason(await a.check(join(outside, 'secret.jsonl'), 'read')), /outside the workspace folders/);
  assert.match(reason(await a.check('../outside/secret.jsonl', 'read')), /outside the workspace folders/);
  assert.match(reason(await a.check('/etc/passwd', 'read')), /outside the workspace folders/);
  assert.match(
    reason(await a.check('link-out.jsonl', 'read')),
    /outside the workspace folders \(it leads to .*secret\.jsonl\)/,
  );
  assert.match(reason(await a.check('dir-out/secret.jsonl', 'read')), /outside the workspace folders/);
  assert.match(
    reason(await a.check('dir-out/new.jsonl', 'write')),
    /outside the workspace folders/,
    'a new file in a linked-out folder',
  );
  assert.match(
    reason(await a.check('link-out.jsonl', 'write')),
    /outside the workspace folders/,
    'writing through a link out',
  );
  assert.match(reason(await a.check('loop-a', 'read')), /symbolic link loop/);
  assert.match(reason(await a.check('nope/x.jsonl', 'write')), /folder does not exist/);
  assert.match(reason(await a.check('data/missing.jsonl', 'read')), /no such file/);
  assert.match(reason(await a.check('data', 'read')), /not a regular file/);
  assert.match(reason(await a.check('a\u0000b', 'read')), /not a usable file path/);
  assert.match(reason(await a.check('x'.repeat(5000), 'read')), /not a usable file path/);
  assert.equal(reason(await a.check('', 'read')), 'no file given');
  assert.match(
    reason(await new FileAccess({ folders: () => [] }).check('q.jsonl', 'read')),
    /needs an open workspace folder/,
  );
});

test('a dangling link in the workspace may be replaced by a write, which renames over the link and never follows it', async () => {
  assert.deepEqual(await access().check('dangling.jsonl', 'write'), { ok: true, path: join(ws, 'dangling.jsonl') });
});

test('a FIFO is refused (reading it would block the host)', { skip: process.platform === 'win32' }, async () => {
  execFileSync('mkfifo', [join(ws, 'pipe.jsonl')]);
  assert.match(reason(await access().check('pipe.jsonl', 'read')), /not a regular file/);
});

test('grants: a file the user picked outside the workspace is allowed, kept across reloads, at most MAX_GRANTS', async () => {
  const saved = new Map<string, unknown>();
  const store: GrantStore = {
    get: <T>(k: string) => saved.get(k) as T | undefined,
    update: async (k, v) => void saved.set(k, v),
  };
  const a = access(store);
  a.grant(join(outside, 'secret.jsonl'));
  assert.deepEqual(await a.check(join(outside, 'secret.jsonl'), 'read'), {
    ok: true,
    path: join(outside, 'secret.jsonl'),
  });
  assert.match(
    reason(await a.check(join(outside, 'other.jsonl'), 'write')),
    /outside/,
    'only that file, not its folder',
  );
  assert.ok(access(store).isGranted(join(outside, 'secret.jsonl')), 'a new window (same workspace state) remembers it');
  a.grant('relative/path.jsonl');
  assert.ok(!a.isGranted('relative/path.jsonl'), 'only absolute paths are granted');
  for (let i = 0; i < MAX_GRANTS + 5; i++) a.grant(join(outside, `f${i}.jsonl`));
  assert.equal((saved.get('costRiskLab.grantedFiles') as string[]).length, MAX_GRANTS);
  assert.ok(!a.isGranted(join(outside, 'secret.jsonl')), 'the oldest grant went first');
  saved.set('costRiskLab.grantedFiles', ['relative', 42, '/ok.jsonl']);
  assert.ok(
    access(store).isGranted('/ok.jsonl') && !access(store).isGranted('relative'),
    'a tampered store keeps only absolute paths',
  );
});

test('isInside: a sibling with the same prefix, `..`-named files and the root itself', () => {
  assert.ok(isInside('/w/a', '/w'));
  assert.ok(isInside('/w', '/w'));
  assert.ok(!isInside('/w2/a', '/w'));
  assert.ok(!isInside('/a', '/w'));
  assert.ok(isInside('/w/..hidden', '/w'), 'a file whose name starts with two dots is inside');
});
