/**
 * Heavy reproductions of the thesis' tables run in a reduced form by default (fewer bootstrap
 * replicates or random draws, wider tolerances for the extra Monte-Carlo error); set
 * COSTRISK_FULL_REPRODUCTION=1 to run them at the thesis' own sizes.
 */
export const FULL_REPRODUCTION = process.env.COSTRISK_FULL_REPRODUCTION === '1';
