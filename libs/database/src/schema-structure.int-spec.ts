import { createPrismaClient, Prisma, type PrismaClient } from '@app/database';
import {
  resetDatabase,
  testDatabaseUrl,
  columnsOf,
  expectedColumnType,
  expectedNullable,
  MODEL_NAMES,
  schema,
  schemaField,
  schemaModel,
  dbColumns,
  DbForeignKey,
  DbIndex,
  MIGRATIONS_TABLE,
  runtimeDataModel,
  runtimeModel,
  scalarFields,
} from '@app/testing';
import * as generatedEnums from './generated/prisma/enums';

/**
 * The migrations are hand-written (the schema engine cannot be fetched here): the generated
 * client and the migrated database must match schema.prisma: models, fields, column types,
 * nullability, enums, keys, indexes and foreign keys, with nothing extra.
 */
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
         WHERE n.nspname = 'public' AND t.relname <> '${MIGRATIONS_TABLE}'
           AND NOT t.relispartition`);
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
         WHERE con.contype = 'f' AND n.nspname = 'public' AND NOT cl.relispartition
           AND con.conparentid = 0`);
      const byName = (a: DbForeignKey, b: DbForeignKey) => a.name.localeCompare(b.name);
      expect(expected.length).toBeGreaterThan(0);
      expect([...actual].sort(byName)).toEqual([...expected].sort(byName));
    });
  });
});
