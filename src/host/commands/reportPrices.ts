import * as vscode from 'vscode';
import { MAX_REPORT_PRICES, REPORT_ERROR_PRICES, type ReportPrices } from '../../engines/report/buildReport';
import { formatUsd } from '../../protocol/format';
import { econPricesOf } from '../panels/econPricesInUse';

interface PriceItem extends vscode.QuickPickItem {
  /** The prices, or null for "enter them". */
  prices: ReportPrices | null;
}

/**
 * A list of prices as typed ("0.01, 1, 100"): numbers ≥ 0 separated by commas or spaces, `$`
 * allowed; at most MAX_REPORT_PRICES. Returns the numbers, or a sentence saying what is wrong.
 */
export function parsePriceList(text: string, what: string): number[] | string {
  const parts = text
    .split(/[,\s;]+/)
    .map((t) => t.replace(/^\$/, ''))
    .filter((t) => t !== '');
  if (parts.length === 0) return `Give at least one ${what}.`;
  if (parts.length > MAX_REPORT_PRICES) return `At most ${MAX_REPORT_PRICES} ${what}s.`;
  const out: number[] = [];
  for (const p of parts) {
    const x = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(p) ? Number(p) : NaN;
    if (!Number.isFinite(x)) return `"${p.slice(0, 20)}" is not a ${what} (a number ≥ 0, in dollars).`;
    out.push(x);
  }
  return out;
}

const list = (xs: readonly number[]): string => xs.map(formatUsd).join(', ');

/** The prices in words, as the Quick Pick describes them. */
export function describePrices(p: ReportPrices): string {
  const abstain = p.abstain === null ? 'abstention not priced' : `${formatUsd(p.abstain)} per abstention`;
  return `${list(p.error)} per error; ${list(p.latency)} per second of latency; ${abstain}`;
}

/** The report's defaults: $0.01, $1 and $100 per error, no price of latency or abstention. */
export const DEFAULT_REPORT_PRICES: ReportPrices = { error: [...REPORT_ERROR_PRICES], latency: [0], abstain: null };

/**
 * Asks which prices the report on `file` uses: those the Economic Evaluation of the log shows (when
 * it was opened in this session), the report's defaults, or prices typed in (error, latency and
 * abstention, one box each). Returns undefined when the user stops.
 */
export async function askReportPrices(file: string): Promise<ReportPrices | undefined> {
  const econ = econPricesOf(file);
  const items: PriceItem[] = [];
  if (econ) {
    const prices: ReportPrices = {
      error: [econ.error],
      latency: [econ.latency],
      abstain: econ.abstain > 0 ? econ.abstain : null,
    };
    items.push({ label: "The Economic Evaluation's prices", description: describePrices(prices), prices });
  }
  items.push(
    {
      label: "The report's default prices",
      description: describePrices(DEFAULT_REPORT_PRICES),
      prices: DEFAULT_REPORT_PRICES,
    },
    { label: 'Enter prices…', description: 'of error, latency and abstention', prices: null },
  );
  const item = await vscode.window.showQuickPick(items, {
    title: 'Prices of the report',
    placeHolder: 'The recommendation is made at every combination of these prices',
  });
  if (!item) return undefined;
  return item.prices ?? enterPrices(econ ? [econ.error] : [...REPORT_ERROR_PRICES]);
}

/** Three input boxes: prices of error, of latency, and of abstention (empty: not priced). */
async function enterPrices(errorStart: readonly number[]): Promise<ReportPrices | undefined> {
  const ask = async (prompt: string, value: string, what: string, optional = false) => {
    const text = await vscode.window.showInputBox({
      title: 'Prices of the report',
      prompt,
      value,
      validateInput: (t) => {
        if (optional && t.trim() === '') return undefined;
        const r = parsePriceList(t, what);
        return typeof r === 'string' ? r : optional && r.length > 1 ? 'Give one price of abstention.' : undefined;
      },
    });
    if (text === undefined) return undefined;
    if (optional && text.trim() === '') return null;
    const r = parsePriceList(text, what);
    return typeof r === 'string' ? undefined : r;
  };
  const error = await ask(
    'Dollars per error, one or more (e.g. 0.01, 1, 100)',
    errorStart.join(', '),
    'price of error',
  );
  if (!error) return undefined;
  const latency = await ask('Dollars per second of latency, one or more (0: latency is free)', '0', 'price of latency');
  if (!latency) return undefined;
  const abstain = await ask(
    'Dollars per abstention (empty: no model with abstention is considered)',
    '',
    'price of abstention',
    true,
  );
  if (abstain === undefined) return undefined;
  return { error, latency, abstain: abstain === null ? null : abstain[0] };
}
