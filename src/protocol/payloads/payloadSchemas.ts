/**
 * The payload schemas of one view's protocol: one {@link Schema} per request (its params) and per
 * webview notification (its payload). The host checks every message against them before a handler
 * runs (src/host/panels/basePanel.ts); the types make a missing schema a compile error.
 */
import type { ViewProtocol } from '../messages';
import type { Schema } from '../schema';

export interface PayloadSchemas<P extends ViewProtocol> {
  requests: { [M in keyof P['requests'] & string]: Schema<P['requests'][M]['params']> };
  notifications: { [N in keyof P['webviewNotifications'] & string]: Schema<P['webviewNotifications'][N]> };
}

/** Compile-time check that a list names every member of a string union (use: `const _x: EveryMember<U, typeof LIST> = true`). */
export type EveryMember<U extends string, L extends readonly string[]> = [Exclude<U, L[number]>] extends [never]
  ? true
  : never;
