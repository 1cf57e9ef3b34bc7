// Prints schema.graphql from the builder. `--check` fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/server/schema/index.ts';

const path = new URL('../schema.graphql', import.meta.url);
const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(path, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (committed !== printed) {
    console.error('schema.graphql is stale: run `npm run schema` and commit it.');
    process.exit(1);
  }
  console.log('schema.graphql is current');
} else {
  writeFileSync(path, printed);
  console.log('wrote schema.graphql');
}
