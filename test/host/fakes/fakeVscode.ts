/**
 * The slice of the `vscode` API the panel layer uses, faked for plain-Node tests of
 * src/host/panels/*. Install with `useFakeVscode()` before importing host modules.
 */
import Module from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  event = (listener: Listener<T>, thisArg?: unknown, disposables?: { dispose(): void }[]): { dispose(): void } => {
    const l: Listener<T> = (e) => listener.call(thisArg, e);
    this.listeners.add(l);
    const d = { dispose: () => this.listeners.delete(l) };
    disposables?.push(d);
    return d;
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

/** As VS Code's: a listener added after the cancellation is called too (asynchronously), as its shortcut event does. */
export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  token = {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => unknown, thisArg?: unknown, disposables?: { dispose(): void }[]) => {
      if (!this.token.isCancellationRequested) return this.emitter.event(listener, thisArg, disposables);
      const timer = setTimeout(() => listener.call(thisArg), 0);
      const d = { dispose: () => clearTimeout(timer) };
      disposables?.push(d);
      return d;
    },
  };
  cancel(): void {
    if (this.token.isCancellationRequested) return;
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, join(base.fsPath, ...parts));
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}

/** A webview panel that records what the host posts and lets a test play the webview. */
export class FakeWebviewPanel {
  readonly posted: unknown[] = [];
  private readonly receive = new EventEmitter<unknown>();
  private readonly disposeEmitter = new EventEmitter<void>();
  private readonly viewState = new EventEmitter<unknown>();
  visible = true;
  disposed = false;
  iconPath: unknown;
  readonly webview = {
    html: '',
    options: {} as unknown,
    cspSource: 'https://fake.vscode-resource',
    asWebviewUri: (u: Uri) => `https://fake.vscode-resource${u.fsPath}`,
    postMessage: async (m: unknown) => {
      this.posted.push(JSON.parse(JSON.stringify(m)));
      return true;
    },
    onDidReceiveMessage: this.receive.event,
  };
  onDidDispose = this.disposeEmitter.event;
  onDidChangeViewState = this.viewState.event;
  constructor(
    readonly viewType: string,
    public title: string,
  ) {}
  /** The webview posts a message to the host. */
  fromWebview(m: unknown): void {
    this.receive.fire(m);
  }
  setVisible(v: boolean): void {
    this.visible = v;
    this.viewState.fire({ webviewPanel: this });
  }
  reveal(): void {}
  /** The host's reply to request `id` (`{ ok, result | error }`), once posted; polls for up to 2 s. */
  async replyTo(id: number): Promise<unknown> {
    for (let i = 0; i < 200; i++) {
      const m = this.posted.find((x) => (x as { requestId?: number }).requestId === id) as
        { reply: unknown } | undefined;
      if (m) return m.reply;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no reply to ${id}`);
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
}

/** Markdown as VS Code keeps it: the raw value and the flags that decide what it may run. */
export class MarkdownString {
  isTrusted = false;
  supportHtml = false;
  constructor(
    public value = '',
    readonly supportThemeIcons = false,
  ) {}
  appendMarkdown(v: string): MarkdownString {
    this.value += v;
    return this;
  }
}

export class ThemeIcon {
  constructor(readonly id: string) {}
}

export class TreeItem {
  tooltip: unknown;
  description: unknown;
  iconPath: unknown;
  command: unknown;
  contextValue: unknown;
  id: unknown;
  resourceUri: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState: number,
  ) {}
}

/** A message of the Language Model API (the fake keeps the role as a word). */
export class LanguageModelChatMessage {
  constructor(
    readonly role: 'user' | 'assistant',
    readonly content: string,
  ) {}
  static User(content: string): LanguageModelChatMessage {
    return new LanguageModelChatMessage('user', content);
  }
  static Assistant(content: string): LanguageModelChatMessage {
    return new LanguageModelChatMessage('assistant', content);
  }
}

export class LanguageModelError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'LanguageModelError';
  }
}

type CancelToken = { isCancellationRequested: boolean; onCancellationRequested(l: () => void): unknown };

/**
 * A chat model as `vscode.lm.selectChatModels` offers it: `respond` gives the reply text (or an
 * error to throw), streamed in `chunks` parts with a pause of `pauseMs` between them; tokens are
 * counted as characters / 4. Every request is recorded, with its justification and whether it was cancelled.
 */
export class FakeChatModel {
  readonly requests: {
    messages: { role: string; content: string }[];
    justification: string | undefined;
    cancelled: boolean;
  }[] = [];
  readonly vendor = 'fake';
  readonly version = '1';
  readonly maxInputTokens = 128_000;
  readonly name: string;
  readonly family: string;
  constructor(
    readonly id: string,
    readonly respond: (messages: { role: string; content: string }[]) => string | Error,
    readonly stream: { chunks?: number; pauseMs?: number } = {},
  ) {
    this.name = `Fake ${id}`;
    this.family = id;
  }
  async sendRequest(messages: LanguageModelChatMessage[], options: { justification?: string }, token: CancelToken) {
    const rec = {
      messages: messages.map((m) => ({ role: m.role, content: m.content })),
      justification: options?.justification,
      cancelled: false,
    };
    this.requests.push(rec);
    token.onCancellationRequested(() => (rec.cancelled = true));
    const answer = this.respond(rec.messages);
    if (answer instanceof Error) throw answer;
    const reply: string = answer;
    const n = Math.max(1, this.stream.chunks ?? 3);
    const size = Math.ceil(reply.length / n);
    const pause = this.stream.pauseMs ?? 0;
    async function* text() {
      for (let i = 0; i < reply.length || i === 0; i += size) {
        await new Promise((r) => setTimeout(r, pause));
        if (token.isCancellationRequested) throw new LanguageModelError('Request cancelled', 'Cancelled');
        yield reply.slice(i, i + size);
      }
    }
    return { text: text(), stream: text() };
  }
  async countTokens(text: string | LanguageModelChatMessage): Promise<number> {
    return Math.ceil((typeof text === 'string' ? text : text.content).length / 4);
  }
}

/** A file system watcher (`workspace.createFileSystemWatcher`) whose events a test fires. */
export class FakeFileSystemWatcher {
  private readonly emitters = {
    create: new EventEmitter<Uri>(),
    change: new EventEmitter<Uri>(),
    delete: new EventEmitter<Uri>(),
  };
  readonly onDidCreate = this.emitters.create.event;
  readonly onDidChange = this.emitters.change.event;
  readonly onDidDelete = this.emitters.delete.event;
  disposed = false;
  constructor(readonly glob: string) {}
  /** The file system reports that `path` was created, changed or deleted. */
  fire(kind: 'create' | 'change' | 'delete', path: string): void {
    if (!this.disposed) this.emitters[kind].fire(Uri.file(path));
  }
  dispose(): void {
    this.disposed = true;
  }
}

/** A tree view (`window.createTreeView`): its options, and a visibility a test changes. */
export class FakeTreeView {
  private readonly visibility = new EventEmitter<{ visible: boolean }>();
  readonly onDidChangeVisibility = this.visibility.event;
  visible = false;
  disposed = false;
  constructor(
    readonly id: string,
    readonly options: { treeDataProvider: unknown; showCollapseAll?: boolean; canSelectMany?: boolean },
  ) {}
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.visibility.fire({ visible });
  }
  dispose(): void {
    this.disposed = true;
  }
}

/**
 * A glob as `workspace.findFiles` reads it, relative to a workspace folder: `**` any folders, `*`
 * and `?` within one name, `{a,b}` alternatives (all this fake supports).
 */
export function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith('**', i)) {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Files under the workspace folders whose folder-relative path matches `include` and not `exclude`. */
function findFiles(include: string, exclude?: string | null, maxResults?: number): Promise<Uri[]> {
  const inc = globRegExp(include);
  const exc = exclude ? globRegExp(exclude) : null;
  const out: Uri[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const root = folder.uri.fsPath;
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const rel = relative(root, join(entry.parentPath ?? entry.path, entry.name))
        .split(sep)
        .join('/');
      if (inc.test(rel) && !exc?.test(rel)) out.push(Uri.file(join(root, rel)));
    }
  }
  return Promise.resolve(out.slice(0, maxResults));
}

/** `workspace.asRelativePath`: the path inside its workspace folder (with the folder's name if asked), else unchanged. */
function asRelativePath(pathOrUri: string | Uri, includeWorkspaceFolder?: boolean): string {
  const p = typeof pathOrUri === 'string' ? pathOrUri : pathOrUri.fsPath;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const rel = relative(folder.uri.fsPath, p);
    if (rel.startsWith('..') || rel === p) continue;
    const inside = rel.split(sep).join('/');
    return includeWorkspaceFolder ? `${folder.uri.fsPath.split(sep).pop()}/${inside}` : inside || p;
  }
  return p;
}

/** A message box call: the text, its options (e.g. `{ modal, detail }`) and the buttons offered. */
export interface ShownMessage {
  message: string;
  options: unknown;
  items: string[];
}

export const fake = {
  saveDialogAnswer: undefined as Uri | undefined,
  openDialogAnswer: undefined as Uri[] | undefined,
  /** What the next warning box answers (the button's title), e.g. the modal "Send Key to host". */
  warningAnswer: undefined as string | undefined,
  /** What the next information box answers (the button's title), e.g. "Open". */
  infoAnswer: undefined as string | undefined,
  /** Uris given to `vscode.env.openExternal`. */
  openedExternally: [] as Uri[],
  serializers: new Map<string, { deserializeWebviewPanel(panel: FakeWebviewPanel, state: unknown): Promise<void> }>(),
  created: [] as FakeWebviewPanel[],
  infoMessages: [] as string[],
  warnings: [] as ShownMessage[],
  errors: [] as string[],
  /** Lines written to output channels. */
  channel: [] as string[],
  /** Answers the next Quick Pick from its items (default: dismissed); the items shown are kept in `quickPicks`. */
  quickPickAnswer: ((_items: { label: string }[]) => undefined) as (
    items: { label: string }[],
  ) => { label: string } | undefined,
  quickPicks: [] as {
    items: { label: string; description?: string; detail?: string; kind?: number }[];
    options: unknown;
  }[],
  /** The chat models `vscode.lm.selectChatModels` offers. */
  chatModels: [] as FakeChatModel[],
  /** Every file system watcher created, in order. */
  watchers: [] as FakeFileSystemWatcher[],
  /** Tree views by view id. */
  treeViews: new Map<string, FakeTreeView>(),
  /** Command handlers by id (`commands.registerCommand`). */
  commandHandlers: new Map<string, (...args: unknown[]) => unknown>(),
  /** Every `window.withProgress` call: its options, what it reported, and its Cancel button (`cancel.cancel()`). */
  progress: [] as ShownProgress[],
};

/** One `window.withProgress` call. */
export interface ShownProgress {
  location: unknown;
  title?: string;
  cancellable?: boolean;
  reports: { message?: string; increment?: number }[];
  /** The user presses Cancel (meaningful when `cancellable`). */
  cancel: CancellationTokenSource;
  /** Settles with the task. */
  done: Promise<unknown>;
}

/** `window.withProgress`: records the options and reports, and runs the task with a token the test may cancel. */
function withProgress<R>(
  options: { location: unknown; title?: string; cancellable?: boolean },
  task: (
    progress: { report(value: { message?: string; increment?: number }): void },
    token: CancellationTokenSource['token'],
  ) => Promise<R>,
): Promise<R> {
  const cancel = new CancellationTokenSource();
  const shown: ShownProgress = { ...options, reports: [], cancel, done: Promise.resolve() };
  fake.progress.push(shown);
  const done = Promise.resolve().then(() => task({ report: (v) => void shown.reports.push(v) }, cancel.token));
  shown.done = done.catch(() => undefined);
  return done;
}

/** `showWarningMessage(message, options?, ...items)`: records the call, answers `fake.warningAnswer`. */
async function showWarning(message: string, ...rest: unknown[]): Promise<string | undefined> {
  const options = typeof rest[0] === 'object' && rest[0] !== null ? rest.shift() : undefined;
  fake.warnings.push({ message, options, items: rest as string[] });
  return fake.warningAnswer;
}

/** A text range (lines and characters 0-based), as `vscode.open` takes it in `selection`. */
export class Range {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}
}

const vscode = {
  Range,
  EventEmitter,
  CancellationTokenSource,
  Uri,
  MarkdownString,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  ViewColumn: { Active: -1, One: 1 },
  ProgressLocation: { Notification: 15, Window: 10 },
  window: {
    showSaveDialog: async () => fake.saveDialogAnswer,
    showOpenDialog: async () => fake.openDialogAnswer,
    showWarningMessage: showWarning,
    showQuickPick: async (items: { label: string }[], options: unknown) => {
      fake.quickPicks.push({ items, options });
      return fake.quickPickAnswer(items);
    },
    showErrorMessage: async (m: string) => {
      fake.errors.push(m);
      return undefined;
    },
    createOutputChannel: () => ({
      appendLine: (l: string) => void fake.channel.push(l),
      show: () => undefined,
      dispose: () => undefined,
    }),
    showInformationMessage: async (m: string) => {
      fake.infoMessages.push(m);
      return fake.infoAnswer;
    },
    createWebviewPanel: (viewType: string, title: string) => {
      const p = new FakeWebviewPanel(viewType, title);
      fake.created.push(p);
      return p;
    },
    withProgress,
    createTreeView: (id: string, options: FakeTreeView['options']) => {
      const view = new FakeTreeView(id, options);
      fake.treeViews.set(id, view);
      return view;
    },
    registerWebviewPanelSerializer: (
      viewType: string,
      s: { deserializeWebviewPanel(panel: FakeWebviewPanel, state: unknown): Promise<void> },
    ) => {
      fake.serializers.set(viewType, s);
      return { dispose: () => fake.serializers.delete(viewType) };
    },
  },
  workspace: {
    workspaceFolders: undefined as { uri: Uri }[] | undefined,
    isTrusted: true,
    fs: { writeFile: async () => undefined, readFile: async (uri: Uri) => new Uint8Array(readFileSync(uri.fsPath)) },
    findFiles,
    asRelativePath,
    createFileSystemWatcher: (glob: string) => {
      const w = new FakeFileSystemWatcher(glob);
      fake.watchers.push(w);
      return w;
    },
  },
  commands: {
    executeCommand: async () => undefined,
    registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
      if (fake.commandHandlers.has(id)) throw new Error(`command '${id}' already exists`);
      fake.commandHandlers.set(id, handler);
      return { dispose: () => fake.commandHandlers.delete(id) };
    },
  },
  env: {
    openExternal: async (uri: Uri) => {
      fake.openedExternally.push(uri);
      return true;
    },
  },
  LanguageModelChatMessage,
  LanguageModelError,
  lm: { selectChatModels: async () => [...fake.chatModels] },
};

let installed = false;
/** Makes `require('vscode')` return the fake (CommonJS resolution, as tsx compiles the tests). */
export function useFakeVscode(): typeof vscode {
  if (installed) return vscode;
  installed = true;
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = M._load;
  M._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  return vscode;
}
