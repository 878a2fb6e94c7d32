import type { PrismaClient } from '@app/database';

/** The generated client's runtime data model and the migrated database's catalogue, for the schema tests. */
export interface RuntimeField {
  name: string;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  dbName?: string;
}

export interface RuntimeModel {
  dbName: string | null;
  fields: RuntimeField[];
}

/**
 * The data model the generated client carries (`config.runtimeDataModel` in
 * generated/prisma/internal/class.ts): models, fields with their kind, type and `dbName`
 * (the @map name, absent when the field is not mapped). It is an internal of the client, so
 * the first test checks it against the public `Prisma.ModelName` and `Prisma.*ScalarFieldEnum`.
 */
export function runtimeDataModel(prisma: PrismaClient): Record<string, RuntimeModel> {
  const models = (prisma as any)._runtimeDataModel?.models;
  if (!models) throw new Error('The generated client no longer exposes _runtimeDataModel.');
  return models;
}

export function runtimeModel(prisma: PrismaClient, model: string): RuntimeModel {
  const found = runtimeDataModel(prisma)[model];
  if (!found) throw new Error(`The generated client has no model ${model}.`);
  return found;
}

/** The non-relation fields of a model, in schema order. */
export function scalarFields(prisma: PrismaClient, model: string): RuntimeField[] {
  return runtimeModel(prisma, model).fields.filter((field) => field.kind !== 'object');
}

// ---------------------------------------------------------------------------------------
// What the migrated database has.
// ---------------------------------------------------------------------------------------

export interface DbColumn {
  table: string;
  column: string;
  is_nullable: 'YES' | 'NO';
  data_type: string;
  numeric_precision: number | null;
  numeric_scale: number | null;
  full_type: string;
}

export interface DbIndex {
  table: string;
  name: string;
  primary: boolean;
  unique: boolean;
  columns: string[];
}

export interface DbForeignKey {
  table: string;
  name: string;
  columns: string[];
  ref_table: string;
  ref_columns: string[];
  on_delete: string;
  on_update: string;
}

export const MIGRATIONS_TABLE = '_prisma_migrations';

export async function dbColumns(prisma: PrismaClient): Promise<DbColumn[]> {
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
       -- A partition is storage of its partitioned table, not a table of the schema.
       AND NOT (SELECT relispartition FROM pg_class WHERE oid = a.attrelid)
     ORDER BY c.table_name, c.ordinal_position`);
}

// ---------------------------------------------------------------------------------------
// Round-trip helpers.
// ---------------------------------------------------------------------------------------

/** 20 integer digits and 18 decimals: the largest magnitude NUMERIC(38,18) holds, at full scale. */
