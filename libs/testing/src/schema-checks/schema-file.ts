import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small parser for the parts of prisma/schema.prisma that the generated client does not
 * expose at runtime (optionality, lists, @db native types, keys and indexes), for the
 * tests that prove the hand-written migrations build the database the schema describes.
 */
export const SCHEMA_PATH = join(__dirname, '..', '..', '..', '..', 'prisma', 'schema.prisma');

// ---------------------------------------------------------------------------------------
// A small parser for the parts of schema.prisma that the generated client does not expose
// at runtime (optionality, lists, @db native types, keys and indexes).
// ---------------------------------------------------------------------------------------

export interface SchemaField {
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

export interface SchemaModel {
  name: string;
  /** The table: the @@map name, else the model name. */
  table: string;
  fields: SchemaField[];
  compoundId?: string[];
  uniques: string[][];
  indexes: string[][];
}

export interface ParsedSchema {
  models: Map<string, SchemaModel>;
  enums: Map<string, string[]>;
}

/** Drops a `//` or `///` comment, but not `//` inside a string literal. */
export function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"' && line[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

/** `[a, b(sort: Desc)]` → ['a', 'b']. */
export function fieldList(text: string): string[] {
  const inner = /\[([^\]]*)\]/.exec(text);
  if (!inner) throw new Error(`Expected a field list in '${text}'.`);
  return inner[1]
    .split(',')
    .map((item) => item.replace(/\(.*\)/, '').trim())
    .filter((item) => item.length > 0);
}

export function parseSchema(text: string): ParsedSchema {
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

export function parseEnum(name: string, lines: string[]): string[] {
  return lines.map((line) => {
    if (line.startsWith('@@') || /@map\(/.test(line)) {
      throw new Error(`enum ${name} maps names: teach this test about @map on enums.`);
    }
    const value = /^(\w+)$/.exec(line);
    if (!value) throw new Error(`Cannot parse enum value '${line}' of ${name}.`);
    return value[1];
  });
}

export function parseModel(name: string, lines: string[]): SchemaModel {
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

export const schema = parseSchema(readFileSync(SCHEMA_PATH, 'utf8'));
export const MODEL_NAMES = [...schema.models.keys()];

export function schemaModel(name: string): SchemaModel {
  const model = schema.models.get(name);
  if (!model) throw new Error(`schema.prisma has no model ${name}.`);
  return model;
}

export function schemaField(model: string, field: string): SchemaField {
  const found = schemaModel(model).fields.find((f) => f.name === field);
  if (!found) throw new Error(`schema.prisma has no field ${model}.${field}.`);
  return found;
}

export function columnsOf(model: string, fields: string[]): string[] {
  return fields.map((field) => schemaField(model, field).column);
}

/** How PostgreSQL spells an identifier in format_type(): quoted unless plain lower case. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name}"`;
}

/** The column type Prisma Migrate creates for a field, as PostgreSQL's format_type() prints it. */
export function expectedColumnType(field: SchemaField): string {
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
export function expectedNullable(field: SchemaField): 'YES' | 'NO' {
  return field.optional || field.list ? 'YES' : 'NO';
}

// ---------------------------------------------------------------------------------------
// The generated client's own view of the data model.
// ---------------------------------------------------------------------------------------
