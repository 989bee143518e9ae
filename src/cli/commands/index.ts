import type { CliCommand } from '../command';
import { summaryCommand } from './summary';

/** Every `costrisk` subcommand; later features add theirs here. */
export const commands: CliCommand[] = [summaryCommand];
