import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrismaClient, newId, Prisma, type PrismaClient } from '@app/database';
import { resetDatabase, testDatabaseUrl } from '@app/testing';
import * as generatedEnums from './generated/prisma/enums';

/**
 * The migrations are hand-written (the schema engine cannot be fetched here), so nothing
 * but this file proves they build the database `prisma/schema.prisma` describes. It checks
 * three things against the database the project's own runner migrated:
 *  - the generated client was generated from this schema.prisma (same models, fields, names);
 *  - every model and field has its table and column, of the type and nullability Prisma
 *    Migrate would have created, with nothing extra; enums, keys, indexes and foreign keys too;
 *  - every model round-trips every field through the generated client, and the CHECK and
 *    unique constraints the migration adds refuse what they must.
 */

const SCHEMA_PATH = join(__dirname, '..', '..', '..', 'prisma', 'schema.prisma');

// ---------------------------------------------------------------------------------------
// A small parser for the parts of schema.prisma that the generated client does not expose
// at runtime (optionality, lists, @db native types, keys and indexes).
// ---------------------------------------------------------------------------------------

interface SchemaField {
  name: string;
  type: string;
  list: boolean;
  optional: boolean;
  /** The column: the @map name, else the field name. */
  column: string;
  nativeType?: { name: string; args: string[] };
  id: boolean;
  unique: boolean;
  relation?: { fields: string[]; references: string[]; onDelete?: string; onUpdate?: string };
}

interface SchemaModel {
  name: string;
  /** The table: the @@map name, else the model name. */
  table: string;
  fields: SchemaField[];
  compoundId?: string[];
  uniques: string[][];
  indexes: string[][];
}

interface ParsedSchema {
  models: Map<string, SchemaModel>;
  enums: Map<string, string[]>;
}

/** Drops a `//` or `///` comment, but not `//` inside a string literal. */
function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"' && line[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

/** `[a, b(sort: Desc)]` → ['a', 'b']. */
function fieldList(text: string): string[] {
  const inner = /\[([^\]]*)\]/.exec(text);
  if (!inner) throw new Error(`Expected a field list in '${text}'.`);
  return inner[1]
    .split(',')
    .map((item) => item.replace(/\(.*\)/, '').trim())
    .filter((item) => item.length > 0);
}

function parseSchema(text: string): ParsedSchema {
  const models = new Map<string, SchemaModel>();
  const enums = new Map<string, string[]>();
  let block: { kind: string; name: string; lines: string[] } | undefined;
  for (const raw of text.split('\n')) {
    const line = stripComment(raw).trim();
    if (!line) continue;
    if (!block) {
      const start = /^(model|enum|type|view|generator|datasource)\s+(\w+)\s*\{$/.exec(line);
      if (!start) throw new Error(`Unexpected line outside a block: '${line}'.`);
      block = { kind: start[1], name: start[2], lines: [] };
    } else if (line === '}') {
      if (block.kind === 'model') models.set(block.name, parseModel(block.name, block.lines));
      else if (block.kind === 'enum') enums.set(block.name, parseEnum(block.name, block.lines));
      else if (block.kind === 'type' || block.kind === 'view') {
        throw new Error(`schema.prisma has a ${block.kind}: teach this test about it.`);
      }
      block = undefined;
    } else {
      block.lines.push(line);
    }
  }
  return { models, enums };
}

function parseEnum(name: string, lines: string[]): string[] {
  return lines.map((line) => {
    if (line.startsWith('@@') || /@map\(/.test(line)) {
      throw new Error(`enum ${name} maps names: teach this test about @map on enums.`);
    }
    const value = /^(\w+)$/.exec(line);
    if (!value) throw new Error(`Cannot parse enum value '${line}' of ${name}.`);
    return value[1];
  });
}

function parseModel(name: string, lines: string[]): SchemaModel {
  const model: SchemaModel = { name, table: name, fields: [], uniques: [], indexes: [] };
  for (const line of lines) {
    const blockAttribute = /^@@(\w+)\((.*)\)$/.exec(line);
    if (blockAttribute) {
      const [, attribute, args] = blockAttribute;
      if (attribute === 'map') model.table = /^"([^"]+)"$/.exec(args.trim())![1];
      else if (attribute === 'id') model.compoundId = fieldList(args);
      else if (attribute === 'unique') model.uniques.push(fieldList(args));
      else if (attribute === 'index') model.indexes.push(fieldList(args));
      else throw new Error(`${name} uses @@${attribute}: teach this test about it.`);
      continue;
    }
    const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
    if (!field) throw new Error(`Cannot parse line '${line}' of model ${name}.`);
    const [, fieldName, type, list, optional, attributes] = field;
    const native = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(attributes);
    const relation = /@relation\(([^)]*)\)/.exec(attributes);
    model.fields.push({
      name: fieldName,
      type,
      list: list !== undefined,
      optional: optional !== undefined,
      column: /@map\(\s*"([^"]+)"/.exec(attributes)?.[1] ?? fieldName,
      nativeType: native
        ? {
            name: native[1],
            args: (native[2] ?? '')
              .split(',')
              .map((arg) => arg.trim())
              .filter((arg) => arg.length > 0),
          }
        : undefined,
      id: /@id\b/.test(attributes),
      unique: /@unique\b/.test(attributes),
      relation:
        relation && /fields:/.test(relation[1])
          ? {
              fields: fieldList(/fields:\s*(\[[^\]]*\])/.exec(relation[1])![1]),
              references: fieldList(/references:\s*(\[[^\]]*\])/.exec(relation[1])![1]),
              onDelete: /onDelete:\s*(\w+)/.exec(relation[1])?.[1],
              onUpdate: /onUpdate:\s*(\w+)/.exec(relation[1])?.[1],
            }
          : undefined,
    });
  }
  return model;
}

const schema = parseSchema(readFileSync(SCHEMA_PATH, 'utf8'));
const MODEL_NAMES = [...schema.models.keys()];

function schemaModel(name: string): SchemaModel {
  const model = schema.models.get(name);
  if (!model) throw new Error(`schema.prisma has no model ${name}.`);
  return model;
}

function schemaField(model: string, field: string): SchemaField {
  const found = schemaModel(model).fields.find((f) => f.name === field);
  if (!found) throw new Error(`schema.prisma has no field ${model}.${field}.`);
  return found;
}

function columnsOf(model: string, fields: string[]): string[] {
  return fields.map((field) => schemaField(model, field).column);
}

/** How PostgreSQL spells an identifier in format_type(): quoted unless plain lower case. */
function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name}"`;
}

/** The column type Prisma Migrate creates for a field, as PostgreSQL's format_type() prints it. */
function expectedColumnType(field: SchemaField): string {
  const native = field.nativeType;
  const args = native?.args ?? [];
  const unsupported = (): never => {
    throw new Error(`${field.type} @db.${native?.name}: teach this test about this type.`);
  };
  let base: string;
  if (schema.enums.has(field.type)) {
    base = quoteIdent(field.type);
  } else {
    switch (field.type) {
      case 'String':
        if (!native || native.name === 'Text') base = 'text';
        else if (native.name === 'Char') base = `character(${args[0] ?? 1})`;
        else if (native.name === 'VarChar') {
          base = args.length ? `character varying(${args[0]})` : 'character varying';
        } else if (native.name === 'Uuid') base = 'uuid';
        else base = unsupported();
        break;
      case 'Int':
        if (!native || native.name === 'Integer') base = 'integer';
        else if (native.name === 'SmallInt') base = 'smallint';
        else base = unsupported();
        break;
      case 'BigInt':
        base = native ? unsupported() : 'bigint';
        break;
      case 'Boolean':
        base = native ? unsupported() : 'boolean';
        break;
      case 'Float':
        base = native ? unsupported() : 'double precision';
        break;
      case 'Decimal':
        if (!native) base = 'numeric(65,30)';
        else if (native.name === 'Decimal') base = `numeric(${args.join(',')})`;
        else base = unsupported();
        break;
      case 'DateTime':
        if (!native) base = 'timestamp(3) without time zone';
        else if (native.name === 'Timestamptz') {
          base = args.length ? `timestamp(${args[0]}) with time zone` : 'timestamp with time zone';
        } else if (native.name === 'Timestamp') {
          base = args.length
            ? `timestamp(${args[0]}) without time zone`
            : 'timestamp without time zone';
        } else if (native.name === 'Date') base = 'date';
        else base = unsupported();
        break;
      case 'Json':
        if (!native || native.name === 'JsonB') base = 'jsonb';
        else if (native.name === 'Json') base = 'json';
        else base = unsupported();
        break;
      case 'Bytes':
        base = native ? unsupported() : 'bytea';
        break;
      default:
        base = unsupported();
    }
  }
  return field.list ? `${base}[]` : base;
}

/**
 * Prisma Migrate creates optional fields nullable and required ones NOT NULL, except scalar
 * lists: on PostgreSQL it always creates them without NOT NULL (`"capabilities" TEXT[]`).
 */
function expectedNullable(field: SchemaField): 'YES' | 'NO' {
  return field.optional || field.list ? 'YES' : 'NO';
}

// ---------------------------------------------------------------------------------------
// The generated client's own view of the data model.
// ---------------------------------------------------------------------------------------

interface RuntimeField {
  name: string;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  dbName?: string;
}

interface RuntimeModel {
  dbName: string | null;
  fields: RuntimeField[];
}

/**
 * The data model the generated client carries (`config.runtimeDataModel` in
 * generated/prisma/internal/class.ts): models, fields with their kind, type and `dbName`
 * (the @map name, absent when the field is not mapped). It is an internal of the client, so
 * the first test checks it against the public `Prisma.ModelName` and `Prisma.*ScalarFieldEnum`.
 */
function runtimeDataModel(prisma: PrismaClient): Record<string, RuntimeModel> {
  const models = (prisma as any)._runtimeDataModel?.models;
  if (!models) throw new Error('The generated client no longer exposes _runtimeDataModel.');
  return models;
}

function runtimeModel(prisma: PrismaClient, model: string): RuntimeModel {
  const found = runtimeDataModel(prisma)[model];
  if (!found) throw new Error(`The generated client has no model ${model}.`);
  return found;
}

/** The non-relation fields of a model, in schema order. */
function scalarFields(prisma: PrismaClient, model: string): RuntimeField[] {
  return runtimeModel(prisma, model).fields.filter((field) => field.kind !== 'object');
}

// ---------------------------------------------------------------------------------------
// What the migrated database has.
// ---------------------------------------------------------------------------------------

interface DbColumn {
  table: string;
  column: string;
  is_nullable: 'YES' | 'NO';
  data_type: string;
  numeric_precision: number | null;
  numeric_scale: number | null;
  full_type: string;
}

interface DbIndex {
  table: string;
  name: string;
  primary: boolean;
  unique: boolean;
  columns: string[];
}

interface DbForeignKey {
  table: string;
  name: string;
  columns: string[];
  ref_table: string;
  ref_columns: string[];
  on_delete: string;
  on_update: string;
}

const MIGRATIONS_TABLE = '_prisma_migrations';

async function dbColumns(prisma: PrismaClient): Promise<DbColumn[]> {
  return prisma.$queryRawUnsafe<DbColumn[]>(`
    SELECT c.table_name::text AS "table", c.column_name::text AS "column",
           c.is_nullable::text AS is_nullable, c.data_type::text AS data_type,
           c.numeric_precision::int AS numeric_precision, c.numeric_scale::int AS numeric_scale,
           format_type(a.atttypid, a.atttypmod) AS full_type
      FROM information_schema.columns c
      JOIN information_schema.tables t
        ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      JOIN pg_catalog.pg_attribute a
        ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass
       AND a.attname = c.column_name
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
       AND c.table_name <> '${MIGRATIONS_TABLE}'
     ORDER BY c.table_name, c.ordinal_position`);
}

// ---------------------------------------------------------------------------------------
// Round-trip helpers.
// ---------------------------------------------------------------------------------------

/** 20 integer digits and 18 decimals: the largest magnitude NUMERIC(38,18) holds, at full scale. */
const HUGE = '12345678901234567890.123456789012345678';
const MAX = '99999999999999999999.999999999999999999';
const TINY = '0.000000000000000001';

/** A value compared as the client type of a field: Decimal by digits, DateTime by instant. */
function comparable(type: string, value: unknown, side: 'written' | 'read'): unknown {
  if (value === null || value === undefined) return value;
  switch (type) {
    case 'Decimal':
      if (side === 'read') expect(value).toBeInstanceOf(Prisma.Decimal);
      return {
        decimal: new Prisma.Decimal(
          value as ConstructorParameters<typeof Prisma.Decimal>[0],
        ).toFixed(),
      };
    case 'DateTime':
      expect(value).toBeInstanceOf(Date);
      return { instant: (value as Date).getTime() };
    case 'BigInt':
      expect(typeof value).toBe('bigint');
      return { bigint: (value as bigint).toString() };
    default:
      return value;
  }
}

/**
 * Asserts that `written` sets every scalar field of the model (so a new field fails here
 * until this file writes it too) and that `read` has exactly those fields, each equal.
 * `relations` names the relation fields `read` was loaded with.
 */
function expectRoundTrip(
  prisma: PrismaClient,
  model: string,
  written: Record<string, unknown>,
  read: Record<string, unknown>,
  relations: string[] = [],
): void {
  const fields = scalarFields(prisma, model);
  const names = fields.map((field) => field.name);
  expect(Object.keys(written).sort()).toEqual([...names].sort());
  expect(Object.keys(read).sort()).toEqual([...names, ...relations].sort());
  for (const field of fields) {
    const expected = comparable(field.type, written[field.name], 'written');
    const actual = comparable(field.type, read[field.name], 'read');
    expect({ field: `${model}.${field.name}`, value: actual }).toEqual({
      field: `${model}.${field.name}`,
      value: expected,
    });
  }
}

function hex64(): string {
  return randomBytes(32).toString('hex');
}

function accountData() {
  return {
    id: newId('acct'),
    name: `Ünïcødé Ltd — "quoted" 'single' \\ 🚀 ${randomBytes(3).toString('hex')}`,
    email: 'billing+ops@example.com',
    status: 'suspended' as const,
    balance: HUGE,
    spentTotal: TINY,
    lowBalanceThreshold: MAX,
    webhookUrl: 'https://example.test/hooks?a=1&b=ünï',
    webhookSecret: 'whsec_0123456789abcdef',
    lowBalanceAlerted: true,
    createdAt: new Date('2020-02-29T23:59:59.999Z'),
    updatedAt: new Date('2021-01-01T00:00:00.001Z'),
  };
}

function apiKeyData(accountId: string) {
  return {
    id: newId('key'),
    accountId,
    name: 'CI key, “production”',
    keyHash: hex64(),
    prefix: 'kr-AbCdEfG',
    scope: 'management' as const,
    spendLimit: HUGE,
    spentTotal: TINY,
    rateLimitPerMinute: 2_147_483_647,
    disabled: true,
    revokedAt: new Date('2026-03-04T05:06:07.089Z'),
    lastUsedAt: new Date('1999-12-31T23:59:59.999Z'),
    createdAt: new Date('2024-06-15T12:00:00.500Z'),
  };
}

function modelData() {
  return {
    id: `vendor/model-${randomBytes(4).toString('hex')}`,
    displayName: 'Model X — 128k',
    maker: 'Vendor',
    description: 'Line one.\nLine two with "quotes", commas, and ünïcode.',
    modality: 'image',
    capabilities: ['chat', 'tools', 'with,comma', 'with "quote"', 'with {brace}', 'ünï', ''],
    upstreamProvider: 'openrouter',
    upstreamModel: 'vendor/model-x-2026-01-01',
    defaultMaxOutputTokens: 131_072,
    status: 'retired' as const,
    createdAt: new Date('2025-01-01T00:00:00.000Z'),
    updatedAt: new Date('2025-01-02T00:00:00.123Z'),
  };
}

function priceData(modelId: string) {
  return {
    id: newId('price'),
    modelId,
    inputPerMillion: HUGE,
    outputPerMillion: TINY,
    cachedInputPerMillion: '0',
    effectiveFrom: new Date('2026-01-01T00:00:00.001Z'),
    createdBy: 'admin:alice',
    createdAt: new Date('2026-01-01T00:00:00.002Z'),
  };
}

function usageRecordData(ids: {
  accountId: string;
  apiKeyId: string;
  modelId: string;
  priceId: string;
}) {
  return {
    id: newId('gen'),
    ...ids,
    surface: 'anthropic' as const,
    streamed: true,
    inputTokens: 2147483647,
    outputTokens: 1,
    cachedInputTokens: 2147483647,
    cost: HUGE,
    estimated: true,
    occurredAt: new Date('2026-02-03T04:05:06.789Z'),
    pricedAt: new Date('2026-02-03T04:05:07.001Z'),
  };
}

/** An account, a key, a model and a price, every field filled; returns what was written. */
async function createParents(prisma: PrismaClient) {
  const account = accountData();
  await prisma.account.create({ data: account });
  const apiKey = apiKeyData(account.id);
  await prisma.apiKey.create({ data: apiKey });
  const model = modelData();
  await prisma.model.create({ data: model });
  const price = priceData(model.id);
  await prisma.price.create({ data: price });
  return { account, apiKey, model, price };
}

async function createUsageRecord(prisma: PrismaClient) {
  const { account, apiKey, model, price } = await createParents(prisma);
  const usage = usageRecordData({
    accountId: account.id,
    apiKeyId: apiKey.id,
    modelId: model.id,
    priceId: price.id,
  });
  await prisma.usageRecord.create({ data: usage });
  return { account, apiKey, model, price, usage };
}

/** The error a rejected promise carries (fails when it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => {
      throw new Error('Expected the database to refuse this write, but it was accepted.');
    },
    (error: unknown) => error,
  );
}

async function expectUniqueViolation(promise: Promise<unknown>): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  expect(error.code).toBe('P2002');
}

/**
 * A CHECK violation (SQLSTATE 23514) of the named constraint, not a refusal for another
 * reason. Prisma has no P-code of its own for it: it surfaces the database's code and message.
 */
async function expectCheckViolation(promise: Promise<unknown>, constraint: string): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  expect(error.message).toContain('23514');
  expect(error.message).toContain(`violates check constraint "${constraint}"`);
}

// ---------------------------------------------------------------------------------------

describe('schema.prisma, the generated client and the migrated database agree', () => {
  let prisma: PrismaClient;

  beforeAll(async () => {
    prisma = createPrismaClient(testDatabaseUrl());
    await resetDatabase(prisma);
  });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  describe('structure', () => {
    it('the generated client was generated from this schema.prisma', () => {
      const runtime = runtimeDataModel(prisma);
      expect(Object.values(Prisma.ModelName)).toEqual(MODEL_NAMES);
      expect(Object.keys(runtime)).toEqual(MODEL_NAMES);
      for (const name of MODEL_NAMES) {
        const parsed = schemaModel(name);
        const model = runtime[name];
        expect({ name, table: model.dbName ?? name }).toEqual({ name, table: parsed.table });
        expect(
          model.fields.map((field) => ({
            field: `${name}.${field.name}`,
            kind: field.kind,
            type: field.type,
            column: field.kind === 'object' ? undefined : (field.dbName ?? field.name),
          })),
        ).toEqual(
          parsed.fields.map((field) => ({
            field: `${name}.${field.name}`,
            kind: schema.models.has(field.type)
              ? 'object'
              : schema.enums.has(field.type)
                ? 'enum'
                : 'scalar',
            type: field.type,
            column: schema.models.has(field.type) ? undefined : field.column,
          })),
        );
        const scalarEnum = (Prisma as any)[`${name}ScalarFieldEnum`];
        expect(Object.values(scalarEnum)).toEqual(scalarFields(prisma, name).map((f) => f.name));
      }
      const enums: Record<string, Record<string, string>> = generatedEnums;
      expect(Object.keys(enums).sort()).toEqual([...schema.enums.keys()].sort());
      for (const [name, values] of schema.enums) {
        expect({ name, values: Object.values(enums[name]) }).toEqual({ name, values });
      }
    });

    it.each(MODEL_NAMES)(
      '%s: every field has its column, of the type and nullability Prisma would create',
      async (name) => {
        const model = runtimeModel(prisma, name);
        const table = model.dbName ?? name;
        const columns = (await dbColumns(prisma)).filter((column) => column.table === table);
        expect(columns.length).toBeGreaterThan(0);
        const mismatches: string[] = [];
        for (const field of scalarFields(prisma, name)) {
          const columnName = field.dbName ?? field.name;
          const parsed = schemaField(name, field.name);
          const column = columns.find((c) => c.column === columnName);
          if (!column) {
            mismatches.push(`${name}.${field.name}: no column ${table}.${columnName}`);
            continue;
          }
          const type = expectedColumnType(parsed);
          if (column.full_type !== type) {
            mismatches.push(`${name}.${field.name}: column type ${column.full_type}, want ${type}`);
          }
          const nullable = expectedNullable(parsed);
          if (column.is_nullable !== nullable) {
            mismatches.push(
              `${name}.${field.name}: is_nullable ${column.is_nullable}, want ${nullable}`,
            );
          }
        }
        expect(mismatches).toEqual([]);
      },
    );

    it('the database has no table or column the schema does not know', async () => {
      const known = new Map<string, Set<string>>();
      for (const name of MODEL_NAMES) {
        const model = runtimeModel(prisma, name);
        known.set(
          model.dbName ?? name,
          new Set(scalarFields(prisma, name).map((field) => field.dbName ?? field.name)),
        );
      }
      const unknown = (await dbColumns(prisma))
        .filter((column) => !known.get(column.table)?.has(column.column))
        .map((column) => `${column.table}.${column.column}`);
      expect(unknown).toEqual([]);
      const tables = new Set((await dbColumns(prisma)).map((column) => column.table));
      expect([...tables].sort()).toEqual([...known.keys()].sort());
    });

    it('every Decimal field is numeric(38,18) in the schema and in the database', async () => {
      const columns = await dbColumns(prisma);
      const decimals: string[] = [];
      for (const name of MODEL_NAMES) {
        const table = runtimeModel(prisma, name).dbName ?? name;
        for (const field of scalarFields(prisma, name).filter((f) => f.type === 'Decimal')) {
          const columnName = field.dbName ?? field.name;
          decimals.push(`${table}.${columnName}`);
          expect({
            field: `${name}.${field.name}`,
            native: schemaField(name, field.name).nativeType,
          }).toEqual({
            field: `${name}.${field.name}`,
            native: { name: 'Decimal', args: ['38', '18'] },
          });
          const column = columns.find((c) => c.table === table && c.column === columnName);
          expect({
            column: `${table}.${columnName}`,
            type: column?.data_type,
            precision: column?.numeric_precision,
            scale: column?.numeric_scale,
          }).toEqual({
            column: `${table}.${columnName}`,
            type: 'numeric',
            precision: 38,
            scale: 18,
          });
        }
      }
      // Not vacuous: balances, limits, prices, costs and ledger amounts are all money.
      expect(decimals.length).toBeGreaterThanOrEqual(11);
    });

    it('the database enums have the values of the schema enums, in order', async () => {
      const rows = await prisma.$queryRawUnsafe<{ name: string; values: string[] }[]>(`
        SELECT t.typname::text AS name,
               array(SELECT e.enumlabel::text FROM pg_enum e
                      WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE t.typtype = 'e' AND n.nspname = 'public'
         ORDER BY t.typname`);
      expect(Object.fromEntries(rows.map((row) => [row.name, row.values]))).toEqual(
        Object.fromEntries(schema.enums),
      );
    });

    it('primary keys, unique constraints and indexes are those of the schema, as Prisma names them', async () => {
      const expected: DbIndex[] = [];
      for (const model of schema.models.values()) {
        const t = model.table;
        const idFields = model.compoundId ?? model.fields.filter((f) => f.id).map((f) => f.name);
        const pk = columnsOf(model.name, idFields);
        expected.push({ table: t, name: `${t}_pkey`, primary: true, unique: true, columns: pk });
        const uniques = [
          ...model.fields.filter((f) => f.unique).map((f) => [f.name]),
          ...model.uniques,
        ];
        for (const fields of uniques) {
          const columns = columnsOf(model.name, fields);
          const name = `${t}_${columns.join('_')}_key`;
          expected.push({ table: t, name, primary: false, unique: true, columns });
        }
        for (const fields of model.indexes) {
          const columns = columnsOf(model.name, fields);
          const name = `${t}_${columns.join('_')}_idx`;
          expected.push({ table: t, name, primary: false, unique: false, columns });
        }
      }
      const actual = await prisma.$queryRawUnsafe<DbIndex[]>(`
        SELECT t.relname::text AS "table", i.relname::text AS name,
               ix.indisprimary AS "primary", ix.indisunique AS "unique",
               array(SELECT a.attname::text
                       FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                      ORDER BY k.ord) AS columns
          FROM pg_index ix
          JOIN pg_class i ON i.oid = ix.indexrelid
          JOIN pg_class t ON t.oid = ix.indrelid
          JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = 'public' AND t.relname <> '${MIGRATIONS_TABLE}'`);
      const byName = (a: DbIndex, b: DbIndex) => a.name.localeCompare(b.name);
      expect([...actual].sort(byName)).toEqual([...expected].sort(byName));
    });

    it('foreign keys are those of the schema relations, with their referential actions', async () => {
      const actions: Record<string, string> = {
        Cascade: 'c',
        Restrict: 'r',
        NoAction: 'a',
        SetNull: 'n',
        SetDefault: 'd',
      };
      const expected: DbForeignKey[] = [];
      for (const model of schema.models.values()) {
        for (const field of model.fields.filter((f) => f.relation)) {
          const relation = field.relation!;
          const columns = columnsOf(model.name, relation.fields);
          // Prisma's defaults: Restrict on delete for a required relation, SetNull for an
          // optional one; Cascade on update.
          const onDelete = relation.onDelete ?? (field.optional ? 'SetNull' : 'Restrict');
          expected.push({
            table: model.table,
            name: `${model.table}_${columns.join('_')}_fkey`,
            columns,
            ref_table: schemaModel(field.type).table,
            ref_columns: columnsOf(field.type, relation.references),
            on_delete: actions[onDelete],
            on_update: actions[relation.onUpdate ?? 'Cascade'],
          });
        }
      }
      const actual = await prisma.$queryRawUnsafe<DbForeignKey[]>(`
        SELECT cl.relname::text AS "table", con.conname::text AS name,
               array(SELECT a.attname::text
                       FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                      ORDER BY k.ord) AS columns,
               ref.relname::text AS ref_table,
               array(SELECT a.attname::text
                       FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                       JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                      ORDER BY k.ord) AS ref_columns,
               con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
          FROM pg_constraint con
          JOIN pg_class cl ON cl.oid = con.conrelid
          JOIN pg_class ref ON ref.oid = con.confrelid
          JOIN pg_namespace n ON n.oid = cl.relnamespace
         WHERE con.contype = 'f' AND n.nspname = 'public'`);
      const byName = (a: DbForeignKey, b: DbForeignKey) => a.name.localeCompare(b.name);
      expect(expected.length).toBeGreaterThan(0);
      expect([...actual].sort(byName)).toEqual([...expected].sort(byName));
    });
  });

  describe('every model round-trips every field through the generated client', () => {
    it('Account', async () => {
      const account = accountData();
      await prisma.account.create({ data: account });
      const read = await prisma.account.findUniqueOrThrow({ where: { id: account.id } });
      expectRoundTrip(prisma, 'Account', account, read);

      const before = Date.now();
      const changes = {
        name: 'Renamed',
        email: null,
        status: 'active' as const,
        balance: `-${HUGE}`,
        spentTotal: MAX,
        lowBalanceThreshold: TINY,
      };
      await prisma.account.update({ where: { id: account.id }, data: changes });
      const reread = await prisma.account.findUniqueOrThrow({ where: { id: account.id } });
      expectRoundTrip(
        prisma,
        'Account',
        { ...account, ...changes, updatedAt: reread.updatedAt },
        reread,
      );
      expect(reread.updatedAt.getTime()).toBeGreaterThan(account.updatedAt.getTime());
      expect(reread.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    });

    it('ApiKey, with its account', async () => {
      const account = accountData();
      await prisma.account.create({ data: account });
      const apiKey = apiKeyData(account.id);
      await prisma.apiKey.create({ data: apiKey });
      const read = await prisma.apiKey.findUniqueOrThrow({
        where: { id: apiKey.id },
        include: { account: true },
      });
      const { account: readAccount, ...readKey } = read;
      expectRoundTrip(prisma, 'ApiKey', apiKey, { ...readKey, account: readAccount }, ['account']);
      expectRoundTrip(prisma, 'Account', account, readAccount);
      expect(await prisma.apiKey.findUniqueOrThrow({ where: { keyHash: apiKey.keyHash } })).toEqual(
        readKey,
      );

      const changes = {
        spendLimit: null,
        disabled: false,
        revokedAt: null,
        lastUsedAt: new Date('2026-12-31T23:59:59.999Z'),
      };
      await prisma.apiKey.update({ where: { id: apiKey.id }, data: changes });
      const reread = await prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
      expectRoundTrip(prisma, 'ApiKey', { ...apiKey, ...changes }, reread);
    });

    it('Model, with its prices', async () => {
      const model = modelData();
      await prisma.model.create({ data: model });
      const price = priceData(model.id);
      await prisma.price.create({ data: price });
      const read = await prisma.model.findUniqueOrThrow({
        where: { id: model.id },
        include: { prices: true },
      });
      const { prices, ...readModel } = read;
      expectRoundTrip(prisma, 'Model', model, readModel);
      expect(prices).toHaveLength(1);
      expectRoundTrip(prisma, 'Price', price, prices[0]);

      const changes = { capabilities: [], status: 'active' as const, description: '' };
      await prisma.model.update({ where: { id: model.id }, data: changes });
      const reread = await prisma.model.findUniqueOrThrow({ where: { id: model.id } });
      expectRoundTrip(
        prisma,
        'Model',
        { ...model, ...changes, updatedAt: reread.updatedAt },
        reread,
      );
      expect(reread.updatedAt.getTime()).toBeGreaterThan(model.updatedAt.getTime());
    });

    it('Price, with its model', async () => {
      const model = modelData();
      await prisma.model.create({ data: model });
      const price = priceData(model.id);
      await prisma.price.create({ data: price });
      const read = await prisma.price.findUniqueOrThrow({
        where: { modelId_effectiveFrom: { modelId: model.id, effectiveFrom: price.effectiveFrom } },
        include: { model: true },
      });
      const { model: readModel, ...readPrice } = read;
      expectRoundTrip(prisma, 'Price', price, readPrice);
      expectRoundTrip(prisma, 'Model', model, readModel);

      const changes = {
        cachedInputPerMillion: null,
        createdBy: 'admin:bob',
        outputPerMillion: MAX,
      };
      await prisma.price.update({ where: { id: price.id }, data: changes });
      const reread = await prisma.price.findUniqueOrThrow({ where: { id: price.id } });
      expectRoundTrip(prisma, 'Price', { ...price, ...changes }, reread);
    });

    it('UsageRecord, with its account, key, model, price and ledger entry', async () => {
      const { account, apiKey, model, price, usage } = await createUsageRecord(prisma);
      const ledger = {
        id: 9007199254740993n, // 2^53 + 1: no Number can hold it
        accountId: account.id,
        kind: 'usage' as const,
        amount: `-${HUGE}`,
        balanceAfter: `-${TINY}`,
        usageRecordId: usage.id,
        idempotencyKey: 'idem-usage-1',
        note: 'usage of gen_…',
        createdAt: new Date('2026-02-03T04:05:07.002Z'),
      };
      await prisma.ledgerEntry.create({ data: ledger });
      const read = await prisma.usageRecord.findUniqueOrThrow({
        where: { id: usage.id },
        include: { account: true, apiKey: true, model: true, price: true, ledgerEntry: true },
      });
      const relations = ['account', 'apiKey', 'model', 'price', 'ledgerEntry'];
      expectRoundTrip(prisma, 'UsageRecord', usage, read, relations);
      expectRoundTrip(prisma, 'Account', account, read.account);
      expectRoundTrip(prisma, 'ApiKey', apiKey, read.apiKey);
      expectRoundTrip(prisma, 'Model', model, read.model);
      expectRoundTrip(prisma, 'Price', price, read.price);
      expectRoundTrip(prisma, 'LedgerEntry', ledger, read.ledgerEntry!);

      const changes = { streamed: false, estimated: false, outputTokens: 0, cachedInputTokens: 0 };
      await prisma.usageRecord.update({ where: { id: usage.id }, data: changes });
      const reread = await prisma.usageRecord.findUniqueOrThrow({ where: { id: usage.id } });
      expectRoundTrip(prisma, 'UsageRecord', { ...usage, ...changes }, reread);
    });

    it('LedgerEntry, with its account and usage record (and the record its price)', async () => {
      const { account, price, usage } = await createUsageRecord(prisma);
      const ledger = {
        id: 9007199254740995n,
        accountId: account.id,
        kind: 'usage' as const,
        amount: `-${TINY}`,
        balanceAfter: HUGE,
        usageRecordId: usage.id,
        idempotencyKey: 'idem-ledger-1',
        note: 'a note with ünïcode and "quotes"',
        createdAt: new Date('2026-02-03T04:05:07.999Z'),
      };
      await prisma.ledgerEntry.create({ data: ledger });
      const read = await prisma.ledgerEntry.findUniqueOrThrow({
        where: { id: ledger.id },
        include: { account: true, usageRecord: { include: { price: true } } },
      });
      expectRoundTrip(prisma, 'LedgerEntry', ledger, read, ['account', 'usageRecord']);
      expectRoundTrip(prisma, 'Account', account, read.account);
      const { price: readPrice, ...readUsage } = read.usageRecord!;
      expectRoundTrip(prisma, 'UsageRecord', usage, readUsage);
      expectRoundTrip(prisma, 'Price', price, readPrice);
      const byKey = await prisma.ledgerEntry.findUniqueOrThrow({
        where: {
          accountId_idempotencyKey: {
            accountId: account.id,
            idempotencyKey: ledger.idempotencyKey,
          },
        },
      });
      expect(byKey.id).toBe(ledger.id);

      const changes = { note: null, idempotencyKey: null, balanceAfter: '0' };
      await prisma.ledgerEntry.update({ where: { id: ledger.id }, data: changes });
      const reread = await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: ledger.id } });
      expectRoundTrip(prisma, 'LedgerEntry', { ...ledger, ...changes }, reread);

      // The id is a BIGSERIAL: left out, the database numbers it, and it comes back a bigint.
      const credit = await prisma.ledgerEntry.create({
        data: { accountId: account.id, kind: 'credit', amount: TINY, balanceAfter: TINY },
      });
      expect(typeof credit.id).toBe('bigint');
    });

    it('IdempotencyKey', async () => {
      const key = {
        key: `idem-${randomBytes(6).toString('hex')}`,
        route: 'POST /v1/admin/accounts/:id/credits',
        requestHash: hex64(),
        responseStatus: 201,
        responseBody: {
          id: 'acct_1',
          amount: HUGE,
          nested: { list: [1, -2.5, 0, true, false, null, 'ünï "q" \\'], empty: {}, none: [] },
          nothing: null,
        },
        createdAt: new Date('2026-05-06T07:08:09.010Z'),
      };
      await prisma.idempotencyKey.create({ data: key });
      const where = { route_key: { route: key.route, key: key.key } };
      const read = await prisma.idempotencyKey.findUniqueOrThrow({ where });
      expectRoundTrip(prisma, 'IdempotencyKey', key, read);

      const changes = { responseStatus: 409, responseBody: [1, 'two', null, { three: 3 }] };
      await prisma.idempotencyKey.update({ where, data: changes });
      const reread = await prisma.idempotencyKey.findUniqueOrThrow({ where });
      expectRoundTrip(prisma, 'IdempotencyKey', { ...key, ...changes }, reread);
    });

    it('AuditLog', async () => {
      const log = {
        id: 9223372036854775807n, // the largest BIGINT
        actor: 'admin-token:ops',
        action: 'account.credit',
        targetType: 'account',
        targetId: 'acct_1',
        before: { balance: '0', flags: [], meta: { note: null } },
        after: [{ balance: HUGE }, 'ünï', 42, false],
        createdAt: new Date('2026-07-08T09:10:11.012Z'),
      };
      await prisma.auditLog.create({ data: log });
      const read = await prisma.auditLog.findUniqueOrThrow({ where: { id: log.id } });
      expectRoundTrip(prisma, 'AuditLog', log, read);

      // Json? knows two nulls: SQL NULL (DbNull) and the JSON value null (JsonNull).
      await prisma.auditLog.update({
        where: { id: log.id },
        data: { before: Prisma.DbNull, after: Prisma.JsonNull, action: 'account.adjust' },
      });
      const reread = await prisma.auditLog.findUniqueOrThrow({ where: { id: log.id } });
      expectRoundTrip(
        prisma,
        'AuditLog',
        { ...log, before: null, after: null, action: 'account.adjust' },
        reread,
      );
      const [raw] = await prisma.$queryRawUnsafe<{ before_sql_null: boolean; after: string }[]>(
        `SELECT before IS NULL AS before_sql_null, jsonb_typeof(after) AS after
           FROM audit_logs WHERE id = $1`,
        log.id,
      );
      expect(raw).toEqual({ before_sql_null: true, after: 'null' });
    });

    it('UsageOutboxEntry', async () => {
      const entry = {
        eventId: `gen_outbox${randomBytes(6).toString('hex')}`,
        payload: {
          eventId: 'gen_x',
          inputTokens: 1000,
          occurredAt: '2026-11-22T08:00:00.000Z',
          estimated: false,
        },
        createdAt: new Date('2026-11-22T08:00:00.123Z'),
      };
      await prisma.usageOutboxEntry.create({ data: entry });
      const where = { eventId: entry.eventId };
      expectRoundTrip(
        prisma,
        'UsageOutboxEntry',
        entry,
        await prisma.usageOutboxEntry.findUniqueOrThrow({ where }),
      );
      const changes = { payload: { replaced: [1, 'two', null] } };
      await prisma.usageOutboxEntry.update({ where, data: changes });
      const reread = await prisma.usageOutboxEntry.findUniqueOrThrow({ where });
      expectRoundTrip(prisma, 'UsageOutboxEntry', { ...entry, ...changes }, reread);
    });

    it('covers every model of the schema', () => {
      // A model added to the schema needs its round trip above.
      expect(Object.values(Prisma.ModelName).sort()).toEqual(
        [
          'Account',
          'ApiKey',
          'AuditLog',
          'IdempotencyKey',
          'LedgerEntry',
          'Model',
          'Price',
          'UsageOutboxEntry',
          'UsageRecord',
        ].sort(),
      );
    });
  });

  describe('the constraints the migration adds refuse what they must', () => {
    it('a negative price (CHECK prices_non_negative_check)', async () => {
      const model = modelData();
      await prisma.model.create({ data: model });
      await expectCheckViolation(
        prisma.price.create({ data: { ...priceData(model.id), inputPerMillion: `-${TINY}` } }),
        'prices_non_negative_check',
      );
      await expectCheckViolation(
        prisma.price.create({ data: { ...priceData(model.id), cachedInputPerMillion: '-1' } }),
        'prices_non_negative_check',
      );
      expect(await prisma.price.count({ where: { modelId: model.id } })).toBe(0);
    });

    it('a negative key spend limit (CHECK api_keys_spend_limit_check)', async () => {
      const account = accountData();
      await prisma.account.create({ data: account });
      await expectCheckViolation(
        prisma.apiKey.create({ data: { ...apiKeyData(account.id), spendLimit: `-${TINY}` } }),
        'api_keys_spend_limit_check',
      );
    });

    it('more cached input tokens than input tokens (CHECK usage_records_non_negative_check)', async () => {
      const { account, apiKey, model, price } = await createParents(prisma);
      const ids = {
        accountId: account.id,
        apiKeyId: apiKey.id,
        modelId: model.id,
        priceId: price.id,
      };
      await expectCheckViolation(
        prisma.usageRecord.create({
          data: { ...usageRecordData(ids), inputTokens: 10, cachedInputTokens: 11 },
        }),
        'usage_records_non_negative_check',
      );
      await expectCheckViolation(
        prisma.usageRecord.create({ data: { ...usageRecordData(ids), cost: `-${TINY}` } }),
        'usage_records_non_negative_check',
      );
      expect(await prisma.usageRecord.count({ where: { accountId: account.id } })).toBe(0);
    });

    it('a usage entry without a usage record, or another entry with one (CHECK ledger_entries_usage_link_check)', async () => {
      const { account, usage } = await createUsageRecord(prisma);
      const base = { accountId: account.id, amount: '-1', balanceAfter: '-1' };
      await expectCheckViolation(
        prisma.ledgerEntry.create({ data: { ...base, kind: 'usage' } }),
        'ledger_entries_usage_link_check',
      );
      await expectCheckViolation(
        prisma.ledgerEntry.create({ data: { ...base, kind: 'credit', usageRecordId: usage.id } }),
        'ledger_entries_usage_link_check',
      );
    });

    it('a second ledger entry for the same usage record (P2002)', async () => {
      const { account, usage } = await createUsageRecord(prisma);
      const entry = {
        accountId: account.id,
        kind: 'usage' as const,
        amount: '-1',
        balanceAfter: '-1',
        usageRecordId: usage.id,
      };
      await prisma.ledgerEntry.create({ data: entry });
      await expectUniqueViolation(prisma.ledgerEntry.create({ data: entry }));
      expect(await prisma.ledgerEntry.count({ where: { usageRecordId: usage.id } })).toBe(1);
    });

    it('a usage record id delivered twice (P2002)', async () => {
      const { usage } = await createUsageRecord(prisma);
      await expectUniqueViolation(prisma.usageRecord.create({ data: usage }));
      expect(await prisma.usageRecord.count({ where: { id: usage.id } })).toBe(1);
    });

    it('an Idempotency-Key used twice by one account (P2002)', async () => {
      const account = accountData();
      await prisma.account.create({ data: account });
      const entry = {
        accountId: account.id,
        kind: 'credit' as const,
        amount: '1',
        balanceAfter: '1',
        idempotencyKey: 'idem-twice',
      };
      await prisma.ledgerEntry.create({ data: entry });
      await expectUniqueViolation(prisma.ledgerEntry.create({ data: entry }));
    });
  });
});
