import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './freePort';
import { poll } from './sleep';

/** User settings every run starts from: quiet, no trust prompt, no welcome page, no git scanning. */
export const BASE_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
};

export interface CodeServer {
  url: string;
  /** `--user-data-dir`: holds User/settings.json and the logs (extension host, output channels). */
  userDataDir: string;
  /** Everything code-server printed so far (for failure reports). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  bin: string;
  extensionsDir: string;
  workspace: string;
  /** Private scratch folder: HOME, XDG dirs, user data and config all live under it. */
  scratch: string;
}

/**
 * Starts code-server on a free 127.0.0.1 port with its own HOME, XDG folders, user data and
 * settings, in its own process group so that `stop()` ends exactly the processes it started.
 */
export async function startCodeServer(o: StartOptions): Promise<CodeServer> {
  const port = await freePort();
  const userDataDir = join(o.scratch, 'user-data');
  const home = join(o.scratch, 'home');
  for (const d of [
    join(userDataDir, 'User'),
    home,
    join(o.scratch, 'xdg', 'config'),
    join(o.scratch, 'xdg', 'data'),
    join(o.scratch, 'xdg', 'cache'),
  ])
    mkdirSync(d, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(BASE_SETTINGS, null, 2));

  const args = [
    '--config',
    join(o.scratch, 'config.yaml'),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--extensions-dir',
    o.extensionsDir,
    '--user-data-dir',
    userDataDir,
    o.workspace,
  ];
  const child: ChildProcess = spawn(o.bin, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HOME: home,
      CS_DISABLE_GETTING_STARTED_OVERRIDE: '1',
      XDG_CONFIG_HOME: join(o.scratch, 'xdg', 'config'),
      XDG_DATA_HOME: join(o.scratch, 'xdg', 'data'),
      XDG_CACHE_HOME: join(o.scratch, 'xdg', 'cache'),
    },
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  let exited = false;
  child.on('exit', () => (exited = true));

  const url = `http://127.0.0.1:${port}`;
  await poll(
    'code-server to answer /healthz',
    async () => {
      if (exited) throw new Error(`code-server exited:\n${out}`);
      const r = await fetch(`${url}/healthz`).catch(() => undefined);
      return r && r.status < 500 ? true : undefined;
    },
    60_000,
  ).catch((e: Error) => {
    killGroup(child);
    throw new Error(`${e.message}\n${out}`);
  });

  return {
    url,
    userDataDir,
    output: () => out,
    stop: async () => {
      if (exited) return;
      killGroup(child, 'SIGTERM');
      await poll('code-server to exit', async () => (exited ? true : undefined), 5_000).catch(() =>
        killGroup(child, 'SIGKILL'),
      );
    },
  };
}

/** Signals code-server's own process group (it was spawned detached, so the group is ours alone). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}
