import { createGraphQLError } from 'graphql-yoga';
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

/**
 * A scalar's refusal as a GraphQLError, so the client reads its message (yoga masks any other
 * error thrown while parsing as "Unexpected error").
 */
const badInput = (message: string) => createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

builder.queryType({});
builder.mutationType({});

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  parseValue: (value) => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw badInput('日期应写作 YYYY-MM-DD，如 2026-03-05 (a Date is written YYYY-MM-DD)');
    // 2026-02-30 would otherwise be stored as 2026-03-02.
    const day = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) throw badInput(`${value} 不是日历上存在的日期 (no such day)`);
    return value;
  },
});

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw badInput('时间应写作 ISO 8601，如 2026-11-23T08:00:00+08:00 (a DateTime is ISO 8601)');
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
    if (typeof value !== 'object' || value === null || typeof (value as File).arrayBuffer !== 'function') throw badInput('此处应为上传的文件 (expected an uploaded file)');
    return value as File;
  },
});
