import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import type PrismaTypes from './generated/prisma-pothos-types.ts';
import { getDatamodel } from './generated/prisma-pothos-types.ts';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context.ts';
import { EDGES_COST, LIST_MULTIPLIER } from '../limits/field-cost.ts';

/** The one place that lists plugins, the context type and scalars. */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: string; Output: Date | string };
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: File; Output: never };
  };
}>({
  plugins: [ComplexityPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.db.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { complexity: EDGES_COST },
  },
  errors: {
    defaultTypes: [],
  },
  // Field costs only (src/server/limits/field-cost.ts): the server checks the limit after validation, from Config.
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: LIST_MULTIPLIER,
  },
});

builder.queryType({});
builder.mutationType({});

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  parseValue: (value) => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new TypeError('A Date is written YYYY-MM-DD');
    return value;
  },
});

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError('A DateTime is ISO 8601, e.g. 2026-11-23T08:00:00Z');
    return date;
  },
});

builder.scalarType('JSON', {
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.scalarType('File', {
  description: 'A file uploaded with the GraphQL multipart request',
  serialize: () => {
    throw new Error('File is an input-only scalar');
  },
  // The server's fetch implementation may bring its own File class: check the shape, not the class.
  parseValue: (value) => {
    if (typeof value !== 'object' || value === null || typeof (value as File).arrayBuffer !== 'function') throw new TypeError('Expected an uploaded file');
    return value as File;
  },
});
