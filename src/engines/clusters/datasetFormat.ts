/**
 * How a data set is written: CSV (`x1..xp,label`), NumPy (`.npy` points and `_labels.npy`), or JSON
 * with its summary. The CLI, the export job, the Dataset Generator's messages and its view all take
 * their list from here.
 */
export const DATASET_FORMATS = ['csv', 'npy', 'json'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];
