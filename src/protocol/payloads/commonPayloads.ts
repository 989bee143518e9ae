/** Schemas of the requests and notifications every view has (answered by the base panel). */
import type { CommonRequests, CommonWebviewNotifications, ExportFileParams } from '../messages';
import { empty, object, oneOf, string, type Schema } from '../schema';

/** An export larger than this (bytes) is a webview bug, not an export. */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

const EXPORT_FORMATS = ['png', 'csv', 'json'] as const satisfies readonly ExportFileParams['format'][];

export const commonPayloads: {
  requests: { [M in keyof CommonRequests]: Schema<CommonRequests[M]['params']> };
  notifications: { [N in keyof CommonWebviewNotifications]: Schema<CommonWebviewNotifications[N]> };
} = {
  requests: {
    // base64 makes 4 characters of 3 bytes
    exportFile: object({
      format: oneOf(EXPORT_FORMATS),
      suggestedName: string({ max: 255 }),
      data: string({ min: 1, max: Math.ceil((MAX_EXPORT_BYTES * 4) / 3) + 4 }),
    }),
  },
  notifications: {
    showProblems: empty,
    webviewError: object({ message: string({ max: 20_000 }) }),
  },
};
