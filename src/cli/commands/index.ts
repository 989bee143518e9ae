import type { CliCommand } from '../command';
import { summaryCommand } from './summary';
import { econCommand } from './econ';
import { abstainCommand } from './abstain';
import { failfastCommand } from './failfast';
import { guaranteeCommand } from './guarantee';
import { generateCommand } from './generate';
import { calibrateCommand } from './calibrate';
import { tuneCommand } from './tune';
import { intercascadeCommand } from './intercascade';
import { benchmarkClusteringCommand } from './benchmarkClustering';
import { fieldsCommand } from './fields';
import { compareCommand } from './compare';
import { reportCommand } from './report';

/** Every `costrisk` subcommand; later features add theirs here. */
export const commands: CliCommand[] = [
  summaryCommand,
  econCommand,
  abstainCommand,
  failfastCommand,
  guaranteeCommand,
  generateCommand,
  calibrateCommand,
  tuneCommand,
  intercascadeCommand,
  benchmarkClusteringCommand,
  fieldsCommand,
  compareCommand,
  reportCommand,
];
