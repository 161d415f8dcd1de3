import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../../shared/model/errors';
import { FILE_KINDS, readUserText } from '../fs/read-user-file';

/** Rows a data file may hold: every worker keeps them all. */
export const MAX_DATA_ROWS = 1_000_000;

export interface DataRows {
  columns: string[];
  rows: Array<Record<string, string>>;
}

/**
 * A load test's per-call data: a CSV file whose first line names the columns, or NDJSON (one
 * JSON object a line; a field that is not a string is used as its JSON text). Read bounded and
 * asynchronously; a bad line is named with its number.
 */
export async function readDataFile(path: string): Promise<DataRows> {
  const ext = extname(path).toLowerCase();
  const parse = ext === '.csv' ? parseCsv : ext === '.ndjson' || ext === '.jsonl' ? parseNdjson : undefined;
  if (!parse)
    throw new AppError(
      'VALIDATION',
      `${path}: a data file is .csv, .ndjson or .jsonl (by its extension), not '${ext || 'none'}'`,
    );
  const data = parse(await readUserText(path, FILE_KINDS.requestData), path);
  if (!data.rows.length) throw new AppError('VALIDATION', `${path}: the data file has no rows`);
  if (data.rows.length > MAX_DATA_ROWS)
    throw new AppError(
      'VALIDATION',
      `${path}: the data file has ${data.rows.length} rows; at most ${MAX_DATA_ROWS} are read`,
    );
  return data;
}

function parseCsv(text: string, path: string): DataRows {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (err) {
    throw new AppError('VALIDATION', `${path}: not valid CSV: ${(err as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) return { columns: [], rows: [] };
  const columns = header.map((c) => c.trim());
  return {
    columns,
    rows: body.map((record) => Object.fromEntries(columns.map((c, i) => [c, record[i] ?? '']))),
  };
}

function parseNdjson(text: string, path: string): DataRows {
  const rows: Array<Record<string, string>> = [];
  const columns = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new AppError('VALIDATION', `${path}, line ${i + 1}: not valid JSON: ${(err as Error).message}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new AppError(
        'VALIDATION',
        `${path}, line ${i + 1}: each line is a JSON object whose fields are the columns`,
      );
    const row: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      columns.add(k);
      row[k] = typeof v === 'string' ? v : JSON.stringify(v);
    }
    rows.push(row);
  }
  return { columns: [...columns], rows };
}
